// Turning `to.host` into an address the way the source would: its resolver library, its
// resolv.conf and the DNS servers it reaches (each query is itself traced, so a broken path to
// DNS shows up here). Each DNS step becomes a hop; no address means the flow never starts.
import { isIPv4 } from '../../core/ip.ts';
import { resolveName } from '../dns/index.ts';
import type { DnsStep, ReachFn, ReachResult } from '../dns/index.ts';
import type { Flow, Hop } from '../flow.ts';
import { addHop, end } from './hops.ts';
import type { Ctx, Ending, TraceOptions, TraceResult } from './types.ts';
import type { World } from '../../model/world.ts';

export type TraceFn = (world: World, flow: Flow, options?: TraceOptions) => TraceResult;

/** A path-engine trace in the shape the DNS engine asks for. */
export function toReachResult(t: TraceResult): ReachResult {
  const r: ReachResult = { ok: t.verdict === 'delivered', hops: t.hops, verdict: t.verdict };
  if (t.reached?.kind === 'pod') r.via = { podName: t.reached.name, nodeName: t.reached.nodeName };
  return r;
}

export function reachWith(world: World, traceFn: TraceFn, options: TraceOptions): ReachFn {
  return (from, toIp, port, protocol) => toReachResult(traceFn(world, { from, to: { ip: toIp, port }, protocol }, options));
}

// Only a query that got no answer is a drop; NXDOMAIN for a search-list candidate is an answer.
const FAILED = /^(lost|refused|connection refused|rejected|no reply|gave up)|TIMEOUT/;

function stepHop(step: DnsStep): Hop {
  return {
    at: step.at,
    action: 'dns',
    decision: FAILED.test(step.decision) ? 'drop' : 'pass',
    reason: `${step.action}: ${step.decision}${step.reason ? ` (${step.reason.replace(/\.$/, '')})` : ''}.`,
    details: { depth: String(step.depth) },
  };
}

/** The address to send to, or the ending of a flow whose name did not resolve. */
export function resolveHost(ctx: Ctx, host: string, reach: ReachFn): string | Ending {
  if (isIPv4(host)) return host;
  const r = resolveName(ctx.world, ctx.flow.from, host, { type: 'A', reach });
  for (const step of r.steps) ctx.hops.push(stepHop(step));
  const a = r.answers.find((rec) => rec.type === 'A');
  const at = r.steps[0]?.at ?? 'resolver';
  if (!a) {
    const why = r.status === 'NOERROR' ? 'the answer holds no A record' : r.status === 'TIMEOUT' ? 'no DNS server answered in time' : `the answer is ${r.status}`;
    addHop(ctx, { at, action: 'resolve', decision: 'drop', reason: `${host} does not resolve: ${why}, so the connection is never attempted.`, details: { status: r.status } });
    return end('unresolved');
  }
  addHop(ctx, { at, action: 'resolve', decision: 'pass', reason: `${host} resolves to ${a.data} (answer from ${r.server.name ?? r.server.ip}).`, details: { address: a.data } });
  return a.data;
}
