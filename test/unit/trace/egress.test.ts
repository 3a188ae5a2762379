// Pod → internet: ip-masq-agent SNATs the pod to its node, then Azure gives the node a public
// source — the load balancer's outbound rule, a NAT gateway, or an Azure Firewall the route
// table sends 0.0.0.0/0 to — or drops new connections once the node's SNAT ports are used up.
import { describe, expect, it } from 'vitest';
import { newPublicIp, newRoute, newRouteTable, newSubnet, newVirtualNetwork } from '../../../sandbox/model/azure/factories.ts';
import { armId } from '../../../sandbox/model/azure/ids.ts';
import type { AzureFirewall, NatGateway, PublicIPAddress } from '../../../sandbox/model/azure/types.ts';
import { clusterEgressIps } from '../../../sandbox/network/trace/index.ts';
import { World } from '../../../sandbox/model/world.ts';
import { createWorldState } from '../../../sandbox/model/new-world.ts';
import { newResourceGroup } from '../../../sandbox/model/azure/factories.ts';
import { createManagedCluster } from '../../../sandbox/controllers/aks/index.ts';
import { isAzureError } from '../../../sandbox/model/azure/errors.ts';
import { actions, fromPod, getPod, lab, nodeIp, nodesOf, pod, run, settleAll, RG } from './fixtures.ts';

const SITE = '93.184.216.34';

describe('through the load balancer outbound rule', () => {
  const { world, id, nodes, mc } = lab({ networkPlugin: 'kubenet' }, 'egress-lb');
  pod(world, id, 'client', nodes[0]!.metadata.name, { image: 'busybox' });
  settleAll(world);
  const podIp = getPod(world, id, 'client').status.podIP!;

  it('is seen from the cluster outbound public IP after two SNATs', () => {
    const t = run(world, fromPod(id, 'client'), SITE, 443);
    const [outboundIp] = clusterEgressIps(world, mc);
    expect([t.verdict, t.sourceSeenAs, t.finalDestination]).toEqual(['delivered', outboundIp, { ip: SITE, port: 443 }]);
    expect(actions(t)).toEqual(['send:pass', 'snat:rewrite', 'send:pass', 'nsg:pass', 'route:pass', 'snat:rewrite', 'deliver:deliver']);
    expect(t.hops[1]!.reason).toBe(`azure-ip-masq-agent: ${SITE} is outside every non-masquerade range, so the IP-MASQ-AGENT chain masquerades the pod address ${podIp} to the node address ${nodeIp(nodes[0]!)}.`);
    expect(t.hops[5]!.at).toBe('load balancer kubernetes (outbound rule aksOutboundRule)');
    expect(t.reached).toEqual({ kind: 'internet' });
  });

  it('times out once the node has used all its SNAT ports', () => {
    world.state.conditions['snatUsage'] = { [nodeIp(nodes[0]!)]: 1024 };
    world.touch();
    const t = run(world, fromPod(id, 'client'), SITE, 443);
    expect(t.verdict).toBe('timed-out');
    const last = t.hops.at(-1)!;
    expect([last.at, last.action, last.decision]).toEqual(['load balancer kubernetes (outbound rule aksOutboundRule)', 'snat', 'drop']);
    expect(last.details).toEqual({ allocated: '1024', used: '1024' });
    // Another node still has ports.
    pod(world, id, 'other', nodes[1]!.metadata.name, { image: 'busybox' });
    settleAll(world);
    expect(run(world, fromPod(id, 'other'), SITE, 443).verdict).toBe('delivered');
    delete world.state.conditions['snatUsage'];
    world.touch();
  });
});

describe('through a NAT gateway', () => {
  it('is seen from the NAT gateway public IP', () => {
    const { world, id, nodes } = lab({ networkPlugin: 'azure', networkPluginMode: 'overlay', outboundType: 'managedNATGateway' }, 'egress-natgw');
    pod(world, id, 'client', nodes[0]!.metadata.name, { image: 'busybox' });
    settleAll(world);
    const gw = world.resourcesOfType<NatGateway>('Microsoft.Network/natGateways')[0]!;
    const gwIp = world.resource<PublicIPAddress>(gw.publicIpAddresses[0]!.id)!.ipAddress;
    const t = run(world, fromPod(id, 'client'), SITE, 443);
    expect([t.verdict, t.sourceSeenAs]).toEqual(['delivered', gwIp]);
    expect(t.hops.find((h) => h.action === 'snat' && h.at.startsWith('NAT gateway'))!.at).toBe(`NAT gateway ${gw.name}`);
  });
});

describe('through an Azure Firewall (outboundType userDefinedRouting)', () => {
  function spokeWithFirewall(allow: boolean) {
    const world = new World(createWorldState('egress-fw'));
    const sub = world.state.subscription.id;
    world.putResourceGroup(newResourceGroup({ subscriptionId: sub, name: RG, location: 'eastus' }));
    const vnetId = armId(sub, RG, 'Microsoft.Network', 'virtualNetworks', 'spoke');
    const tableId = armId(sub, RG, 'Microsoft.Network', 'routeTables', 'to-firewall');
    world.putResource(
      newRouteTable({
        subscriptionId: sub,
        resourceGroup: RG,
        name: 'to-firewall',
        location: 'eastus',
        routes: [newRoute({ routeTableId: tableId, resourceGroup: RG, name: 'default', addressPrefix: '0.0.0.0/0', nextHopType: 'VirtualAppliance', nextHopIpAddress: '10.20.4.4' })],
      }),
    );
    const nodesSubnet = newSubnet({ vnetId, resourceGroup: RG, name: 'nodes', addressPrefix: '10.20.0.0/22', routeTableId: tableId });
    const fwSubnet = newSubnet({ vnetId, resourceGroup: RG, name: 'AzureFirewallSubnet', addressPrefix: '10.20.4.0/26' });
    world.putResource(newVirtualNetwork({ subscriptionId: sub, resourceGroup: RG, name: 'spoke', location: 'eastus', addressPrefixes: ['10.20.0.0/16'], subnets: [nodesSubnet, fwSubnet] }));
    const pip = newPublicIp({ subscriptionId: sub, resourceGroup: RG, name: 'fw-pip', location: 'eastus', ipAddress: '52.170.10.10' });
    world.putResource(pip);
    const fwId = armId(sub, RG, 'Microsoft.Network', 'azureFirewalls', 'hub-fw');
    const fw: AzureFirewall = {
      id: fwId,
      name: 'hub-fw',
      type: 'Microsoft.Network/azureFirewalls',
      location: 'eastus',
      resourceGroup: RG,
      tags: null,
      provisioningState: 'Succeeded',
      ipConfigurations: [{ id: `${fwId}/azureFirewallIpConfigurations/config`, name: 'config', privateIPAddress: '10.20.4.4', publicIPAddress: { id: pip.id }, subnet: { id: fwSubnet.id } }],
      networkRuleCollections: allow
        ? [
            {
              id: `${fwId}/networkRuleCollections/egress`,
              name: 'egress',
              priority: 100,
              action: { type: 'Allow' },
              rules: [{ name: 'all', protocols: ['Any'], sourceAddresses: ['10.20.0.0/22'], destinationAddresses: ['*'], destinationFqdns: [], destinationPorts: ['*'] }],
              provisioningState: 'Succeeded',
            },
          ]
        : [],
      applicationRuleCollections: [],
      natRuleCollections: [],
      sku: { name: 'AZFW_VNet', tier: 'Standard' },
      threatIntelMode: 'Alert',
    } as AzureFirewall;
    world.putResource(fw);
    const mc = createManagedCluster(world, { resourceGroup: RG, name: 'aks1', nodeCount: 2, networkPlugin: 'azure', outboundType: 'userDefinedRouting', vnetSubnetId: nodesSubnet.id });
    if (isAzureError(mc)) throw new Error(mc.message);
    settleAll(world);
    const nodes = nodesOf(world, mc.id);
    pod(world, mc.id, 'client', nodes[0]!.metadata.name, { image: 'busybox' });
    settleAll(world);
    return { world, id: mc.id };
  }

  it('is seen from the firewall public IP when a rule allows it', () => {
    const { world, id } = spokeWithFirewall(true);
    const t = run(world, fromPod(id, 'client'), SITE, 443);
    expect([t.verdict, t.sourceSeenAs]).toEqual(['delivered', '52.170.10.10']);
    const route = t.hops.find((h) => h.action === 'route')!;
    expect(route.details).toMatchObject({ prefix: '0.0.0.0/0', nextHopType: 'VirtualAppliance', nextHopIp: '10.20.4.4', source: 'User' });
    expect(t.hops.filter((h) => h.at === 'Azure Firewall hub-fw').map((h) => `${h.action}:${h.decision}`)).toEqual(['firewall:pass', 'snat:rewrite']);
  });

  it('is denied by the firewall when no rule allows it', () => {
    const { world, id } = spokeWithFirewall(false);
    const https = run(world, fromPod(id, 'client'), SITE, 443);
    expect([https.verdict, https.answer]).toEqual(['refused', 'connection reset during the TLS handshake']);
    const ssh = run(world, fromPod(id, 'client'), SITE, 22);
    expect(ssh.verdict).toBe('dropped');
    const last = ssh.hops.at(-1)!;
    expect([last.at, last.action, last.decision]).toEqual(['Azure Firewall hub-fw', 'firewall', 'drop']);
    expect(last.reason).toMatch(/^No network or application rule matches TCP 10\.20\.0\.\d+:\d+ → 93\.184\.216\.34:22, so the firewall denies it by default\.$/);
  });
});
