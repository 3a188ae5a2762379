// Which NIC (and so which IP, subnet and NSGs) backs each node, found through the scale sets in
// the node resource group. Built once per world revision so a packet trace does not walk every
// scale set again.
import type { NetworkInterface, NicIpConfiguration, VirtualMachineScaleSet } from '../../model/azure/types.ts';
import type { Node } from '../../model/k8s/types.ts';
import type { World } from '../../model/world.ts';

export interface NodeNic {
  nodeName: string;
  nic: NetworkInterface;
  ipConfig: NicIpConfiguration;
}

interface Cached {
  revision: number;
  byNode: Map<string, NodeNic>;
}

const cache = new WeakMap<World, Map<string, Cached>>();

function primaryIpConfig(nic: NetworkInterface): NicIpConfiguration | undefined {
  return nic.ipConfigurations.find((c) => c.primary) ?? nic.ipConfigurations[0];
}

function build(world: World, nodeResourceGroup: string): Map<string, NodeNic> {
  const rg = nodeResourceGroup.toLowerCase();
  const byNode = new Map<string, NodeNic>();
  for (const vmss of world.resourcesOfType<VirtualMachineScaleSet>('Microsoft.Compute/virtualMachineScaleSets')) {
    if (vmss.resourceGroup.toLowerCase() !== rg) continue;
    for (const instance of vmss.instances) {
      const nic = world.resource<NetworkInterface>(instance.networkInterface);
      const ipConfig = nic && primaryIpConfig(nic);
      if (!nic || !ipConfig) continue;
      const entry = { nodeName: instance.computerName, nic, ipConfig };
      byNode.set(instance.computerName, entry);
      if (instance.name !== instance.computerName) byNode.set(instance.name, entry);
    }
  }
  return byNode;
}

/** Node name → its primary NIC and IP configuration, for one node resource group. */
export function nodeNicIndex(world: World, nodeResourceGroup: string): Map<string, NodeNic> {
  let perRg = cache.get(world);
  if (!perRg) cache.set(world, (perRg = new Map()));
  const key = nodeResourceGroup.toLowerCase();
  const hit = perRg.get(key);
  if (hit && hit.revision === world.revision) return hit.byNode;
  const byNode = build(world, nodeResourceGroup);
  perRg.set(key, { revision: world.revision, byNode });
  return byNode;
}

export function isNodeReady(node: Node): boolean {
  return node.status.conditions.some((c) => c.type === 'Ready' && c.status === 'True');
}

/** The service controller's stable node set: not excluded by label, not being deleted by the autoscaler (k8s stableNodeSetPredicates). */
export function isLoadBalancerNode(node: Node): boolean {
  if (node.metadata.deletionTimestamp) return false;
  const exclude = node.metadata.labels?.['node.kubernetes.io/exclude-from-external-load-balancers'];
  // strconv.ParseBool: only its false spellings keep the node; true or unparsable excludes it.
  if (exclude !== undefined && !['0', 'f', 'F', 'false', 'FALSE', 'False'].includes(exclude)) return false;
  const taints = (node.spec.taints ?? []) as { key?: string }[];
  return !taints.some((t) => t.key === 'ToBeDeletedByClusterAutoscaler');
}
