// cloud-provider-azure's LoadBalancer interface for one Service: EnsureLoadBalancer (reconcileService),
// EnsureLoadBalancerDeleted and the existence check. Each call works on a transaction and commits
// only when it succeeds, returning CPA's error text otherwise.
import type { LoadBalancer, PublicIPAddress } from '../../model/azure/types.ts';
import type { Node, Service } from '../../model/k8s/types.ts';
import type { World } from '../../model/world.ts';
import { listKind } from '../k8s/store.ts';
import { AzureTxn } from './azure-txn.ts';
import type { ClusterContext } from './context.ts';
import { isInternal } from './annotations.ts';
import { CloudError } from './errors.ts';
import { ownsFrontend } from './frontend.ts';
import { INTERNAL_LB_NAME, lbId, ownsName, PUBLIC_LB_NAME } from './names.ts';
import { determinePublicIpName, ensurePublicIpExists, releasePublicIps } from './public-ip.ts';
import { ensureOnLb, removeFromLb, syncManagedPools } from './reconcile-lb.ts';
import { reconcileSecurityGroup } from './security-group.ts';

export type EnsureResult = { ok: true; ingressIp: string } | { ok: false; message: string };

export interface ClusterView {
  ctx: ClusterContext;
  nodes: Node[];
}

/** Every Service as the API server has it now: earlier syncs of this round may have written statuses. */
function servicesNow(world: World, view: ClusterView): Service[] {
  return listKind<Service>(world, view.ctx.clusterId, 'Service');
}

function nodeIps(nodes: Node[]): string[] {
  return nodes.flatMap((n) => n.status.addresses.filter((a) => a.type === 'InternalIP').map((a) => a.address));
}

function run<T>(fn: () => T): { ok: true; value: T } | { ok: false; message: string } {
  try {
    return { ok: true, value: fn() };
  } catch (e) {
    if (e instanceof CloudError) return { ok: false, message: e.message };
    throw e;
  }
}

/** reconcileService: LB frontend/rules/probes, NSG rules, the opposite LB, then public IPs. */
export function ensureLoadBalancer(world: World, view: ClusterView, svc: Service): EnsureResult {
  const txn = new AzureTxn(world);
  const result = run(() => {
    const outcome = ensureOnLb(txn, view.ctx, svc, view.nodes);
    reconcileSecurityGroup(txn, view.ctx, svc, [outcome.ingressIp], true, { services: servicesNow(world, view), nodeIps: nodeIps(view.nodes) });
    // reconcilePublicIPs: let go of cluster-made IPs the Service no longer wants, then make sure
    // the one it wants exists and lists it (a second Service sharing an IP is added to the tag).
    if (isInternal(svc)) {
      releasePublicIps(txn, view.ctx, svc, undefined);
    } else {
      const choice = determinePublicIpName(txn, view.ctx, svc);
      releasePublicIps(txn, view.ctx, svc, choice.name);
      ensurePublicIpExists(txn, view.ctx, svc, choice);
    }
    return outcome.ingressIp;
  });
  if (!result.ok) return result;
  txn.commit();
  return { ok: true, ingressIp: result.value };
}

/** The addresses of the frontends the Service owns on either cluster LB. */
export function ownedFrontendIps(txn: AzureTxn, ctx: ClusterContext, svc: Service): string[] {
  const ips: string[] = [];
  for (const name of [PUBLIC_LB_NAME, INTERNAL_LB_NAME]) {
    const lb = txn.peek<LoadBalancer>(lbId(ctx.subscriptionId, ctx.nodeResourceGroup, name));
    for (const fip of lb?.frontendIPConfigurations ?? []) {
      if (!ownsFrontend(txn, ctx, svc, fip).owns) continue;
      const ip = fip.publicIPAddress ? txn.peek<PublicIPAddress>(fip.publicIPAddress.id)?.ipAddress : fip.privateIPAddress;
      if (ip) ips.push(ip);
    }
  }
  return ips;
}

/** GetLoadBalancer's `exists`: a frontend or rule of the Service is on a cluster LB. */
export function loadBalancerExists(world: World, ctx: ClusterContext, svc: Service): boolean {
  const txn = new AzureTxn(world);
  for (const name of [PUBLIC_LB_NAME, INTERNAL_LB_NAME]) {
    const lb = txn.peek<LoadBalancer>(lbId(ctx.subscriptionId, ctx.nodeResourceGroup, name));
    if (!lb) continue;
    if (lb.loadBalancingRules.some((r) => ownsName(svc, r.name))) return true;
    if (lb.frontendIPConfigurations.some((f) => ownsFrontend(txn, ctx, svc, f).primary)) return true;
  }
  return false;
}

/** EnsureLoadBalancerDeleted: NSG addresses, frontends/rules/probes on both LBs, cluster-made public IPs. */
export function ensureLoadBalancerDeleted(world: World, view: ClusterView, svc: Service): EnsureResult {
  const txn = new AzureTxn(world);
  const result = run(() => {
    const ips = ownedFrontendIps(txn, view.ctx, svc);
    reconcileSecurityGroup(txn, view.ctx, svc, ips, false, { services: servicesNow(world, view), nodeIps: nodeIps(view.nodes) });
    removeFromLb(txn, view.ctx, svc, PUBLIC_LB_NAME);
    removeFromLb(txn, view.ctx, svc, INTERNAL_LB_NAME);
    releasePublicIps(txn, view.ctx, svc, undefined);
    return '';
  });
  if (!result.ok) return result;
  txn.commit();
  return { ok: true, ingressIp: '' };
}

/** Backend pools of the LBs the cloud provider made itself follow the node set. */
export function updateHosts(world: World, view: ClusterView): void {
  const txn = new AzureTxn(world);
  syncManagedPools(txn, view.ctx, view.nodes);
  txn.commit();
}
