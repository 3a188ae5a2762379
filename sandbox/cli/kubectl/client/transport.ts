// THE TRANSPORT CHECK: before kubectl's first API request, whether the calling host can open
// TCP to the kubeconfig's server at all — its name resolved by the DNS engine as that host
// would, then the connection traced by the path engine (NSGs, routes, firewalls, authorized IP
// ranges, private endpoints, a stopped cluster). The flow that arrives at a cluster's API server
// also tells which cluster answered. Failures read as kubectl prints them: five discovery-cache
// lines (memcache.go:265, "Unhandled Error" form of kubectl >= 1.31) then the final line, each
// timed-out attempt costing ~30 s of virtual time (the dialer's timeout).
import { isIPv4 } from '../../../core/ip.ts';
import type { World } from '../../../model/world.ts';
import type { Endpoint } from '../../../network/flow.ts';
import { resolveName } from '../../../network/dns/index.ts';
import { reachFor, trace } from '../../../network/trace/index.ts';

export interface ServerUrl {
  /** As written in the kubeconfig (`https://x.hcp.eastus.azmk8s.io:443`). */
  url: string;
  scheme: string;
  host: string;
  port: number;
}

export function parseServerUrl(server: string): ServerUrl | undefined {
  const m = /^(https?):\/\/(\[[^\]]+\]|[^/:?#]+)(?::(\d+))?(\/.*)?$/.exec(server.trim());
  if (!m) return undefined;
  const scheme = m[1]!;
  return { url: server.trim().replace(/\/+$/, ''), scheme, host: m[2]!, port: m[3] ? Number(m[3]) : scheme === 'https' ? 443 : 80 };
}

export type Connection =
  | { ok: true; clusterId: string | undefined; ip: string }
  | { ok: false; kind: 'dns' | 'timeout' | 'refused' | 'unreachable' | 'tls'; dialError: string; msPerAttempt: number };

const DIAL_TIMEOUT_MS = 30_000;

/** Resolves the server's name from `from` and traces TCP to it. */
export function connect(world: World, from: Endpoint, server: ServerUrl): Connection {
  const hostPort = `${server.host}:${server.port}`;
  let ip = server.host;
  let dnsMs = 0;
  if (server.host === 'localhost') ip = '127.0.0.1';
  else if (!isIPv4(server.host)) {
    const r = resolveName(world, from, server.host, { type: 'A', reach: reachFor(world) });
    dnsMs = r.elapsedMs;
    const a = r.answers.find((rec) => rec.type === 'A');
    if (!a) {
      const resolver = `${r.server.ip || '127.0.0.53'}:53`;
      const why = r.status === 'TIMEOUT' ? 'i/o timeout' : r.status === 'SERVFAIL' || r.status === 'REFUSED' ? 'server misbehaving' : 'no such host';
      return { ok: false, kind: 'dns', dialError: `dial tcp: lookup ${server.host} on ${resolver}: ${why}`, msPerAttempt: dnsMs };
    }
    ip = a.data;
  }
  if (ip.startsWith('127.')) {
    return { ok: false, kind: 'refused', dialError: `dial tcp ${ip}:${server.port}: connect: connection refused`, msPerAttempt: dnsMs };
  }
  const t = trace(world, { from, to: { ip, port: server.port, host: server.host }, protocol: 'tcp' });
  const target = `${ip}:${server.port}`;
  switch (t.verdict) {
    case 'delivered':
      if (t.reached?.kind === 'control-plane') return { ok: true, clusterId: t.reached.clusterId, ip };
      // Something answered, but not an API server that holds this kubeconfig's CA.
      return { ok: false, kind: 'tls', dialError: `tls: failed to verify certificate: x509: certificate signed by unknown authority`, msPerAttempt: dnsMs };
    case 'refused':
      return { ok: false, kind: 'refused', dialError: `dial tcp ${target}: connect: connection refused`, msPerAttempt: dnsMs };
    case 'no-route':
      return { ok: false, kind: 'unreachable', dialError: `dial tcp ${target}: connect: network is unreachable`, msPerAttempt: dnsMs };
    case 'unresolved':
      return { ok: false, kind: 'dns', dialError: `dial tcp: lookup ${server.host}: no such host`, msPerAttempt: dnsMs };
    default:
      void hostPort;
      return { ok: false, kind: 'timeout', dialError: `dial tcp ${target}: i/o timeout`, msPerAttempt: dnsMs + DIAL_TIMEOUT_MS };
  }
}

/** klog's header: `E1126 09:00:30.000000   12345 memcache.go:265] `. */
export function klogHeader(level: 'E' | 'W' | 'I', ms: number, pid: number, source: string): string {
  const d = new Date(ms);
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  const micros = p(d.getUTCMilliseconds() * 1000 + (pid % 997), 6);
  return `${level}${p(d.getUTCMonth() + 1)}${p(d.getUTCDate())} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())}.${micros} ${String(pid).padStart(7)} ${source}] `;
}

/** Go's %q inside klog's structured `err="..."` value. */
function klogQuote(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/"/g, '\\"');
}

export const DISCOVERY_ATTEMPTS = 5;

export interface FailureText {
  stderr: string;
  /** Virtual time the failed attempts took. */
  ms: number;
}

/**
 * What kubectl prints when it cannot reach the server: with discovery (get, describe, apply...),
 * one memcache line per attempt, then the final message.
 */
export function connectionFailure(
  failure: Extract<Connection, { ok: false }>,
  server: ServerUrl,
  options: { startMs: number; pid: number; discovery: boolean },
): FailureText {
  let ms = 0;
  let text = '';
  if (options.discovery) {
    for (let i = 0; i < DISCOVERY_ATTEMPTS; i++) {
      // A refused connection fails at once; the lines still lie a few milliseconds apart.
      ms += Math.max(failure.msPerAttempt, 2);
      const err = `couldn't get current server API group list: Get "${server.url}/api?timeout=32s": ${failure.dialError}`;
      text += `${klogHeader('E', options.startMs + ms, options.pid, 'memcache.go:265')}"Unhandled Error" err="${klogQuote(err)}"\n`;
    }
  } else {
    ms = failure.msPerAttempt;
  }
  if (failure.kind === 'refused') text += `The connection to the server ${server.host}:${server.port} was refused - did you specify the right host or port?\n`;
  else text += `Unable to connect to the server: ${failure.dialError}\n`;
  return { stderr: text, ms };
}
