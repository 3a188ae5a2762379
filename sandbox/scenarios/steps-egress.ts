// Scenario steps for the ways out of a network: public IPs, NAT gateways and Azure Firewalls,
// as the matching `az network` commands would leave them.
import { allocatePublicIp } from '../controllers/aks/public-ips.ts';
import { azureFirstUsable, intToIp, parseCidr } from '../core/ip.ts';
import { newNatGateway, newPublicIp } from '../model/azure/factories.ts';
import { armId, childId, nameOf } from '../model/azure/ids.ts';
import type { AzureFirewall, NatGateway, PublicIPAddress, VirtualNetwork } from '../model/azure/types.ts';
import type { World } from '../model/world.ts';
import { resolveRef, scenarioError } from './refs.ts';
import { editSubnet, get, locationOf } from './steps-network.ts';
import type { RuleCollectionSpec, ScenarioStep } from './types.ts';

type Step<K extends ScenarioStep['kind']> = Extract<ScenarioStep, { kind: K }>;

export function publicIpStep(world: World, step: Step<'publicIp'>): void {
  const location = locationOf(world, step.group, step.location);
  const ipAddress = allocatePublicIp(world, location, `scenario:${step.group}/${step.name}`.toLowerCase());
  world.putResource(newPublicIp({ subscriptionId: world.state.subscription.id, resourceGroup: step.group, name: step.name, location, ipAddress }));
}

export function natGatewayStep(world: World, step: Step<'natGateway'>): void {
  const location = locationOf(world, step.group, step.location);
  const publicIpIds = step.publicIps.map((r) => resolveRef(world, r, 'public-ip'));
  const subnetIds = (step.subnets ?? []).map((r) => resolveRef(world, r, 'subnet'));
  const gateway: NatGateway = newNatGateway({
    subscriptionId: world.state.subscription.id,
    resourceGroup: step.group,
    name: step.name,
    location,
    publicIpIds,
    subnetIds,
    idleTimeoutInMinutes: step.idleTimeoutInMinutes,
  });
  world.putResource(gateway);
  for (const id of publicIpIds) world.putResource({ ...get<PublicIPAddress>(world, id, 'public IP'), natGateway: { id: gateway.id } });
  for (const id of subnetIds) editSubnet(world, id, (s) => ({ ...s, natGateway: { id: gateway.id } }));
}

function collection<R>(firewallId: string, kind: string, spec: RuleCollectionSpec<R>) {
  return {
    id: childId(firewallId, kind, spec.name),
    name: spec.name,
    priority: spec.priority,
    action: { type: spec.action },
    rules: spec.rules,
    provisioningState: 'Succeeded',
  };
}

/** An Azure Firewall in the VNet's AzureFirewallSubnet, on that subnet's first usable address. */
export function firewallStep(world: World, step: Step<'firewall'>): void {
  const location = locationOf(world, step.group, step.location);
  const vnet = get<VirtualNetwork>(world, resolveRef(world, step.vnet, 'vnet'), 'virtual network');
  const subnet = vnet.subnets.find((s) => s.name === 'AzureFirewallSubnet');
  if (!subnet) throw scenarioError(`virtual network ${vnet.name} has no AzureFirewallSubnet`);
  const pip = get<PublicIPAddress>(world, resolveRef(world, step.publicIp, 'public-ip'), 'public IP');
  const id = armId(world.state.subscription.id, step.group, 'Microsoft.Network', 'azureFirewalls', step.name);
  const ipConfigId = childId(id, 'azureFirewallIpConfigurations', nameOf(pip.id));
  const firewall: AzureFirewall = {
    id,
    name: step.name,
    type: 'Microsoft.Network/azureFirewalls',
    location,
    resourceGroup: step.group,
    tags: null,
    provisioningState: 'Succeeded',
    ipConfigurations: [
      { id: ipConfigId, name: nameOf(pip.id), privateIPAddress: intToIp(azureFirstUsable(parseCidr(subnet.addressPrefix))), publicIPAddress: { id: pip.id }, subnet: { id: subnet.id } },
    ],
    networkRuleCollections: (step.networkRuleCollections ?? []).map((c) => collection(id, 'networkRuleCollections', c)),
    applicationRuleCollections: (step.applicationRuleCollections ?? []).map((c) => collection(id, 'applicationRuleCollections', c)),
    natRuleCollections: [],
    sku: { name: 'AZFW_VNet', tier: 'Standard' },
    threatIntelMode: 'Alert',
  };
  world.putResource(firewall);
  world.putResource({ ...pip, ipConfiguration: { id: ipConfigId } });
}
