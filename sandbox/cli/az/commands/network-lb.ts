// az network lb show|list with its frontend-ip, probe, rule, outbound-rule and address-pool
// list|show; public-ip create|show|list|update|delete; nat gateway create|show|list|delete.
import { cliError, publicIpAddressCannotBeDeleted, type AzureError } from '../../../model/azure/errors.ts';
import { newNatGateway, newPublicIp, regionalPublicIp } from '../../../model/azure/factories.ts';
import type { LoadBalancer, NatGateway, PublicIPAddress } from '../../../model/azure/types.ts';
import type { ArgSpec, CommandSpec } from '../spec.ts';
import { LOCATION, list, num, parseTags, RESOURCE_GROUP, RESOURCE_GROUP_ID, str, subscriptionId, TAGS } from './common.ts';
import { childNotFound, deleteCommand, getNetwork, idName, listCommand, locationOf, namesOf, refId, showCommand } from './network-common.ts';

const LB = { group: 'network lb', type: 'loadBalancers', noun: 'load balancer' };
const PIP = { group: 'network public-ip', type: 'publicIPAddresses', noun: 'public IP address' };
const NAT = { group: 'network nat gateway', type: 'natGateways', noun: 'NAT gateway' };

const LB_NAME: ArgSpec = { dest: 'lb_name', options: ['--lb-name'], required: true, help: 'The load balancer name.', complete: namesOf('Microsoft.Network/loadBalancers') };

type LbChild = 'frontendIPConfigurations' | 'probes' | 'loadBalancingRules' | 'outboundRules' | 'backendAddressPools';

const CHILDREN: { group: string; field: LbChild; noun: string }[] = [
  { group: 'frontend-ip', field: 'frontendIPConfigurations', noun: 'frontend IP configuration' },
  { group: 'probe', field: 'probes', noun: 'load balancer probe' },
  { group: 'rule', field: 'loadBalancingRules', noun: 'load balancing rule' },
  { group: 'outbound-rule', field: 'outboundRules', noun: 'outbound rule' },
  { group: 'address-pool', field: 'backendAddressPools', noun: 'address pool' },
];

function lbChildCommands(): CommandSpec[] {
  return CHILDREN.flatMap(({ group, field, noun }): CommandSpec[] => [
    {
      name: `network lb ${group} list`,
      summary: `List ${noun}s.`,
      args: [RESOURCE_GROUP, LB_NAME],
      run(inv) {
        const lb = getNetwork<LoadBalancer>(inv.world, str(inv, 'resource_group_name')!, 'loadBalancers', str(inv, 'lb_name')!);
        return 'kind' in lb ? lb : { result: lb[field] };
      },
    },
    {
      name: `network lb ${group} show`,
      summary: `Get the details of a ${noun}.`,
      args: [RESOURCE_GROUP_ID, { ...LB_NAME, idPart: true, group: 'Resource Id' }, idName(`The name of the ${noun}.`)],
      ids: true,
      run(inv) {
        const lb = getNetwork<LoadBalancer>(inv.world, str(inv, 'resource_group_name')!, 'loadBalancers', str(inv, 'lb_name')!);
        if ('kind' in lb) return lb;
        const child = (lb[field] as { name: string }[]).find((c) => c.name === str(inv, 'name'));
        return child ? { result: child } : childNotFound('loadBalancers', lb.name, field, str(inv, 'name')!, lb.resourceGroup);
      },
    },
  ]);
}

export const lbCommands: CommandSpec[] = [
  showCommand(LB),
  listCommand(LB),
  ...lbChildCommands(),

  {
    name: 'network public-ip create',
    summary: 'Create a public IP address.',
    args: [
      RESOURCE_GROUP,
      { dest: 'name', options: ['--name', '-n'], required: true, help: 'The name of the public IP address.' },
      LOCATION,
      { dest: 'sku', options: ['--sku'], choices: ['Basic', 'Standard'], default: 'Standard', help: 'Name of a public IP address SKU.' },
      { dest: 'allocation_method', options: ['--allocation-method'], choices: ['Dynamic', 'Static'], help: 'IP address allocation method.' },
      { dest: 'version', options: ['--version'], choices: ['IPv4', 'IPv6'], default: 'IPv4', help: 'IP address type.' },
      { dest: 'zone', options: ['--zone', '-z'], kind: 'list', help: 'Space-separated list of availability zones into which to provision the resource.' },
      { dest: 'dns_name', options: ['--dns-name'], help: 'Globally unique DNS entry.' },
      { dest: 'idle_timeout', options: ['--idle-timeout'], kind: 'int', default: 4, help: 'Idle timeout in minutes.' },
      TAGS,
    ],
    examples: [{ name: 'Create a basic public IP resource.', text: 'az network public-ip create -g MyResourceGroup -n MyIp' }],
    run(inv) {
      const location = locationOf(inv);
      if (typeof location !== 'string') return location;
      const taken = new Set(inv.world.resourcesOfType<PublicIPAddress>('Microsoft.Network/publicIPAddresses').map((p) => p.ipAddress));
      const rg = str(inv, 'resource_group_name')!;
      const name = str(inv, 'name')!;
      const zones = list(inv, 'zone');
      const pip = newPublicIp({
        subscriptionId: subscriptionId(inv),
        resourceGroup: rg,
        name,
        location,
        tags: parseTags(inv.args.tags) ?? {},
        ipAddress: regionalPublicIp(location, `${inv.world.state.seed}/public-ip/${rg}/${name}`.toLowerCase(), taken),
        idleTimeoutInMinutes: num(inv, 'idle_timeout') ?? 4,
        ...(zones ? { zones } : {}),
      });
      const sku = str(inv, 'sku') as 'Basic' | 'Standard';
      pip.sku = { name: sku, tier: 'Regional' };
      pip.publicIPAllocationMethod = (str(inv, 'allocation_method') as 'Static' | 'Dynamic' | undefined) ?? (sku === 'Standard' ? 'Static' : 'Dynamic');
      const label = str(inv, 'dns_name');
      if (label) pip.dnsSettings = { domainNameLabel: label, fqdn: `${label}.${location}.cloudapp.azure.com` };
      const existing = inv.world.resource<PublicIPAddress>(pip.id);
      inv.world.putResource(existing ? { ...existing, tags: pip.tags, dnsSettings: pip.dnsSettings ?? existing.dnsSettings ?? null } : pip);
      inv.sim.settle();
      return { result: { publicIp: inv.world.resource(pip.id) } };
    },
  },
  showCommand(PIP),
  listCommand(PIP),
  {
    name: 'network public-ip update',
    summary: 'Update a public IP address.',
    args: [
      RESOURCE_GROUP_ID,
      idName('The name of the public IP address.', 'Microsoft.Network/publicIPAddresses'),
      { dest: 'dns_name', options: ['--dns-name'], help: 'Globally unique DNS entry.' },
      { dest: 'idle_timeout', options: ['--idle-timeout'], kind: 'int', help: 'Idle timeout in minutes.' },
      { dest: 'allocation_method', options: ['--allocation-method'], choices: ['Dynamic', 'Static'], help: 'IP address allocation method.' },
      TAGS,
      { dest: 'set', options: ['--set'], kind: 'list', group: 'Generic Update', help: 'Update an object by specifying a property path and value to set.  Example: --set property1.property2=<value>.' },
    ],
    ids: true,
    examples: [{ name: 'Update a public IP resource with a DNS name label and static allocation.', text: 'az network public-ip update -g MyResourceGroup -n MyIp --dns-name MyLabel --allocation-method Static' }],
    run(inv) {
      const pip = getNetwork<PublicIPAddress>(inv.world, str(inv, 'resource_group_name')!, 'publicIPAddresses', str(inv, 'name')!);
      if ('kind' in pip) return pip;
      const next: PublicIPAddress = { ...pip };
      const tags = parseTags(inv.args.tags);
      if (tags) next.tags = tags;
      for (const expr of list(inv, 'set') ?? []) {
        const m = /^tags\.([^=]+)=(.*)$/.exec(expr);
        if (!m) return cliError('InvalidArgumentValueError', `Couldn't find '${expr.split('=')[0]}' in ''. Available options: []`);
        next.tags = { ...(next.tags ?? {}), [m[1]!]: m[2]! };
      }
      const label = str(inv, 'dns_name');
      if (label !== undefined) next.dnsSettings = label ? { domainNameLabel: label, fqdn: `${label}.${pip.location}.cloudapp.azure.com` } : null;
      const idle = num(inv, 'idle_timeout');
      if (idle !== undefined) next.idleTimeoutInMinutes = idle;
      const method = str(inv, 'allocation_method');
      if (method) next.publicIPAllocationMethod = method as 'Static' | 'Dynamic';
      inv.world.putResource(next);
      inv.sim.settle();
      return { result: inv.world.resource(pip.id) };
    },
  },
  deleteCommand(PIP, (resource) => {
    const pip = resource as PublicIPAddress;
    const owner = pip.ipConfiguration?.id ?? pip.natGateway?.id;
    return owner ? publicIpAddressCannotBeDeleted(pip.id, owner) : undefined;
  }),

  {
    name: 'network nat gateway create',
    summary: 'Create a NAT gateway.',
    args: [
      RESOURCE_GROUP,
      { dest: 'name', options: ['--name', '-n'], required: true, help: 'Name of the NAT gateway.' },
      LOCATION,
      { dest: 'public_ip_addresses', options: ['--public-ip-addresses'], kind: 'list', help: 'Space-separated list of public IP addresses (Names or IDs).', complete: namesOf('Microsoft.Network/publicIPAddresses') },
      { dest: 'public_ip_prefixes', options: ['--public-ip-prefixes'], kind: 'list', help: 'Space-separated list of public IP prefixes (Names or IDs).' },
      { dest: 'idle_timeout', options: ['--idle-timeout'], kind: 'int', help: 'Idle timeout in minutes.' },
      { dest: 'zone', options: ['--zone', '-z'], kind: 'list', help: 'Availability zone into which to provision the resource. Allowed values: 1, 2, 3.' },
      TAGS,
    ],
    examples: [{ name: 'Create a NAT gateway.', text: 'az network nat gateway create --resource-group MyResourceGroup --name MyNatGateway --location MyLocation --public-ip-addresses MyPublicIp --public-ip-prefixes MyPublicIpPrefix --idle-timeout 4 --zone 2' }],
    run(inv) {
      const location = locationOf(inv);
      if (typeof location !== 'string') return location;
      const rg = str(inv, 'resource_group_name')!;
      const ids: string[] = [];
      for (const value of list(inv, 'public_ip_addresses') ?? []) {
        const id = refId(inv.world, rg, 'publicIPAddresses', value)!;
        const pip = inv.world.resource<PublicIPAddress>(id);
        if (!pip) return getNetwork(inv.world, rg, 'publicIPAddresses', value) as AzureError;
        ids.push(pip.id);
      }
      const gateway = newNatGateway({ subscriptionId: subscriptionId(inv), resourceGroup: rg, name: str(inv, 'name')!, location, tags: parseTags(inv.args.tags) ?? {}, publicIpIds: ids, idleTimeoutInMinutes: num(inv, 'idle_timeout') ?? 4 });
      const existing = inv.world.resource<NatGateway>(gateway.id);
      inv.world.putResource(existing ? { ...existing, publicIpAddresses: gateway.publicIpAddresses, idleTimeoutInMinutes: gateway.idleTimeoutInMinutes } : gateway);
      for (const id of ids) {
        const pip = inv.world.resource<PublicIPAddress>(id)!;
        inv.world.putResource({ ...pip, natGateway: { id: gateway.id } });
      }
      inv.sim.settle();
      return { result: inv.world.resource(gateway.id) };
    },
  },
  showCommand(NAT),
  listCommand(NAT),
  deleteCommand(NAT, (resource) => {
    const gateway = resource as NatGateway;
    const used = gateway.subnets?.[0];
    // Assumption: wording, modelled on the provider's other InUse errors.
    return used ? cliError('InUseNatGatewayCannotBeDeleted', `Nat Gateway ${gateway.id} is in use by ${used.id} and cannot be deleted.`) : undefined;
  }),
];
