// One CoreDNS pod answering a query, walking its plugin chain in CoreDNS's fixed plugin order
// (rewrite → template → hosts → kubernetes → forward), inside the server block whose zone best
// matches the name. `forward . /etc/resolv.conf` reads the CoreDNS pod's own resolv.conf: AKS
// runs CoreDNS with dnsPolicy Default, so that is its node's DNS servers (the VNet's).
import type { Pod } from '../../model/k8s/types.ts';
import { corednsConfig, selectBlock, zoneText, type HostsPlugin, type RewriteRule, type ServerBlock } from './corefile.ts';
import { addStep, describeReply, MAX_DEPTH, type Engine, type Reply } from './engine-types.ts';
import { forwardTo } from './forward.ts';
import { locate, type Located } from './locate.ts';
import { fqdn, inZone, ipOfReverseName, labelCount } from './names.ts';
import { hostUplink } from './resolv-conf.ts';
import { clusterLocal, isClusterZone } from './sources/cluster-local.ts';
import type { DnsRecord, Question, Transport } from './types.ts';

/** CoreDNS forward: each upstream read waits 2 s, and the request gives up after 5 s (3 tries end at 6 s). */
const FORWARD_TRY_MS = 2000;
const FORWARD_TRIES = 3;

function reply(pod: Pod, partial: Partial<Reply> & Pick<Reply, 'rcode'>): Reply {
  return {
    answers: [],
    authority: [],
    additional: [],
    aa: false,
    ra: false,
    latencyMs: 0,
    // Assumption: CoreDNS 1.11 answers with a 1232-byte EDNS buffer and echoes the client cookie.
    edns: { udpSize: 1232, echoesCookie: true },
    compresses: false,
    servedBy: pod.metadata.name,
    ...partial,
  };
}

export function serveCoredns(engine: Engine, pod: Pod, clusterId: string, q: Question, protocol: Transport, depth: number): Reply {
  const at = `${pod.metadata.name} (node ${pod.spec.nodeName ?? '?'})`;
  if (depth > MAX_DEPTH) {
    addStep(engine, depth, at, `answer ${q.name} ${q.type}`, 'SERVFAIL', 'the query has been forwarded in a circle (CoreDNS\'s loop plugin stops CoreDNS from starting with such a setup)');
    return reply(pod, { rcode: 'SERVFAIL' });
  }
  const config = corednsConfig(engine.world, clusterId);
  const block = selectBlock(config, q.name);
  addStep(engine, depth, at, `receive ${q.name} ${q.type}`, `server block ${block.zones.map(zoneText).join(' ')}:${block.port}`, `${block.source}: the most specific zone matching the name`);

  const rewritten = applyRewrites(block.rewrites, q.name);
  if (rewritten) addStep(engine, depth, at, 'rewrite', `${q.name} → ${rewritten.name}`, `rewrite name ${rewritten.rule.match} ${rewritten.rule.from} ${rewritten.rule.to} (${rewritten.rule.source})`);
  const inner: Question = { name: rewritten?.name ?? q.name, type: q.type };
  const result = chain(engine, pod, clusterId, block, inner, protocol, depth, at);
  if (rewritten) {
    // The rewrite plugin restores the original name in the answer so the client accepts it.
    const back = (r: DnsRecord): DnsRecord => (r.name === inner.name ? { ...r, name: q.name } : r);
    result.answers = result.answers.map(back);
  }
  return result;
}

function chain(engine: Engine, pod: Pod, clusterId: string, block: ServerBlock, q: Question, protocol: Transport, depth: number, at: string): Reply {
  const junk = block.rejectSearchJunk ? searchJunk(q.name) : null;
  if (junk) {
    addStep(engine, depth, at, 'template (AKS)', 'NXDOMAIN', junk);
    return reply(pod, { rcode: 'NXDOMAIN', aa: true });
  }
  if (block.hosts) {
    const fromHosts = hostsAnswer(block.hosts, q, pod);
    if (fromHosts) {
      addStep(engine, depth, at, 'hosts', describeReply(fromHosts.reply), fromHosts.reason);
      return fromHosts.reply;
    }
  }
  if (block.kubernetes && isClusterZone(q.name)) {
    const local = clusterLocal(engine.world, clusterId, q);
    if (local) {
      const r = reply(pod, { rcode: local.rcode, answers: local.answers, authority: local.authority, additional: local.additional, aa: true });
      addStep(engine, depth, at, 'kubernetes plugin', describeReply(r), local.reason);
      if (local.chase) chaseAlias(engine, pod, clusterId, local.chase, q, protocol, depth, r);
      return r;
    }
    addStep(engine, depth, at, 'kubernetes plugin', 'fall through', `${ipOfReverseName(q.name) ?? q.name} is no ClusterIP or headless endpoint; "fallthrough in-addr.arpa" passes it on`);
  }
  const fwd = block.forward;
  if (!fwd || !inZone(q.name, fwd.from)) {
    addStep(engine, depth, at, 'answer', 'SERVFAIL', `no plugin in server block ${block.zones.map(zoneText).join(' ')} answers ${q.name}`);
    return reply(pod, { rcode: 'SERVFAIL' });
  }
  const place = corednsPlace(engine, pod, clusterId);
  const upstreams = fwd.to.flatMap((t) => (t === '/etc/resolv.conf' ? (place ? hostUplink(engine.world, place).nameservers : []) : [t]));
  const via = fwd.to.includes('/etc/resolv.conf') ? ' (/etc/resolv.conf: its node\'s DNS servers)' : '';
  addStep(engine, depth, at, `forward ${zoneText(fwd.from)}`, `to ${upstreams.join(', ')}${via}`, `${fwd.source}: forward ${zoneText(fwd.from)} ${fwd.to.join(' ')}`);
  if (!place) return reply(pod, { rcode: 'SERVFAIL' });
  const out = forwardTo(engine, place, upstreams, q, protocol, depth + 1, { label: at, perTryMs: FORWARD_TRY_MS, maxTries: FORWARD_TRIES });
  if (out.kind === 'failed') {
    addStep(engine, depth, at, 'answer', 'SERVFAIL', `no upstream answered: CoreDNS answers SERVFAIL after ${out.waitedMs / 1000} s`);
    return reply(pod, { rcode: 'SERVFAIL', latencyMs: out.waitedMs });
  }
  const up = out.reply;
  return reply(pod, {
    rcode: up.rcode,
    answers: up.answers,
    authority: up.authority,
    additional: up.additional,
    aa: up.aa,
    ra: up.ra,
    latencyMs: out.waitedMs + 1,
  });
}

// An ExternalName CNAME: the kubernetes plugin looks the target up through CoreDNS itself.
function chaseAlias(engine: Engine, pod: Pod, clusterId: string, target: string, q: Question, protocol: Transport, depth: number, r: Reply): void {
  const next = serveCoredns(engine, pod, clusterId, { name: target, type: q.type }, protocol, depth + 1);
  r.answers = [...r.answers, ...next.answers];
  r.latencyMs += next.latencyMs;
  if (next.rcode !== 'NOERROR') r.rcode = next.rcode;
}

function corednsPlace(engine: Engine, pod: Pod, clusterId: string): Located | undefined {
  return locate(engine.world, { kind: 'pod', clusterId, namespace: pod.metadata.namespace ?? 'kube-system', name: pod.metadata.name });
}

/** AKS (v20241025+) stops search-list junk in the default block (AKS-docs coredns-troubleshoot.md). */
export function searchJunk(name: string): string | null {
  if (inZone(name, 'reddog.microsoft.com')) return `${name} is under reddog.microsoft.com (the custom-DNS search stub): AKS's CoreDNS answers NXDOMAIN without asking upstream`;
  if (inZone(name, 'internal.cloudapp.net') && labelCount(name) >= 7) {
    return `${name} has ${labelCount(name)} labels under internal.cloudapp.net (search-list junk): AKS's CoreDNS answers NXDOMAIN without asking upstream`;
  }
  return null;
}

function applyRewrites(rules: RewriteRule[], name: string): { name: string; rule: RewriteRule } | undefined {
  for (const rule of rules) {
    let out: string | undefined;
    if (rule.match === 'exact' && name === rule.from) out = rule.to;
    else if (rule.match === 'prefix' && name.startsWith(rule.from)) out = rule.to + name.slice(rule.from.length);
    else if (rule.match === 'suffix' && name.endsWith(rule.from)) out = name.slice(0, name.length - rule.from.length) + rule.to;
    else if (rule.match === 'substring' && name.includes(rule.from)) out = name.replace(rule.from, rule.to);
    else if (rule.match === 'regex') {
      try {
        const re = new RegExp(`^(?:${rule.from})$`, 'i');
        const withDot = `${name}.`;
        const subject = re.test(withDot) ? withDot : name;
        if (re.test(subject)) out = subject.replace(re, rule.to.replace(/\{(\d+)\}/g, '$$$1')).replace(/\.$/, '').toLowerCase();
      } catch {
        out = undefined;
      }
    }
    if (out !== undefined && out !== name) return { name: out, rule };
  }
  return undefined;
}

// The hosts plugin: entries answer authoritatively; a miss falls through only with `fallthrough`,
// otherwise CoreDNS answers SERVFAIL (it has no SOA to make an NXDOMAIN from).
function hostsAnswer(hosts: HostsPlugin, q: Question, pod: Pod): { reply: Reply; reason: string } | null {
  const reverseIp = ipOfReverseName(q.name);
  const inZones = hosts.zones.some((z) => inZone(q.name, z));
  if (!inZones && !(reverseIp && q.type === 'PTR')) return null;
  const answers: DnsRecord[] = [];
  if (q.type === 'A') for (const ip of hosts.byName.get(q.name) ?? []) answers.push({ name: q.name, type: 'A', ttl: hosts.ttl, data: ip });
  if (q.type === 'PTR' && reverseIp) for (const n of hosts.byIp.get(reverseIp) ?? []) answers.push({ name: q.name, type: 'PTR', ttl: hosts.ttl, data: fqdn(n) });
  const exists = hosts.byName.has(q.name);
  if (answers.length > 0 || exists) {
    return { reply: reply(pod, { rcode: 'NOERROR', answers, aa: true }), reason: `hosts entry in ${hosts.source}` };
  }
  if (hosts.fallthrough && (hosts.fallthrough.length === 0 || hosts.fallthrough.some((z) => inZone(q.name, z)))) return null;
  return {
    reply: reply(pod, { rcode: 'SERVFAIL' }),
    reason: `the hosts block in ${hosts.source} has no entry for ${q.name} and no "fallthrough", so CoreDNS stops there with SERVFAIL`,
  };
}
