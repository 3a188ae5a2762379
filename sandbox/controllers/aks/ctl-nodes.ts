// The Kubernetes side of node lifecycle, as it runs continuously in a real cluster:
// - each VMSS instance's kubelet registers a Node (named after the instance's computer name);
// - kube-controller-manager's node IPAM (range allocator) gives kubenet and overlay nodes the
//   lowest free /24 of the pod CIDR, so the first three nodes get x.x.0.0/24, x.x.1.0/24,
//   x.x.2.0/24 and a node added after a scale-down reuses the freed block;
// - the cloud node lifecycle controller deletes the Node once its VM is gone.
// Existing Nodes are never rewritten here: their labels, taints and conditions belong to the
// learner, the kubelet and the route controller from then on.
import { cidrSize, formatCidr, nthSubnet, parseCidr, type Cidr } from '../../core/ip.ts';
import type { NetworkInterface, VirtualMachineScaleSet } from '../../model/azure/types.ts';
import type { Node } from '../../model/k8s/types.ts';
import type { World } from '../../model/world.ts';
import type { Controller } from '../types.ts';
import { clusterContext, type ClusterContext, type PoolLayout } from './context.ts';
import { buildNode } from './node-object.ts';
import { managedClusters } from './operations.ts';

const NODE_CIDR_PREFIX = 24;

/** Lowest-free /24 allocator over the pod CIDR (kube-controller-manager's cidrset). */
class NodeCidrAllocator {
  private readonly cidr: Cidr;
  private readonly used = new Set<number>();
  private readonly capacity: number;
  private cursor = 0;

  constructor(podCidr: string) {
    this.cidr = parseCidr(podCidr);
    this.capacity = Math.floor(cidrSize(this.cidr) / 2 ** (32 - NODE_CIDR_PREFIX));
  }

  occupy(nodeCidr: string | undefined): void {
    if (!nodeCidr) return;
    const block = parseCidr(nodeCidr);
    const offset = (block.base - this.cidr.base) / 2 ** (32 - NODE_CIDR_PREFIX);
    if (block.prefix === NODE_CIDR_PREFIX && Number.isInteger(offset) && offset >= 0 && offset < this.capacity) this.used.add(offset);
  }

  next(): string | undefined {
    while (this.cursor < this.capacity && this.used.has(this.cursor)) this.cursor++;
    if (this.cursor >= this.capacity) return undefined;
    this.used.add(this.cursor);
    return formatCidr(nthSubnet(this.cidr, NODE_CIDR_PREFIX, this.cursor));
  }
}

interface Member {
  pool: PoolLayout;
  instanceId: number;
  name: string;
  nicId: string;
}

function membersOf(world: World, ctx: ClusterContext): Member[] {
  const out: Member[] = [];
  for (const pool of ctx.pools) {
    const vmss = world.resource<VirtualMachineScaleSet>(pool.vmssId);
    if (!vmss) continue;
    const instances = [...vmss.instances].sort((a, b) => Number(a.instanceId) - Number(b.instanceId));
    for (const instance of instances) {
      out.push({ pool, instanceId: Number(instance.instanceId), name: instance.computerName, nicId: instance.networkInterface });
    }
  }
  return out;
}

function reconcileCluster(world: World, ctx: ClusterContext): void {
  const members = membersOf(world, ctx);
  const wanted = new Set(members.map((m) => m.name));
  const existing = new Map<string, Node>();
  for (const node of world.k8sList<Node>(ctx.key, 'Node')) {
    const aksNode = node.metadata.labels?.['kubernetes.azure.com/agentpool'] !== undefined;
    if (aksNode && !wanted.has(node.metadata.name)) world.k8sDelete(ctx.key, 'Node', undefined, node.metadata.name);
    else existing.set(node.metadata.name, node);
  }

  const podCidr = ctx.mode === 'kubenet' || ctx.mode === 'overlay' ? ctx.cluster.networkProfile.podCidr : null;
  const cidrs = podCidr ? new NodeCidrAllocator(podCidr) : undefined;
  for (const node of existing.values()) cidrs?.occupy(node.spec.podCIDR);

  for (const member of members) {
    const current = existing.get(member.name);
    if (current) {
      if (cidrs && !current.spec.podCIDR) {
        const block = cidrs.next();
        if (block) world.k8sPut(ctx.key, { ...current, spec: { ...current.spec, podCIDR: block, podCIDRs: [block] } });
      }
      continue;
    }
    const nic = world.resource<NetworkInterface>(member.nicId);
    const internalIp = nic?.ipConfigurations.find((c) => c.primary)?.privateIPAddress;
    if (!internalIp) continue;
    world.k8sApply(
      ctx.key,
      buildNode({
        ctx,
        pool: member.pool,
        instanceId: member.instanceId,
        nodeName: member.name,
        internalIp,
        podCidr: cidrs?.next(),
        seed: world.state.seed,
        now: world.timestamp(),
      }),
    );
  }
}

export const nodeController: Controller = {
  name: 'aks-nodes',
  reconcile(world: World): void {
    for (const cluster of managedClusters(world)) reconcileCluster(world, clusterContext(world, cluster));
  },
};
