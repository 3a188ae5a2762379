// azure-ip-masq-agent's AKS-reconciled configuration: the destinations pod traffic reaches
// without SNAT to the node IP. Azure CNI (pods are VNet addresses): the node subnet, the service
// range and the VNet (a public node-subnet cluster dump lists exactly `10.224.0.0/16`,
// `10.0.0.0/16`, `10.224.0.0/12`). Overlay and kubenet (pod addresses unknown to the VNet): the
// pod CIDR only, so pod-to-pod stays un-NATed and everything else leaves as the node
// (overlay per AKS-docs `azure-cni-overlay.md`; kubenet assumed the same).
import type { ManagedCluster, NetworkInterface, VirtualNetwork } from '../../../model/azure/types.ts';
import type { World } from '../../../model/world.ts';
import type { PodNetworkMode } from '../cluster.ts';
import { addonLabels, configMap } from './builders.ts';

function subnetIdsOf(world: World, mc: ManagedCluster): string[] {
  const ids = mc.agentPoolProfiles?.map((p) => p.vnetSubnetId).filter((id): id is string => !!id) ?? [];
  if (ids.length) return ids;
  // AKS-managed VNet: the pools carry no subnet id; the cluster's NICs name it.
  const nic = world
    .resourcesOfType<NetworkInterface>('Microsoft.Network/networkInterfaces')
    .find((n) => n.resourceGroup?.toLowerCase() === mc.nodeResourceGroup?.toLowerCase() && n.ipConfigurations?.length);
  const subnet = nic?.ipConfigurations.find((c) => c.primary)?.subnet?.id ?? nic?.ipConfigurations[0]?.subnet?.id;
  return subnet ? [subnet] : [];
}

export function nonMasqueradeCidrs(world: World, mc: ManagedCluster, mode: PodNetworkMode): string[] {
  const profile = mc.networkProfile;
  if (mode !== 'azure-cni') {
    const pods = profile.podCidrs?.length ? profile.podCidrs : profile.podCidr ? [profile.podCidr] : [];
    return pods.filter((c) => !c.includes(':'));
  }
  const subnets: string[] = [];
  const vnets: string[] = [];
  for (const id of subnetIdsOf(world, mc)) {
    const vnetId = id.slice(0, id.toLowerCase().indexOf('/subnets/'));
    const vnet = world.resource<VirtualNetwork>(vnetId);
    const subnet = vnet?.subnets?.find((s) => s.id.toLowerCase() === id.toLowerCase());
    if (subnet?.addressPrefix) subnets.push(subnet.addressPrefix);
    for (const prefix of vnet?.addressSpace?.addressPrefixes ?? []) vnets.push(prefix);
  }
  const all = [...subnets, ...(profile.serviceCidrs?.length ? profile.serviceCidrs : [profile.serviceCidr]), ...vnets];
  return [...new Set(all.filter((c) => c && !c.includes(':')))];
}

export function ipMasqConfigMap(cidrs: readonly string[]) {
  const body = `nonMasqueradeCIDRs:\n${cidrs.map((c) => `  - ${c}\n`).join('')}masqLinkLocal: true\n`;
  return configMap(
    'azure-ip-masq-agent-config-reconciled',
    addonLabels('Reconcile', { component: 'ip-masq-agent' }),
    { 'ip-masq-agent-reconciled': body },
  );
}
