// How a forwarding server (CoreDNS's forward plugin, a custom DNS server's forwarders,
// systemd-resolved) asks its upstreams: one at a time, waiting a fixed time for each, cycling
// through the list until it has used up its tries.
import { addStep, type Engine, type Reply } from './engine-types.ts';
import type { Located } from './locate.ts';
import type { Question, Transport } from './types.ts';

export interface ForwardPolicy {
  /** Who forwards, as steps name it. */
  label: string;
  /** How long it waits for one upstream before trying the next. */
  perTryMs: number;
  /** Tries in all, cycling through the upstreams. */
  maxTries: number;
}

export type ForwardOutcome =
  | { kind: 'reply'; reply: Reply; waitedMs: number; upstream: string }
  | { kind: 'failed'; waitedMs: number; reason: string };

export function forwardTo(
  engine: Engine,
  from: Located,
  upstreams: string[],
  q: Question,
  protocol: Transport,
  depth: number,
  policy: ForwardPolicy,
): ForwardOutcome {
  if (upstreams.length === 0) return { kind: 'failed', waitedMs: 0, reason: 'no upstream servers configured' };
  let waited = 0;
  const failures = new Map<string, string>();
  for (let i = 0; i < policy.maxTries; i++) {
    const ip = upstreams[i % upstreams.length]!;
    const d = engine.send(from, ip, q, protocol, depth);
    if (d.kind === 'reply' && d.reply.latencyMs < policy.perTryMs) {
      return { kind: 'reply', reply: d.reply, waitedMs: waited + d.reply.latencyMs, upstream: ip };
    }
    if (d.kind === 'refused') {
      failures.set(ip, d.reason);
      continue;
    }
    waited += policy.perTryMs;
    failures.set(ip, d.kind === 'lost' ? d.reason : `no reply within ${policy.perTryMs / 1000} s`);
  }
  const reason = [...failures].map(([ip, why]) => `${ip}: ${why}`).join('; ');
  addStep(
    engine,
    depth,
    policy.label,
    `forward ${q.name} ${q.type} to ${upstreams.join(', ')}`,
    `gave up after ${policy.maxTries} tries (${waited / 1000} s)`,
    reason,
  );
  return { kind: 'failed', waitedMs: waited, reason };
}
