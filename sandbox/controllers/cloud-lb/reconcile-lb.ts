// One Service on the cluster load balancers: CPA's reconcileLoadBalancer, for wantLb (frontend,
// conflict check, rules and probes) and for its removal (also run on the opposite LB, the
// "flipped" Service, so switching internal <-> public moves it). Changes go to the transaction.
import type { FrontendIPConfiguration, LoadBalancer, LoadBalancingRule, Probe, PublicIPAddress } from '../../model/azure/types.ts';
import type { Node, Service } from '../../model/k8s/types.ts';
import type { AzureTxn } from './azure-txn.ts';
import type { ClusterContext } from './context.ts';
import { isInternal } from './annotations.ts';
import { detachPool, managesPool, syncPoolMembers, wantedMembers } from './backend-pool.ts';
import { CloudError } from './errors.ts';
import { frontendChanged, newFrontend, ownsFrontend } from './frontend.ts';
import { newLoadBalancer, refreshBackRefs, refreshPublicIpLinks } from './lb-resource.ts';
import { expectedLbConfig } from './lb-rules.ts';
import { INTERNAL_LB_NAME, lbId, ownsName, PUBLIC_LB_NAME } from './names.ts';

export interface LbOutcome {
  lb: LoadBalancer;
  frontend: FrontendIPConfiguration;
  /** The address clients use: the public IP's, or the internal frontend's private one. */
  ingressIp: string;
}

function canonical(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}

function lbIdFor(ctx: ClusterContext, name: string): string {
  return lbId(ctx.subscriptionId, ctx.nodeResourceGroup, name);
}

export function lbNameFor(svc: Service): string {
  return isInternal(svc) ? INTERNAL_LB_NAME : PUBLIC_LB_NAME;
}

/**
 * The cluster-wide azure.json disableOutboundSNAT. Assumption (as the brief specifies): on whenever
 * the public LB carries outbound rules, since egress then goes through those rules, not through
 * the Services' frontends; an explicit true in azure.json also turns it on.
 */
export function outboundSnatDisabled(txn: AzureTxn, ctx: ClusterContext): boolean {
  return ctx.disableOutboundSnatConfig || (txn.peek<LoadBalancer>(lbIdFor(ctx, PUBLIC_LB_NAME))?.outboundRules.length ?? 0) > 0;
}

// checkLoadBalancerResourcesConflicts: another Service's rule on the same frontend, protocol and port.
function checkConflicts(lb: LoadBalancer, frontendIdValue: string, svc: Service): void {
  for (const port of svc.spec.ports) {
    for (const rule of lb.loadBalancingRules) {
      const clash =
        rule.frontendIPConfiguration.id.toLowerCase() === frontendIdValue.toLowerCase() &&
        rule.protocol.toLowerCase() === port.protocol.toLowerCase() &&
        rule.frontendPort === port.port;
      if (clash && !ownsName(svc, rule.name)) {
        throw new CloudError(
          `checkLoadBalancerResourcesConflicts: service port ${port.name ?? ''} is trying to consume the port ${rule.frontendPort} ` +
            `which is being referenced by an existing loadBalancing rule ${rule.name} with the same protocol ${rule.protocol} ` +
            `and frontend IP config with ID ${rule.frontendIPConfiguration.id}`,
        );
      }
    }
  }
}

/** reconcileLBProbes / reconcileLBRules: drop the Service's stale entries, keep equal ones in place, append new ones. */
function mergeOwned<T extends Probe | LoadBalancingRule>(svc: Service, current: T[], expected: T[]): T[] {
  const want = new Map(expected.map((e) => [e.name.toLowerCase(), e]));
  const kept = current.filter((c) => {
    if (!ownsName(svc, c.name)) return true;
    const e = want.get(c.name.toLowerCase());
    if (!e) return false;
    // Back-references are ARM's, not part of what CPA compares.
    const { loadBalancingRules: _a, ...left } = c as T & { loadBalancingRules?: unknown };
    const { loadBalancingRules: _b, ...right } = e as T & { loadBalancingRules?: unknown };
    return canonical(left) === canonical(right);
  });
  const keptNames = new Set(kept.map((k) => k.name.toLowerCase()));
  return kept.concat(expected.filter((e) => !keptNames.has(e.name.toLowerCase())));
}

/** Removes the Service's frontends (when no one else uses them), rules and probes from an LB; deletes an LB left without frontends. */
export function removeFromLb(txn: AzureTxn, ctx: ClusterContext, svc: Service, lbName: string): void {
  const lb = txn.peek<LoadBalancer>(lbIdFor(ctx, lbName));
  if (!lb) return;
  const owned = lb.frontendIPConfigurations.filter((f) => ownsFrontend(txn, ctx, svc, f).owns);
  const hasOwnRules = lb.loadBalancingRules.some((r) => ownsName(svc, r.name)) || lb.probes.some((p) => ownsName(svc, p.name));
  if (owned.length === 0 && !hasOwnRules) return;

  const copy = txn.edit<LoadBalancer>(lb.id)!;
  const before = copy.frontendIPConfigurations.slice();
  // isFrontendIPConfigUnsafeToDelete: kept while other Services' rules or outbound rules use it.
  const unsafe = (f: FrontendIPConfiguration) =>
    copy.loadBalancingRules.some((r) => r.frontendIPConfiguration.id.toLowerCase() === f.id.toLowerCase() && !ownsName(svc, r.name)) ||
    copy.outboundRules.some((o) => o.frontendIPConfigurations.some((x) => x.id.toLowerCase() === f.id.toLowerCase()));
  const drop = new Set(owned.filter((f) => !unsafe(f)).map((f) => f.id.toLowerCase()));
  copy.frontendIPConfigurations = copy.frontendIPConfigurations.filter((f) => !drop.has(f.id.toLowerCase()));
  copy.loadBalancingRules = copy.loadBalancingRules.filter((r) => !ownsName(svc, r.name));
  copy.probes = copy.probes.filter((p) => !ownsName(svc, p.name));
  finishLb(txn, copy, before);
}

// cleanOrphanedLoadBalancer: an LB with no frontend left (and no outbound rules) is deleted.
function finishLb(txn: AzureTxn, lb: LoadBalancer, before: FrontendIPConfiguration[]): void {
  refreshBackRefs(lb);
  refreshPublicIpLinks(txn, before, lb.frontendIPConfigurations);
  if (lb.frontendIPConfigurations.length === 0 && lb.outboundRules.length === 0) {
    detachPool(txn, lb);
    txn.remove(lb.id);
  }
}

/** EnsureLoadBalancer's LB part for one Service. Throws CloudError with CPA's text. */
export function ensureOnLb(txn: AzureTxn, ctx: ClusterContext, svc: Service, nodes: Node[]): LbOutcome {
  const name = lbNameFor(svc);
  let lb = txn.edit<LoadBalancer>(lbIdFor(ctx, name));
  if (!lb) {
    lb = newLoadBalancer(txn.world, ctx, name);
    txn.put(lb);
  }
  const before = lb.frontendIPConfigurations.slice();

  // Frontend: drop an owned one that no longer matches, then reuse or create.
  let owned: FrontendIPConfiguration | undefined;
  for (const fip of lb.frontendIPConfigurations.slice()) {
    const own = ownsFrontend(txn, ctx, svc, fip);
    if (!own.owns) continue;
    if (frontendChanged(txn, ctx, svc, lb, fip, own.primary)) {
      lb.frontendIPConfigurations = lb.frontendIPConfigurations.filter((f) => f !== fip);
      // Its rules and probes go with it; the expected ones are rebuilt below.
      lb.loadBalancingRules = lb.loadBalancingRules.filter((r) => r.frontendIPConfiguration.id.toLowerCase() !== fip.id.toLowerCase() || !ownsName(svc, r.name));
    } else {
      owned ??= fip;
    }
  }
  if (!owned) {
    owned = newFrontend(txn, ctx, svc, lb);
    lb.frontendIPConfigurations.push(owned);
  }

  checkConflicts(lb, owned.id, svc);
  const expected = expectedLbConfig(lb, svc, owned.id, outboundSnatDisabled(txn, ctx));
  lb.probes = mergeOwned(svc, lb.probes, expected.probes);
  lb.loadBalancingRules = mergeOwned(svc, lb.loadBalancingRules, expected.rules);
  if (managesPool(lb)) syncPoolMembers(txn, lb, wantedMembers(txn, ctx, nodes));
  refreshBackRefs(lb);
  refreshPublicIpLinks(txn, before, lb.frontendIPConfigurations);

  // The opposite LB must not keep the Service (internal annotation switched).
  removeFromLb(txn, ctx, svc, name === INTERNAL_LB_NAME ? PUBLIC_LB_NAME : INTERNAL_LB_NAME);

  const ingressIp = owned.publicIPAddress
    ? (txn.peek<PublicIPAddress>(owned.publicIPAddress.id)?.ipAddress ?? '')
    : (owned.privateIPAddress ?? '');
  return { lb, frontend: owned, ingressIp };
}

/** Keeps the pool of an LB this controller manages in step with the nodes (UpdateLoadBalancer's host part). */
export function syncManagedPools(txn: AzureTxn, ctx: ClusterContext, nodes: Node[]): void {
  for (const name of [INTERNAL_LB_NAME, PUBLIC_LB_NAME]) {
    const lb = txn.peek<LoadBalancer>(lbIdFor(ctx, name));
    if (!lb || !managesPool(lb)) continue;
    const members = wantedMembers(txn, ctx, nodes);
    const pool = lb.backendAddressPools.find((p) => p.name === 'kubernetes');
    const current = new Set((pool?.backendIPConfigurations ?? []).map((r) => r.id.toLowerCase()));
    const same = current.size === members.length && members.every((m) => current.has(m.ipConfigId.toLowerCase()));
    if (same) continue;
    syncPoolMembers(txn, txn.edit<LoadBalancer>(lb.id)!, members);
  }
}
