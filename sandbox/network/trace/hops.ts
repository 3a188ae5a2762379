// Small helpers every part of the trace uses to write its hops: the packet as a learner reads it,
// and the one place hops are appended, so each step names where it happened and what decided.
import type { Hop } from '../flow.ts';
import type { Ctx, Ending, Pkt, Reached } from './types.ts';
import type { Verdict } from '../flow.ts';

export function tupleOf(p: Pkt): string {
  const proto = p.protocol.toUpperCase();
  if (p.protocol === 'icmp') return `${proto} ${p.src} → ${p.dst}`;
  return `${proto} ${p.src}:${p.srcPort} → ${p.dst}:${p.dstPort ?? 0}`;
}

/** `TCP 80` / `UDP 53` / `ICMP`, for sentences about a port. */
export function portText(p: Pkt): string {
  return p.protocol === 'icmp' ? 'ICMP' : `${p.protocol.toUpperCase()} ${p.dstPort ?? 0}`;
}

export function addHop(ctx: Ctx, hop: Hop): void {
  ctx.hops.push(hop);
}

export function end(verdict: Verdict, reached?: Reached, answer?: string): Ending {
  const e: Ending = { verdict };
  if (reached) e.reached = reached;
  if (answer) e.answer = answer;
  return e;
}

/** A hop that ends the trace with a drop, and the ending that goes with it. */
export function fail(ctx: Ctx, verdict: Verdict, at: string, action: string, reason: string, details?: Record<string, string>): Ending {
  const hop: Hop = { at, action, decision: 'drop', reason };
  if (details) hop.details = details;
  ctx.hops.push(hop);
  return end(verdict);
}
