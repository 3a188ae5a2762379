// Shared shapes of the server side of the engine: a server's reply, what became of one query
// sent to an address, and the engine object that carries the world, the transport callback and
// the step log through a resolution (servers call `engine.send` to ask their upstreams).
import { fnv1a } from '../../core/hash.ts';
import type { World } from '../../model/world.ts';
import type { Located } from './locate.ts';
import type { DnsRecord, DnsStep, Question, Rcode, ReachFn, ReachResult, Transport } from './types.ts';

export interface Reply {
  rcode: Rcode;
  answers: DnsRecord[];
  authority: DnsRecord[];
  additional: DnsRecord[];
  aa: boolean;
  ra: boolean;
  /** Time from the query reaching the server to the reply leaving it (its own upstream waits included). */
  latencyMs: number;
  /** What the server puts in its EDNS OPT record when the query had one. */
  edns: { udpSize: number; echoesCookie: boolean };
  /** CoreDNS writes replies without name compression (dig's MSG SIZE shows it); other servers compress. */
  compresses: boolean;
  /** Which server produced it (for the result), e.g. `coredns-5d8f7c9b6-abcde`. */
  servedBy: string;
}

export type Delivery =
  | { kind: 'reply'; reply: Reply }
  /** Nothing comes back: the client waits for its timeout. */
  | { kind: 'lost'; reason: string }
  /** An ICMP port unreachable comes back at once (kube-proxy REJECT for a Service without endpoints). */
  | { kind: 'refused'; reason: string };

export interface Engine {
  world: World;
  reach: ReachFn;
  steps: DnsStep[];
  /** One path trace per (asker, server, protocol): retries reuse the conntrack entry and so the same backend. */
  reachCache: Map<string, ReachResult>;
  deliveries: Map<string, Delivery>;
  send(from: Located, ip: string, q: Question, protocol: Transport, depth: number): Delivery;
}

/** Deepest forwarding chain followed before calling it a loop (CoreDNS's loop plugin would crash on one). */
export const MAX_DEPTH = 6;

export function addStep(engine: Engine, depth: number, at: string, action: string, decision: string, reason: string, hops?: DnsStep['hops']): void {
  engine.steps.push(hops && hops.length > 0 ? { at, action, decision, reason, depth, hops } : { at, action, decision, reason, depth });
}

/** A stable latency in [min, max] ms for a query, so outputs never change between runs. */
export function latency(key: string, min: number, max: number): number {
  return min + (fnv1a(key) % (max - min + 1));
}

export function describeRecords(records: DnsRecord[]): string {
  if (records.length === 0) return 'no records';
  return records.map((r) => `${r.type} ${r.data}`).join(', ');
}

export function describeReply(reply: Reply): string {
  return reply.rcode === 'NOERROR' ? `NOERROR: ${describeRecords(reply.answers)}` : reply.rcode;
}
