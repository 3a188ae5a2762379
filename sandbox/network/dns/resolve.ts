// The client side: what a process in a pod, on a node or on a machine does to resolve a name —
// read its resolv.conf, expand the search list, ask each server with the library's timeouts and
// retries, retry truncated answers over TCP — and the whole story of it for the learner.
// Pure with respect to the world (it only reads); the caller decides whether to advance the clock.
import type { World } from '../../model/world.ts';
import { createEngine } from './engine.ts';
import { addStep, describeReply, type Engine, type Reply } from './engine-types.ts';
import { locate, type Located } from './locate.ts';
import { messageSize, PLAIN_UDP_LIMIT, truncateToFit } from './message-size.ts';
import { isValidName, normalizeName } from './names.ts';
import { parseResolvConf } from './resolv-conf-text.ts';
import { resolvConfFor } from './resolv-conf.ts';
import { movesOn, retryPolicy, searchCandidates, type RetryPolicy } from './search.ts';
import { identifyServer, serverLabel } from './servers.ts';
import type { DnsExchange, DnsStep, Endpoint, Question, ResolveOptions, ResolveResult, Transport } from './types.ts';

interface Session {
  engine: Engine;
  place: Located;
  policy: RetryPolicy;
  edns: { udpSize: number; cookie: boolean } | null;
  tcpFallback: boolean;
  exchanges: DnsExchange[];
}

type Outcome =
  | { kind: 'reply'; reply: Reply; server: string; protocol: Transport; truncated: boolean; elapsedMs: number; lastMs: number }
  | { kind: 'timeout' | 'refused'; server: string; protocol: Transport; elapsedMs: number; lastMs: number };

/** Resolves a name as the endpoint's resolver library would; never throws. */
export function resolveName(world: World, from: Endpoint, name: string, options: ResolveOptions): ResolveResult {
  try {
    return resolve(world, from, name, options);
  } catch (error) {
    const q: Question = { name: normalizeName(String(name)), type: options.type };
    return emptyResult(q, String(name), 'SERVFAIL', options.server ?? '', [
      { at: 'sandbox', action: 'resolve', decision: 'SERVFAIL', reason: `internal error in the DNS engine: ${error instanceof Error ? error.message : String(error)}`, depth: 0 },
    ]);
  }
}

function resolve(world: World, from: Endpoint, typed: string, options: ResolveOptions): ResolveResult {
  const engine = createEngine(world, options.reach);
  const place = locate(world, from);
  const q0: Question = { name: normalizeName(typed), type: options.type };
  if (!place) {
    return emptyResult(q0, typed, 'SERVFAIL', options.server ?? '', [
      { at: 'sandbox', action: 'find the asking endpoint', decision: 'not found', reason: `no such ${from.kind} in the world`, depth: 0 },
    ]);
  }
  const conf = resolvConfFor(world, from) ?? parseResolvConf('', '/etc/resolv.conf', 'none');
  const client = options.client ?? 'glibc';
  // With no nameserver line, resolvers fall back to the local host (127.0.0.1).
  const servers = options.server ? [options.server] : conf.nameservers.length > 0 ? conf.nameservers : ['127.0.0.1'];
  const session: Session = {
    engine,
    place,
    policy: retryPolicy(client, conf, options),
    edns: options.edns ?? null,
    tcpFallback: options.tcpFallback ?? true,
    exchanges: [],
  };
  addStep(engine, 0, place.label, `read ${conf.path}`, summarize(conf.nameservers, conf.search, conf.options.ndots), conf.origin);
  if (options.server) addStep(engine, 0, place.label, 'choose the server', options.server, 'named on the command line: resolv.conf\'s nameservers are not used');

  if (!isValidName(typed)) {
    addStep(engine, 0, place.label, 'check the name', 'rejected', `"${typed}" is not a valid DNS name`);
    return emptyResult(q0, typed, 'NXDOMAIN', servers[0]!, engine.steps);
  }
  const candidates = searchCandidates(typed, conf.search, conf.options.ndots, client, options.search ?? true);
  addStep(engine, 0, place.label, 'build the query list', candidates.names.join(', '), candidates.reason);

  const startTcp = Boolean(options.tcp || conf.options.useVc);
  let elapsed = 0;
  let final: { q: Question; out: Outcome } | undefined;
  let noData: { q: Question; out: Outcome } | undefined;
  for (let i = 0; i < candidates.names.length; i++) {
    const q: Question = { name: candidates.names[i]!, type: options.type };
    const out = ask(session, servers, q, startTcp ? 'tcp' : 'udp', `candidate ${i + 1} of ${candidates.names.length}`);
    elapsed += out.elapsedMs;
    final = { q, out };
    const status = out.kind === 'reply' ? out.reply.rcode : 'TIMEOUT';
    const answered = out.kind === 'reply' && out.reply.answers.length > 0;
    if (client === 'glibc' && status === 'NOERROR' && !answered) noData ??= final;
    if (!movesOn(client, status, answered) || i === candidates.names.length - 1) break;
  }
  // glibc reports "no data" rather than the last NXDOMAIN when some candidate existed.
  if (final && noData && final.out.kind === 'reply' && final.out.reply.rcode === 'NXDOMAIN') final = noData;
  const { q, out } = final!;
  const result = buildResult(session, q, typed, out, elapsed);
  addStep(engine, 0, place.label, 'result', out.kind === 'reply' ? describeReply(out.reply) : result.status, finalReason(result, out));
  return result;
}

function summarize(nameservers: string[], search: string[], ndots: number): string {
  return `nameserver ${nameservers.join(', ') || '(none)'}; search ${search.join(' ') || '(none)'}; ndots ${ndots}`;
}

function finalReason(result: ResolveResult, out: Outcome): string {
  if (out.kind === 'refused') return `every try was refused (ICMP port unreachable from ${out.server})`;
  if (out.kind === 'timeout') {
    const tries = result.exchanges.filter((e) => e.name === result.question.name && e.outcome === 'timeout').length;
    return `no server answered ${result.question.name}: ${tries} ${tries === 1 ? 'try' : 'tries'} timed out; ${result.elapsedMs / 1000} s in all`;
  }
  return `answer for ${result.question.name} from ${out.server} after ${result.elapsedMs} ms in all`;
}

/** One name, asked of the servers with the client library's retry pattern. */
function ask(s: Session, servers: string[], q: Question, protocol: Transport, label: string): Outcome {
  const { attempts, client, timeoutMs } = s.policy;
  if (client === 'musl') {
    // musl asks every server at once and waits `timeout` in all for the first reply.
    const outs = servers.map((ip) => tryOnce(s, ip, q, protocol, `${label}, sent to all servers at once`));
    const replies = outs.filter((o) => o.kind === 'reply').sort((a, b) => a.elapsedMs - b.elapsedMs);
    if (replies[0]) return replies[0];
    const last = outs[outs.length - 1]!;
    return { ...last, elapsedMs: Math.max(timeoutMs, ...outs.map((o) => o.elapsedMs)) };
  }
  let elapsed = 0;
  let fallback: Outcome | undefined;
  const order: string[] = [];
  if (client === 'bind') for (const ip of servers) for (let a = 0; a < attempts; a++) order.push(ip);
  else for (let a = 0; a < attempts; a++) order.push(...servers);
  for (let n = 0; n < order.length; n++) {
    const ip = order[n]!;
    const out = tryOnce(s, ip, q, protocol, `${label}, try ${n + 1} of ${order.length}`);
    elapsed += out.elapsedMs;
    if (out.kind === 'reply') {
      // glibc tries the next server on SERVFAIL/REFUSED; dig and nslookup stop at any reply.
      if (client === 'glibc' && (out.reply.rcode === 'SERVFAIL' || out.reply.rcode === 'REFUSED')) {
        fallback = out;
        continue;
      }
      return { ...out, elapsedMs: elapsed };
    }
    if (!fallback || fallback.kind !== 'reply') fallback = out;
  }
  return { ...fallback!, elapsedMs: elapsed };
}

function tryOnce(s: Session, ip: string, q: Question, protocol: Transport, label: string): Outcome {
  const { engine, place } = s;
  const { timeoutMs } = s.policy;
  const server = serverLabel(identifyServer(engine.world, place, ip), ip);
  const step: DnsStep = { at: place.label, action: `send ${q.name} ${q.type} to ${server} over ${protocol.toUpperCase()}`, decision: '', reason: label, depth: 0 };
  engine.steps.push(step);
  const d = engine.send(place, ip, q, protocol, 0);
  if (d.kind === 'refused') {
    step.decision = 'connection refused';
    s.exchanges.push({ name: q.name, type: q.type, server: ip, protocol, outcome: 'refused', ms: 0 });
    return { kind: 'refused', server: ip, protocol, elapsedMs: 0, lastMs: 0 };
  }
  if (d.kind === 'lost' || d.reply.latencyMs >= timeoutMs) {
    step.decision = `no reply within ${timeoutMs / 1000} s`;
    if (d.kind === 'reply') step.decision += ` (the ${d.reply.rcode} would come after ${d.reply.latencyMs / 1000} s)`;
    s.exchanges.push({ name: q.name, type: q.type, server: ip, protocol, outcome: 'timeout', ms: timeoutMs });
    return { kind: 'timeout', server: ip, protocol, elapsedMs: timeoutMs, lastMs: timeoutMs };
  }
  let reply = d.reply;
  if (protocol === 'udp') {
    const opt = s.edns ? { cookie: s.edns.cookie && reply.edns.echoesCookie } : null;
    const limit = s.edns ? Math.min(s.edns.udpSize, reply.edns.udpSize) : PLAIN_UDP_LIMIT;
    const size = messageSize(q, [reply.answers, reply.authority, reply.additional], { compress: reply.compresses, opt });
    if (size > limit) {
      step.decision = `truncated (TC): the ${size}-byte answer does not fit in ${limit} bytes over UDP`;
      s.exchanges.push({ name: q.name, type: q.type, server: ip, protocol, outcome: 'truncated', rcode: reply.rcode, ms: reply.latencyMs });
      if (s.tcpFallback) {
        const tcp = tryOnce(s, ip, q, 'tcp', `${label}, retried over TCP because of TC`);
        const elapsedMs = reply.latencyMs + tcp.elapsedMs;
        return tcp.kind === 'reply' ? { ...tcp, truncated: true, elapsedMs } : { ...tcp, elapsedMs };
      }
      addStep(engine, 0, place.label, 'use the truncated answer', 'partial answer', 'this resolver does not retry over TCP (old musl): it keeps what fit in the UDP packet');
      reply = { ...reply, ...truncateToFit(q, reply.answers, reply.authority, reply.additional, limit, { compress: reply.compresses, opt }) };
      return { kind: 'reply', reply, server: ip, protocol, truncated: true, elapsedMs: reply.latencyMs, lastMs: reply.latencyMs };
    }
  }
  step.decision = describeReply(reply);
  s.exchanges.push({ name: q.name, type: q.type, server: ip, protocol, outcome: 'answered', rcode: reply.rcode, ms: reply.latencyMs });
  return { kind: 'reply', reply, server: ip, protocol, truncated: false, elapsedMs: reply.latencyMs, lastMs: reply.latencyMs };
}

function buildResult(s: Session, q: Question, typed: string, out: Outcome, elapsedMs: number): ResolveResult {
  const id = s.engine.world.hash(`dns-id/${s.engine.world.now()}/${q.name}/${q.type}/${out.server}`) & 0xffff;
  if (out.kind !== 'reply') {
    return { ...emptyResult(q, typed, 'TIMEOUT', out.server, s.engine.steps), protocol: out.protocol, exchanges: s.exchanges, elapsedMs, lastQueryMs: out.lastMs, id };
  }
  const r = out.reply;
  const opt = s.edns ? { cookie: s.edns.cookie && r.edns.echoesCookie } : null;
  return {
    status: r.rcode,
    question: q,
    queriedName: typed,
    answers: r.answers,
    authority: r.authority,
    additional: r.additional,
    server: { ip: out.server, port: 53, name: r.servedBy },
    protocol: out.protocol,
    authoritative: r.aa,
    recursionAvailable: r.ra,
    truncated: out.truncated,
    edns: s.edns ? { udpSize: r.edns.udpSize, cookieEchoed: Boolean(opt?.cookie) } : null,
    messageSize: messageSize(q, [r.answers, r.authority, r.additional], { compress: r.compresses, opt }),
    id,
    steps: s.engine.steps,
    exchanges: s.exchanges,
    elapsedMs,
    lastQueryMs: out.lastMs,
  };
}

function emptyResult(q: Question, typed: string, status: ResolveResult['status'], server: string, steps: DnsStep[]): ResolveResult {
  return {
    status,
    question: q,
    queriedName: typed,
    answers: [],
    authority: [],
    additional: [],
    server: { ip: server, port: 53 },
    protocol: 'udp',
    authoritative: false,
    recursionAvailable: false,
    truncated: false,
    edns: null,
    messageSize: 0,
    id: 0,
    steps,
    exchanges: [],
    elapsedMs: 0,
    lastQueryMs: 0,
  };
}
