// Load balancer objects in the shape ARM returns them, and the read-only back-references ARM
// fills in (a frontend lists the rules that use it, a probe its rules, a public IP its frontend).
import type {
  BackendAddressPool,
  FrontendIPConfiguration,
  LoadBalancer,
  PublicIPAddress,
  Ref,
} from '../../model/azure/types.ts';
import type { World } from '../../model/world.ts';
import type { AzureTxn } from './azure-txn.ts';
import type { ClusterContext } from './context.ts';
import { BACKEND_POOL_NAME, lbId } from './names.ts';

/** A Standard LB as CPA creates it when none exists yet: one backend pool named after the cluster. */
export function newLoadBalancer(world: World, ctx: ClusterContext, name: string): LoadBalancer {
  const id = lbId(ctx.subscriptionId, ctx.nodeResourceGroup, name);
  return {
    id,
    name,
    type: 'Microsoft.Network/loadBalancers',
    location: ctx.location,
    resourceGroup: ctx.nodeResourceGroup,
    tags: null,
    provisioningState: 'Succeeded',
    etag: `W/"${world.guid('etag')}"`,
    sku: { name: 'Standard', tier: 'Regional' },
    frontendIPConfigurations: [],
    backendAddressPools: [newBackendPool(id, ctx.nodeResourceGroup, BACKEND_POOL_NAME)],
    loadBalancingRules: [],
    probes: [],
    outboundRules: [],
    inboundNatRules: [],
    inboundNatPools: [],
    resourceGuid: world.guid('resourceGuid'),
  };
}

export function newBackendPool(lbIdValue: string, resourceGroup: string, name: string): BackendAddressPool {
  return {
    id: `${lbIdValue}/backendAddressPools/${name}`,
    name,
    type: 'Microsoft.Network/loadBalancers/backendAddressPools',
    resourceGroup,
    backendIPConfigurations: [],
    provisioningState: 'Succeeded',
  };
}

export function frontendId(lb: LoadBalancer, name: string): string {
  return `${lb.id}/frontendIPConfigurations/${name}`;
}

export function probeId(lb: LoadBalancer, name: string): string {
  return `${lb.id}/probes/${name}`;
}

export function ruleId(lb: LoadBalancer, name: string): string {
  return `${lb.id}/loadBalancingRules/${name}`;
}

export function poolId(lb: LoadBalancer, name: string): string {
  return `${lb.id}/backendAddressPools/${name}`;
}

function sameId(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

function refsTo(rules: { id: string; refs: string[] }[], targetId: string): Ref[] {
  return rules.filter((r) => r.refs.some((x) => sameId(x, targetId))).map((r) => ({ id: r.id }));
}

// ARM omits an empty back-reference list (the LB factories do the same).
function setRefs<T extends { loadBalancingRules?: Ref[]; outboundRules?: Ref[] }>(
  obj: T,
  key: 'loadBalancingRules' | 'outboundRules',
  refs: Ref[],
): void {
  if (refs.length > 0) obj[key] = refs;
  else delete obj[key];
}

/** Recomputes the rule back-references on frontends, pools and probes from the LB's rules. */
export function refreshBackRefs(lb: LoadBalancer): void {
  const lbRules = lb.loadBalancingRules.map((r) => ({
    id: r.id,
    fip: r.frontendIPConfiguration.id,
    pools: r.backendAddressPools.map((p) => p.id).concat(r.backendAddressPool ? [r.backendAddressPool.id] : []),
    probe: r.probe?.id,
  }));
  const outRules = lb.outboundRules.map((r) => ({
    id: r.id,
    fips: r.frontendIPConfigurations.map((f) => f.id),
    pool: r.backendAddressPool.id,
  }));
  for (const fip of lb.frontendIPConfigurations) {
    setRefs(fip, 'loadBalancingRules', refsTo(lbRules.map((r) => ({ id: r.id, refs: [r.fip] })), fip.id));
    setRefs(fip, 'outboundRules', refsTo(outRules.map((r) => ({ id: r.id, refs: r.fips })), fip.id));
  }
  for (const pool of lb.backendAddressPools) {
    setRefs(pool, 'loadBalancingRules', refsTo(lbRules.map((r) => ({ id: r.id, refs: r.pools })), pool.id));
    setRefs(pool, 'outboundRules', refsTo(outRules.map((r) => ({ id: r.id, refs: [r.pool] })), pool.id));
  }
  for (const probe of lb.probes) {
    const refs = refsTo(lbRules.map((r) => ({ id: r.id, refs: r.probe ? [r.probe] : [] })), probe.id);
    if (refs.length > 0) probe.loadBalancingRules = refs;
    else delete probe.loadBalancingRules;
  }
}

/** Points each public IP at the frontend that now uses it, and drops the pointer from ones let go. */
export function refreshPublicIpLinks(txn: AzureTxn, before: FrontendIPConfiguration[], after: FrontendIPConfiguration[]): void {
  const now = new Map<string, string>();
  for (const fip of after) if (fip.publicIPAddress?.id) now.set(fip.publicIPAddress.id.toLowerCase(), fip.id);
  const touched = new Set<string>(now.keys());
  for (const fip of before) if (fip.publicIPAddress?.id) touched.add(fip.publicIPAddress.id.toLowerCase());
  for (const pipKey of touched) {
    const current = txn.peek<PublicIPAddress>(pipKey);
    if (!current) continue;
    const want = now.get(pipKey);
    const has = current.ipConfiguration?.id;
    if (want && has && sameId(want, has)) continue;
    // Only clear a link that pointed at one of this LB's old frontends; another resource may own the IP.
    if (!want && !(has && before.some((f) => sameId(f.id, has)))) continue;
    const pip = txn.edit<PublicIPAddress>(pipKey)!;
    pip.ipConfiguration = want ? { id: want } : null;
  }
}
