// az network nic list|show|show-effective-route-table|list-effective-nsg, network watcher
// test-ip-flow|show-next-hop|test-connectivity, and the vmss commands that lead to node NICs.
import { azureError, cliError, resourceNotFound, type AzureError } from '../../../model/azure/errors.ts';
import { parseArmId } from '../../../model/azure/ids.ts';
import type { NetworkInterface, VirtualMachineScaleSet } from '../../../model/azure/types.ts';
import type { World } from '../../../model/world.ts';
import { nicEffectiveNsgs, type EffectiveNsgList } from '../../../network/nsg-effective.ts';
import { nicEffectiveRoutes, type EffectiveRouteTable } from '../../../network/routes.ts';
import { showNextHop, testConnectivity, testIpFlow } from '../../../network/watcher.ts';
import type { ArgSpec, AzInvocation, CommandSpec } from '../spec.ts';
import { RESOURCE_GROUP, resourcesInGroup, str } from './common.ts';
import { getNetwork } from './network-common.ts';

const NIC_TYPE = 'Microsoft.Network/networkInterfaces';

function isScaleSetNic(nic: NetworkInterface): boolean {
  return nic.id.toLowerCase().includes('/virtualmachinescalesets/');
}

const NIC_ARGS: ArgSpec[] = [
  { dest: 'resource_group_name', options: ['--resource-group', '-g'], help: 'Name of resource group. You can configure the default group using `az configure --defaults group=<name>`.', group: 'Resource Id' },
  { dest: 'name', options: ['--name', '-n'], help: 'The network interface (NIC).', group: 'Resource Id' },
  { dest: 'nic_ids', options: ['--ids'], kind: 'list', group: 'Resource Id', help: "One or more resource IDs (space-delimited). It should be a complete resource ID containing all information of 'Resource Id' arguments. You should provide either --ids or other 'Resource Id' arguments." },
];

/** The NIC named by -g/-n or by --ids (which also reaches scale set NICs). */
function findNic(inv: AzInvocation): NetworkInterface | AzureError {
  const ids = inv.args.nic_ids as string[] | undefined;
  if (ids && ids.length > 0) {
    const nic = inv.world.resource<NetworkInterface>(ids[0]!);
    if (nic) return nic;
    const parts = parseArmId(ids[0]!);
    return resourceNotFound(NIC_TYPE, parts?.names[parts.names.length - 1] ?? ids[0]!, parts?.resourceGroup ?? '');
  }
  const rg = str(inv, 'resource_group_name');
  const name = str(inv, 'name');
  if (!rg || !name) return azureError('cli', 'RequiredArgumentMissingError', '(--resource-group --name | --ids) are required', 2);
  return getNetwork<NetworkInterface>(inv.world, rg, 'networkInterfaces', name);
}

function routeTable(result: unknown): unknown {
  const rows: Record<string, unknown>[] = [];
  for (const route of (result as EffectiveRouteTable).value) {
    for (const prefix of route.addressPrefix) {
      rows.push({ Source: route.source, State: route.state, 'Address Prefix': prefix, 'Next Hop Type': route.nextHopType, 'Next Hop IP': route.nextHopIpAddress.join(' ') || '' });
    }
  }
  return rows;
}

function nsgTable(result: unknown): unknown {
  const rows: Record<string, unknown>[] = [];
  for (const item of (result as EffectiveNsgList).value) {
    const nic = item.association.networkInterface?.id.split('/').pop() ?? '-';
    const subnet = item.association.subnet?.id.split('/').pop() ?? '-';
    const nsg = item.networkSecurityGroup.id.split('/').pop();
    for (const rule of item.effectiveSecurityRules) {
      rows.push({ NIC: nic, Subnet: subnet, NSG: nsg, 'Rule Name': rule.name, Protocol: rule.protocol, Direction: rule.direction, Access: rule.access });
    }
  }
  return rows;
}

/** The NIC behind `--vm` (VM or scale set instance id, or a node's computer name) or `--nic`. */
function watcherNic(inv: AzInvocation): NetworkInterface | AzureError {
  const world = inv.world;
  const rg = str(inv, 'resource_group_name') ?? '';
  const nicArg = str(inv, 'nic');
  if (nicArg) {
    const nic = nicArg.startsWith('/') ? world.resource<NetworkInterface>(nicArg) : world.resourcesOfType<NetworkInterface>(NIC_TYPE).find((n) => n.name === nicArg && n.resourceGroup.toLowerCase() === rg.toLowerCase());
    return nic ?? resourceNotFound(NIC_TYPE, nicArg.split('/').pop()!, rg);
  }
  const vm = str(inv, 'vm') ?? str(inv, 'source_resource');
  if (!vm) return azureError('cli', 'RequiredArgumentMissingError', 'usage error: --vm NAME_OR_ID [--nic NAME_OR_ID]', 2);
  const nics = world.resourcesOfType<NetworkInterface>(NIC_TYPE);
  if (vm.startsWith('/')) {
    const nic = nics.find((n) => n.virtualMachine?.id.toLowerCase() === vm.toLowerCase());
    if (nic) return nic;
  }
  for (const vmss of world.resourcesOfType<VirtualMachineScaleSet>('Microsoft.Compute/virtualMachineScaleSets')) {
    const instance = vmss.instances.find((i) => i.computerName === vm || i.name === vm);
    if (instance) {
      const nic = world.resource<NetworkInterface>(instance.networkInterface);
      if (nic) return nic;
    }
  }
  return resourceNotFound('Microsoft.Compute/virtualMachines', vm.split('/').pop()!, rg);
}

const WATCHER_TARGET: ArgSpec[] = [
  { ...RESOURCE_GROUP, required: false },
  { dest: 'vm', options: ['--vm'], help: 'Name or ID of the VM to target. If the name of the VM is provided, the --resource-group is required.', group: 'Target VM' },
  { dest: 'nic', options: ['--nic'], help: 'Name or ID of the NIC resource to test. If the VM has multiple NICs and IP forwarding is enabled on any of them, this parameter is required.', group: 'Target VM' },
];

function scaleSetView(vmss: VirtualMachineScaleSet, world: World): Record<string, unknown> {
  const { agentPool: _pool, instances: _instances, nextInstanceId: _next, ...rest } = vmss;
  return {
    ...rest,
    orchestrationMode: 'Uniform',
    overprovision: false,
    platformFaultDomainCount: 1,
    singlePlacementGroup: false,
    uniqueId: world.hex(`vmss-unique:${vmss.id.toLowerCase()}`, 32).replace(/^(.{8})(.{4})(.{4})(.{4})(.{12})$/, '$1-$2-$3-$4-$5'),
    upgradePolicy: { mode: 'Manual' },
  };
}

function vmssTable(result: unknown): unknown {
  return (result as Record<string, unknown>[]).map((r) => ({
    Name: r.name,
    ResourceGroup: r.resourceGroup,
    Location: r.location,
    Zones: ((r.zones as string[] | undefined) ?? []).join(',') || '',
    Capacity: (r.sku as { capacity: number }).capacity,
    Overprovision: r.overprovision,
    UpgradePolicy: (r.upgradePolicy as { mode: string }).mode,
  }));
}

function getScaleSet(inv: AzInvocation, dest: string): VirtualMachineScaleSet | AzureError {
  const rg = str(inv, 'resource_group_name')!;
  const name = str(inv, dest)!;
  const found = inv.world.resourcesOfType<VirtualMachineScaleSet>('Microsoft.Compute/virtualMachineScaleSets').find((v) => v.name === name && v.resourceGroup.toLowerCase() === rg.toLowerCase());
  return found ?? resourceNotFound('Microsoft.Compute/virtualMachineScaleSets', name, rg);
}

export const nicCommands: CommandSpec[] = [
  {
    name: 'network nic list',
    summary: 'List network interfaces.',
    long: 'To list network interfaces attached to VMs in VM scale sets use \'az vmss nic list\' or \'az vmss nic list-vm-nics\'.',
    args: [{ ...RESOURCE_GROUP, required: false }],
    run(inv) {
      const group = str(inv, 'resource_group_name');
      return { result: resourcesInGroup<NetworkInterface>(inv.world, NIC_TYPE, group).filter((n) => !isScaleSetNic(n)) };
    },
  },
  {
    name: 'network nic show',
    summary: 'Get the details of a network interface.',
    args: NIC_ARGS,
    run(inv) {
      const nic = findNic(inv);
      return 'kind' in nic ? nic : { result: nic };
    },
  },
  {
    name: 'network nic show-effective-route-table',
    summary: 'Show the effective route table applied to a network interface.',
    args: NIC_ARGS,
    table: routeTable,
    examples: [{ name: 'Show the effective routes applied to a network interface.', text: 'az network nic show-effective-route-table -g MyResourceGroup -n MyNic' }],
    run(inv) {
      const nic = findNic(inv);
      if ('kind' in nic) return nic;
      const table = nicEffectiveRoutes(inv.world, nic);
      return table ? { result: table } : cliError('CLIError', `The network interface ${nic.name} is not attached to a running virtual machine.`);
    },
  },
  {
    name: 'network nic list-effective-nsg',
    summary: 'List all effective network security groups applied to a network interface.',
    args: NIC_ARGS,
    table: nsgTable,
    examples: [{ name: 'List the effective security groups associated with a NIC.', text: 'az network nic list-effective-nsg -g MyResourceGroup -n MyNic' }],
    run(inv) {
      const nic = findNic(inv);
      return 'kind' in nic ? nic : { result: nicEffectiveNsgs(inv.world, nic) };
    },
  },
  {
    name: 'network watcher test-ip-flow',
    summary: 'Test IP flow to/from a VM given the currently configured network security group rules.',
    args: [
      ...WATCHER_TARGET,
      { dest: 'direction', options: ['--direction'], required: true, choices: ['Inbound', 'Outbound'], help: 'Direction of the packet relative to the VM.' },
      { dest: 'protocol', options: ['--protocol'], required: true, choices: ['TCP', 'UDP'], help: 'Protocol to test.' },
      { dest: 'local', options: ['--local'], required: true, help: 'The private IPv4 address for the VM\'s NIC and the port of the packet in X.X.X.X:PORT format. `*` can be used for port when direction is outbound.' },
      { dest: 'remote', options: ['--remote'], required: true, help: 'The IPv4 address and port for the remote side of the packet X.X.X.X:PORT format. `*` can be used for port when the direction is inbound.' },
    ],
    examples: [{ name: 'Run test-ip-flow verify to test logical connectivity from a VM to the specified destination IPv4 address and port.', text: 'az network watcher test-ip-flow -g MyResourceGroup --direction Outbound --protocol TCP --local 10.0.0.4:* --remote 10.1.0.4:80 --vm MyVm' }],
    run(inv) {
      const nic = watcherNic(inv);
      if ('kind' in nic) return nic;
      const verdict = testIpFlow(inv.world, nic, {
        direction: str(inv, 'direction') as 'Inbound' | 'Outbound',
        protocol: str(inv, 'protocol') as 'TCP' | 'UDP',
        local: str(inv, 'local')!,
        remote: str(inv, 'remote')!,
      });
      // Assumption: wording of Network Watcher's refusal of an address the NIC does not hold.
      if (!verdict) return azureError('arm', 'InvalidLocalIpAddress', `The local IP address ${str(inv, 'local')} is not assigned to the network interface ${nic.id}.`);
      inv.sim.advance(10);
      return { result: verdict };
    },
  },
  {
    name: 'network watcher show-next-hop',
    summary: 'Get information on the \'next hop\' of a VM.',
    args: [
      ...WATCHER_TARGET,
      { dest: 'source_ip', options: ['--source-ip'], required: true, help: 'Source IPv4 address.' },
      { dest: 'dest_ip', options: ['--dest-ip'], required: true, help: 'Destination IPv4 address.' },
    ],
    examples: [{ name: 'Get the next hop from a VMs assigned IP address to a destination at 10.1.0.4.', text: 'az network watcher show-next-hop -g MyResourceGroup --vm MyVm --source-ip 10.0.0.4 --dest-ip 10.1.0.4' }],
    run(inv) {
      const nic = watcherNic(inv);
      if ('kind' in nic) return nic;
      const hop = showNextHop(inv.world, nic, str(inv, 'source_ip')!, str(inv, 'dest_ip')!);
      if (!hop) return azureError('arm', 'InvalidSourceIpAddress', `The source IP address ${str(inv, 'source_ip')} is not assigned to the network interface ${nic.id}.`);
      inv.sim.advance(10);
      return { result: hop };
    },
  },
  {
    name: 'network watcher test-connectivity',
    summary: 'Test if a connection can be established between a Virtual Machine and a given endpoint.',
    args: [
      { ...RESOURCE_GROUP, required: false },
      { dest: 'source_resource', options: ['--source-resource'], required: true, help: 'Name or ID of the resource from which to originate traffic. Currently only Virtual Machines are supported.', group: 'Source' },
      { dest: 'dest_resource', options: ['--dest-resource'], help: 'Name or ID of the resource to receive traffic. Currently only Virtual Machines are supported.', group: 'Destination' },
      { dest: 'dest_address', options: ['--dest-address'], help: 'IP address or URI at which to receive traffic.', group: 'Destination' },
      { dest: 'dest_port', options: ['--dest-port'], kind: 'int', help: 'Port number on which to receive traffic.', group: 'Destination' },
      { dest: 'protocol', options: ['--protocol'], choices: ['Http', 'Https', 'Icmp', 'Tcp'], help: 'Protocol to test on.' },
    ],
    examples: [{ name: 'Check connectivity between two virtual machines in the same resource group over port 80.', text: 'az network watcher test-connectivity -g MyResourceGroup --source-resource MyVmId1 --dest-resource MyVmId2 --dest-port 80' }],
    run(inv) {
      const nic = watcherNic(inv);
      if ('kind' in nic) return nic;
      let address = str(inv, 'dest_address');
      const destResource = str(inv, 'dest_resource');
      if (!address && destResource) {
        const target = watcherNic({ ...inv, args: { ...inv.args, vm: destResource, nic: undefined } });
        if ('kind' in target) return target;
        address = target.ipConfigurations.find((c) => c.primary)?.privateIPAddress;
      }
      if (!address) return azureError('cli', 'RequiredArgumentMissingError', 'usage error: --dest-resource ID | --dest-address ADDRESS', 2);
      inv.sim.advance(30);
      return { result: testConnectivity(inv.world, nic, { ip: address, port: (inv.args.dest_port as number | undefined) ?? 80 }) };
    },
  },
  {
    name: 'vmss list',
    summary: 'List VMSS.',
    args: [{ ...RESOURCE_GROUP, required: false }],
    table: vmssTable,
    run(inv) {
      const all = resourcesInGroup<VirtualMachineScaleSet>(inv.world, 'Microsoft.Compute/virtualMachineScaleSets', str(inv, 'resource_group_name'));
      return { result: all.map((v) => scaleSetView(v, inv.world)) };
    },
  },
  {
    name: 'vmss show',
    summary: 'Get details on VMs within a VMSS.',
    args: [RESOURCE_GROUP, { dest: 'name', options: ['--name', '-n'], required: true, help: 'Scale set name.' }],
    table: (r) => vmssTable([r]),
    run(inv) {
      const vmss = getScaleSet(inv, 'name');
      return 'kind' in vmss ? vmss : { result: scaleSetView(vmss, inv.world) };
    },
  },
  {
    name: 'vmss list-instances',
    summary: 'Get a list of all virtual machines in a VM scale sets.',
    args: [RESOURCE_GROUP, { dest: 'name', options: ['--name', '-n'], required: true, help: 'Scale set name.' }],
    run(inv) {
      const vmss = getScaleSet(inv, 'name');
      if ('kind' in vmss) return vmss;
      return {
        result: vmss.instances.map((i) => ({
          id: `${vmss.id}/virtualMachines/${i.instanceId}`,
          instanceId: i.instanceId,
          latestModelApplied: true,
          location: vmss.location,
          name: i.name,
          networkProfile: { networkInterfaces: [{ id: i.networkInterface, primary: true, resourceGroup: vmss.resourceGroup }] },
          osProfile: { adminUsername: 'azureuser', computerName: i.computerName },
          provisioningState: 'Succeeded',
          resourceGroup: vmss.resourceGroup,
          sku: { capacity: null, name: vmss.sku.name, tier: vmss.sku.tier },
          tags: vmss.tags,
          type: 'Microsoft.Compute/virtualMachineScaleSets/virtualMachines',
          vmId: inv.world.hex(`vm-id:${vmss.id.toLowerCase()}:${i.instanceId}`, 32).replace(/^(.{8})(.{4})(.{4})(.{4})(.{12})$/, '$1-$2-$3-$4-$5'),
        })),
      };
    },
  },
  {
    name: 'vmss nic list',
    summary: 'Get all network interfaces in a virtual machine scale set.',
    args: [RESOURCE_GROUP, { dest: 'vmss_name', options: ['--vmss-name'], required: true, help: 'Scale set name.' }],
    run(inv) {
      const vmss = getScaleSet(inv, 'vmss_name');
      if ('kind' in vmss) return vmss;
      const prefix = `${vmss.id.toLowerCase()}/`;
      return { result: inv.world.resourcesOfType<NetworkInterface>(NIC_TYPE).filter((n) => n.id.toLowerCase().startsWith(prefix)).sort((a, b) => (a.id < b.id ? -1 : 1)) };
    },
  },
];
