// A trace as plain text, one line per hop and a closing verdict line, for the `trace`/`explain`
// command and for golden files. Pure formatting: nothing here looks at the world.
import type { Hop, Trace } from '../flow.ts';

const MARK: Record<Hop['decision'], string> = { pass: 'pass', rewrite: 'nat', drop: 'DROP', deliver: 'deliver' };

const VERDICT_WORDS: Record<Trace['verdict'], string> = {
  delivered: 'delivered',
  dropped: 'dropped',
  'timed-out': 'timed out (no answer: the client gives up waiting)',
  refused: 'refused (the far end answered with a reset or an ICMP error)',
  'no-route': 'no route (the sender has nowhere to send it)',
  unresolved: 'unresolved (the name did not resolve)',
};

function target(t: Trace): string {
  const to = t.flow.to;
  const addr = to.ip ?? to.host ?? '?';
  const named = to.host && to.ip ? `${to.host} (${to.ip})` : addr;
  return to.port !== undefined && t.flow.protocol !== 'icmp' ? `${named}:${to.port}` : named;
}

function source(t: Trace): string {
  const f = t.flow.from;
  switch (f.kind) {
    case 'pod':
      return `pod ${f.namespace}/${f.name}`;
    case 'node':
      return `node ${f.name}`;
    case 'machine':
      return `machine ${f.id}`;
    case 'ip':
      return f.ip;
  }
}

export function explainTrace(t: Trace): string[] {
  const lines = [`${t.flow.protocol.toUpperCase()} ${source(t)} → ${target(t)}`];
  const width = String(t.hops.length).length;
  t.hops.forEach((h, i) => {
    lines.push(`${String(i + 1).padStart(width)}. [${MARK[h.decision]}] ${h.at} (${h.action}): ${h.reason}`);
  });
  let last = `=> ${VERDICT_WORDS[t.verdict]}`;
  if (t.finalDestination) {
    const fd = t.finalDestination.port !== undefined ? `${t.finalDestination.ip}:${t.finalDestination.port}` : t.finalDestination.ip;
    last += `; final destination ${fd}`;
  }
  if (t.sourceSeenAs) last += `; the server sees the source as ${t.sourceSeenAs}`;
  lines.push(last);
  return lines;
}
