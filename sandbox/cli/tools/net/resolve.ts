// Name → addresses the way a program's resolver library does it: /etc/hosts first (localhost,
// the pod's own name), then the DNS engine with the host's resolv.conf, every query traced
// through the path engine. The caller lets the virtual time it took pass.
import { isIPv4 } from '../../../core/ip.ts';
import { resolveName, type ClientKind, type DnsStatus, type ResolveResult } from '../../../network/dns/index.ts';
import { reachFor } from '../../../network/trace/index.ts';
import type { ToolEnv } from '../env.ts';

export interface Lookup {
  /** IPv4 addresses in answer order; empty when the name did not resolve. */
  addresses: string[];
  status: DnsStatus | 'HOSTS' | 'LITERAL';
  /** Virtual milliseconds the lookup took (search list, retries, timeouts). */
  elapsedMs: number;
  /** The final name the answer is for (after the search list), when DNS answered. */
  canonical?: string;
  result?: ResolveResult;
}

/** Entries of the host's /etc/hosts (`127.0.0.1 localhost`, the pod's own name). */
export function hostsFileEntries(env: ToolEnv): Map<string, string> {
  const map = new Map<string, string>();
  let text = '';
  try {
    if (env.host.fs.exists('/etc/hosts')) text = env.host.fs.readFile('/etc/hosts');
  } catch {
    text = '';
  }
  if (!text) text = '127.0.0.1\tlocalhost\n';
  for (const raw of text.split('\n')) {
    const line = raw.replace(/#.*/, '').trim();
    if (!line) continue;
    const [addr, ...names] = line.split(/\s+/);
    if (!addr || !isIPv4(addr)) continue;
    for (const n of names) if (!map.has(n.toLowerCase())) map.set(n.toLowerCase(), addr);
  }
  if (!map.has('localhost')) map.set('localhost', '127.0.0.1');
  return map;
}

export function lookupHost(env: ToolEnv, name: string, client: ClientKind): Lookup {
  if (isIPv4(name)) return { addresses: [name], status: 'LITERAL', elapsedMs: 0 };
  const fromHosts = hostsFileEntries(env).get(name.toLowerCase().replace(/\.$/, ''));
  if (fromHosts) return { addresses: [fromHosts], status: 'HOSTS', elapsedMs: 0 };
  const r = resolveName(env.world, env.from, name, { type: 'A', reach: reachFor(env.world), client });
  const addresses = r.answers.filter((a) => a.type === 'A').map((a) => a.data);
  const out: Lookup = { addresses: r.status === 'NOERROR' ? addresses : [], status: r.status, elapsedMs: r.elapsedMs, result: r };
  if (r.status === 'NOERROR') out.canonical = r.question.name;
  return out;
}
