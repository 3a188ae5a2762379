// What a VNet gives its machines for DNS: the servers DHCP hands out (168.63.129.16 unless the
// VNet names custom servers), the search suffix (the VNet's internal.cloudapp.net zone, or the
// stub reddog.microsoft.com with custom servers), and the VM host names Azure DNS answers in it.
// The host index is built once per world revision.
import { internalDomainNameSuffixFor } from '../../model/azure/compute-factories.ts';
import type { NetworkInterface, VirtualMachineScaleSet, VirtualNetwork } from '../../model/azure/types.ts';
import type { World, WorldState } from '../../model/world.ts';
import { idKey, parentOf } from '../arm-ids.ts';

/** Azure-provided DNS: the host's virtual IP, reachable only from inside Azure. */
export const AZURE_DNS_IP = '168.63.129.16';

/** DHCP's search domain for VNets with custom DNS servers: a stub that never resolves anything (AKS-docs coredns-troubleshoot.md). */
export const CUSTOM_DNS_SEARCH_STUB = 'reddog.microsoft.com';

interface VnetHosts {
  byName: Map<string, string>;
  byIp: Map<string, string>;
  /** The suffix a NIC in the VNet reports, when one does. */
  suffix?: string;
}

interface HostIndex {
  vnets: Map<string, VnetHosts>;
}

const cache = new WeakMap<WorldState, { revision: number; index: HostIndex }>();

export function vnetIdOfSubnet(subnetId: string): string {
  return parentOf(subnetId, 'subnets');
}

export function vnetOfSubnet(world: World, subnetId: string | null | undefined): VirtualNetwork | undefined {
  if (!subnetId) return undefined;
  return world.resource<VirtualNetwork>(vnetIdOfSubnet(subnetId));
}

/** The servers DHCP gives machines in the VNet, in order. */
export function vnetDnsServers(vnet: VirtualNetwork): string[] {
  const custom = (vnet.dhcpOptions?.dnsServers ?? []).filter((s) => s.trim() !== '');
  return custom.length > 0 ? custom : [AZURE_DNS_IP];
}

export function usesCustomDns(vnet: VirtualNetwork): boolean {
  return (vnet.dhcpOptions?.dnsServers ?? []).some((s) => s.trim() !== '');
}

/** `<vnet id>.<zone>.internal.cloudapp.net`: taken from a NIC in the VNet when one reports it. */
export function internalSuffix(world: World, vnet: VirtualNetwork): string {
  return hostIndex(world).vnets.get(idKey(vnet.id))?.suffix ?? internalDomainNameSuffixFor(vnet.id);
}

/** The search domain DHCP hands out in this VNet. */
export function dhcpSearchDomain(world: World, vnet: VirtualNetwork): string {
  return usesCustomDns(vnet) ? CUSTOM_DNS_SEARCH_STUB : internalSuffix(world, vnet);
}

/** Address of a VM (or scale-set instance) in the VNet by its host name, as Azure DNS registers it. */
export function vmAddress(world: World, vnetId: string, hostname: string): string | undefined {
  return hostIndex(world).vnets.get(idKey(vnetId))?.byName.get(hostname.toLowerCase());
}

export function vmHostname(world: World, vnetId: string, ip: string): string | undefined {
  return hostIndex(world).vnets.get(idKey(vnetId))?.byIp.get(ip);
}

function hostIndex(world: World): HostIndex {
  const hit = cache.get(world.state);
  if (hit && hit.revision === world.revision) return hit.index;
  const index = buildHostIndex(world);
  cache.set(world.state, { revision: world.revision, index });
  return index;
}

function buildHostIndex(world: World): HostIndex {
  const vnets = new Map<string, VnetHosts>();
  const entry = (subnetId: string): VnetHosts => {
    const key = idKey(vnetIdOfSubnet(subnetId));
    let hosts = vnets.get(key);
    if (!hosts) vnets.set(key, (hosts = { byName: new Map(), byIp: new Map() }));
    return hosts;
  };
  const addNic = (nic: NetworkInterface | undefined, hostname: string) => {
    if (!nic) return;
    const config = nic.ipConfigurations.find((c) => c.primary) ?? nic.ipConfigurations[0];
    if (!config?.subnet?.id) return;
    const hosts = entry(config.subnet.id);
    hosts.byName.set(hostname.toLowerCase(), config.privateIPAddress);
    hosts.byIp.set(config.privateIPAddress, hostname.toLowerCase());
    const suffix = nic.dnsSettings?.internalDomainNameSuffix;
    if (suffix && !hosts.suffix) hosts.suffix = suffix.toLowerCase();
  };
  const seenNics = new Set<string>();
  for (const r of Object.values(world.state.resources)) {
    if (r.type.toLowerCase() !== 'microsoft.compute/virtualmachinescalesets') continue;
    for (const instance of (r as VirtualMachineScaleSet).instances ?? []) {
      seenNics.add(idKey(instance.networkInterface));
      addNic(world.resource<NetworkInterface>(instance.networkInterface), instance.computerName || instance.name);
    }
  }
  // Stand-alone VMs: a NIC attached to a virtual machine is registered under the VM's name.
  for (const r of Object.values(world.state.resources)) {
    if (r.type.toLowerCase() !== 'microsoft.network/networkinterfaces' || seenNics.has(idKey(r.id))) continue;
    const nic = r as NetworkInterface;
    if (nic.virtualMachine?.id) addNic(nic, nic.virtualMachine.id.slice(nic.virtualMachine.id.lastIndexOf('/') + 1));
  }
  for (const m of Object.values(world.state.machines)) {
    if (m.kind !== 'vm' || !m.subnetId || !m.privateIp) continue;
    const hosts = entry(m.subnetId);
    if (!hosts.byName.has(m.hostname.toLowerCase())) hosts.byName.set(m.hostname.toLowerCase(), m.privateIp);
    if (!hosts.byIp.has(m.privateIp)) hosts.byIp.set(m.privateIp, m.hostname.toLowerCase());
  }
  return { vnets };
}
