// The DNS servers outside the cluster: Azure DNS (answering in the asking VNet's context),
// custom DNS servers (their own records, conditional forwarders, forwarders, else recursion
// from the internet), public resolvers and the home router (public DNS), and systemd-resolved's
// 127.0.0.53 stub on Ubuntu VMs (forwarding to the DHCP-provided servers).
import type { ClientMachine } from '../../model/world.ts';
import { addStep, describeReply, latency, MAX_DEPTH, type Delivery, type Engine, type Reply } from './engine-types.ts';
import { forwardTo } from './forward.ts';
import { locate, type Located } from './locate.ts';
import { inZone, normalizeName } from './names.ts';
import { hostUplink } from './resolv-conf.ts';
import type { SourceAnswer } from './sources/answer.ts';
import { azureDns } from './sources/azure-dns.ts';
import { publicDns } from './sources/public-dns.ts';
import type { Question, Transport } from './types.ts';

/** Assumption: a custom server (Windows DNS, BIND) waits about 3 s for a forwarder before trying the next. */
const CUSTOM_FORWARD_TRY_MS = 3000;

function fromSource(a: SourceAnswer, servedBy: string, latencyMs: number, extra: Partial<Reply> = {}): Reply {
  return {
    rcode: a.rcode,
    answers: a.answers,
    authority: a.authority,
    additional: a.additional,
    aa: false,
    ra: true,
    latencyMs,
    edns: { udpSize: 1232, echoesCookie: false },
    compresses: true,
    servedBy,
    ...extra,
  };
}

function servfail(servedBy: string, latencyMs: number): Reply {
  return fromSource({ rcode: 'SERVFAIL', answers: [], authority: [], additional: [], reason: '' }, servedBy, latencyMs);
}

export function serveAzureDns(engine: Engine, asker: Located, q: Question, depth: number): Delivery {
  const at = '168.63.129.16 (Azure DNS)';
  if (!asker.vnet) {
    return { kind: 'lost', reason: `168.63.129.16 is a virtual address inside Azure hosts; from ${asker.label}, outside any VNet, nothing answers there` };
  }
  const a = azureDns(engine.world, asker.vnet, q);
  const ms = a.fromInternet ? latency(`azure/${q.name}/${q.type}`, 6, 24) : latency(`azure/${q.name}/${q.type}`, 1, 3);
  const r = fromSource(a, 'Azure DNS', ms);
  addStep(engine, depth, at, `answer ${q.name} ${q.type} for VNet ${asker.vnet.name}`, describeReply(r), a.reason);
  return { kind: 'reply', reply: r };
}

export function servePublic(engine: Engine, q: Question, depth: number, at: string, ednsUdp: number, extraMs: number): Delivery {
  const a = publicDns(engine.world, q);
  const r = fromSource(a, at, latency(`public/${q.name}/${q.type}`, 9, 35) + extraMs, { edns: { udpSize: ednsUdp, echoesCookie: false } });
  addStep(engine, depth, at, `resolve ${q.name} ${q.type} on the internet`, describeReply(r), a.reason);
  return { kind: 'reply', reply: r };
}

export function serveCustom(engine: Engine, machine: ClientMachine, q: Question, protocol: Transport, depth: number): Delivery {
  const at = `${machine.hostname} (DNS server)`;
  const config = machine.dnsServer ?? {};
  if (depth > MAX_DEPTH) {
    addStep(engine, depth, at, `answer ${q.name} ${q.type}`, 'SERVFAIL', 'the query has been forwarded in a circle');
    return { kind: 'reply', reply: servfail(at, 0) };
  }
  const own = (config.records ?? []).filter((r) => normalizeName(r.name) === q.name);
  if (own.length > 0) {
    const answers = q.type === 'A' ? own.map((r) => ({ name: q.name, type: 'A' as const, ttl: r.ttl ?? 3600, data: r.ip })) : [];
    const r = fromSource({ rcode: 'NOERROR', answers, authority: [], additional: [], reason: '' }, at, 1, { aa: true });
    addStep(engine, depth, at, `answer ${q.name} ${q.type}`, describeReply(r), `a record the server hosts itself`);
    return { kind: 'reply', reply: r };
  }
  let forwarders: string[] = [];
  let why = '';
  let bestZone = -1;
  for (const cf of config.conditionalForwarders ?? []) {
    const zone = normalizeName(cf.zone);
    if (inZone(q.name, zone) && zone.length > bestZone) {
      bestZone = zone.length;
      forwarders = cf.servers;
      why = `conditional forwarder for ${zone}`;
    }
  }
  if (forwarders.length === 0 && (config.forwarders ?? []).length > 0) {
    forwarders = config.forwarders!;
    why = 'its forwarders (no conditional forwarder matches)';
  }
  if (forwarders.length === 0) {
    addStep(engine, depth, at, `resolve ${q.name} ${q.type}`, 'recursion from the internet\'s root servers', 'no conditional forwarder matches and it has no forwarders: it can only see public DNS');
    return servePublic(engine, q, depth + 1, 'internet DNS (recursion)', 1232, 1);
  }
  addStep(engine, depth, at, `forward ${q.name} ${q.type}`, `to ${forwarders.join(', ')}`, why);
  const place = locate(engine.world, { kind: 'machine', id: machine.id });
  if (!place) return { kind: 'reply', reply: servfail(at, 0) };
  const out = forwardTo(engine, place, forwarders, q, protocol, depth + 1, { label: at, perTryMs: CUSTOM_FORWARD_TRY_MS, maxTries: forwarders.length });
  if (out.kind === 'failed') return { kind: 'reply', reply: servfail(at, out.waitedMs) };
  return { kind: 'reply', reply: { ...out.reply, aa: false, ra: true, latencyMs: out.waitedMs + 1, servedBy: at, compresses: true } };
}

/** systemd-resolved's stub: it asks the uplink servers and, when none answers, the client times out first. */
export function serveResolvedStub(engine: Engine, host: Located, q: Question, protocol: Transport, depth: number): Delivery {
  const at = `systemd-resolved on ${host.label}`;
  const up = hostUplink(engine.world, host);
  addStep(engine, depth, at, `resolve ${q.name} ${q.type}`, `ask ${up.nameservers.join(', ')}`, 'the uplink DNS servers DHCP gave this machine');
  const out = forwardTo(engine, host, up.nameservers, q, protocol, depth + 1, { label: at, perTryMs: 5000, maxTries: Math.max(1, up.nameservers.length) });
  if (out.kind === 'failed') return { kind: 'lost', reason: `systemd-resolved got no answer from ${up.nameservers.join(', ')}` };
  return { kind: 'reply', reply: { ...out.reply, aa: false, ra: true, latencyMs: out.waitedMs, servedBy: 'systemd-resolved', compresses: true } };
}
