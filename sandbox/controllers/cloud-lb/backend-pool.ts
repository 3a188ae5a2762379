// Nodes in a backend pool, AKS's default nodeIPConfiguration style: the pool lists each node
// NIC's primary IP configuration and the IP configuration lists the pool (CPA EnsureHostsInPool).
// AKS provisioning fills the pools of the LB it creates; this keeps the pool of an LB the cloud
// provider created itself (kubernetes-internal, or kubernetes on a cluster without outbound rules).
import type { LoadBalancer, NetworkInterface } from '../../model/azure/types.ts';
import type { Node as K8sNode } from '../../model/k8s/types.ts';
import type { AzureTxn } from './azure-txn.ts';
import type { ClusterContext } from './context.ts';
import { isLoadBalancerNode, nodeNicIndex } from './node-index.ts';
import { BACKEND_POOL_NAME } from './names.ts';
import { poolId } from './lb-resource.ts';

/** True for the LBs whose pool this controller keeps: AKS's own LB carries the outbound rules. */
export function managesPool(lb: LoadBalancer): boolean {
  return lb.outboundRules.length === 0;
}

/** The NIC IP configuration ids that should be in the pool, in node order. */
export function wantedMembers(txn: AzureTxn, ctx: ClusterContext, nodes: K8sNode[]): { ipConfigId: string; nicId: string }[] {
  const index = nodeNicIndex(txn.world, ctx.nodeResourceGroup);
  const out: { ipConfigId: string; nicId: string }[] = [];
  for (const node of nodes) {
    if (!isLoadBalancerNode(node)) continue;
    const entry = index.get(node.metadata.name);
    if (entry) out.push({ ipConfigId: entry.ipConfig.id, nicId: entry.nic.id });
  }
  return out;
}

/** Makes the pool list exactly `members`, and each NIC IP configuration point at the pool or not. */
export function syncPoolMembers(txn: AzureTxn, lb: LoadBalancer, members: { ipConfigId: string; nicId: string }[]): void {
  const pool = lb.backendAddressPools.find((p) => p.name === BACKEND_POOL_NAME);
  if (!pool) return;
  const id = poolId(lb, BACKEND_POOL_NAME).toLowerCase();
  const wanted = new Set(members.map((m) => m.ipConfigId.toLowerCase()));
  const current = pool.backendIPConfigurations.map((r) => r.id.toLowerCase());
  const nicIds = new Set(members.map((m) => m.nicId));
  for (const ref of current) {
    const cut = ref.indexOf('/ipconfigurations/');
    if (!wanted.has(ref) && cut > 0) nicIds.add(ref.slice(0, cut));
  }

  const sameList = current.length === wanted.size && current.every((r) => wanted.has(r));
  if (!sameList) {
    // Listed in NIC creation order, as Azure (and the AKS back-reference bookkeeping) lists members.
    const ordered: { id: string }[] = [];
    for (const nic of txn.list<NetworkInterface>('Microsoft.Network/networkInterfaces')) {
      for (const c of nic.ipConfigurations) if (wanted.has(c.id.toLowerCase())) ordered.push({ id: c.id });
    }
    pool.backendIPConfigurations = ordered;
  }

  for (const nicId of nicIds) {
    const nic = txn.peek<NetworkInterface>(nicId);
    if (!nic) continue;
    const needs = nic.ipConfigurations.some((c) => {
      const inPool = (c.loadBalancerBackendAddressPools ?? []).some((p) => p.id.toLowerCase() === id);
      return inPool !== wanted.has(c.id.toLowerCase());
    });
    if (!needs) continue;
    const copy = txn.edit<NetworkInterface>(nicId)!;
    for (const c of copy.ipConfigurations) {
      const pools = (c.loadBalancerBackendAddressPools ?? []).filter((p) => p.id.toLowerCase() !== id);
      if (wanted.has(c.id.toLowerCase())) pools.push({ id: poolId(lb, BACKEND_POOL_NAME) });
      c.loadBalancerBackendAddressPools = pools;
    }
  }
}

/** Before an LB is deleted: take its pool out of every NIC that points at it. */
export function detachPool(txn: AzureTxn, lb: LoadBalancer): void {
  syncPoolMembers(txn, lb, []);
}
