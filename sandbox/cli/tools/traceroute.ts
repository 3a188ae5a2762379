// traceroute (Linux traceroute 2.1 on Ubuntu, BusyBox in small images): the routers a trace
// passes that decrement the TTL and answer — a pod's first hop (cbr0 or its node), every node
// that forwards the packet, virtual appliance VMs — while the Azure fabric itself is invisible
// and Azure Firewall or the internet beyond Azure stay silent (`* * *`). UDP probes by default,
// -T for TCP SYN, -I for ICMP echo. Virtual time passes for the probes that never came back.
import { isIPv4 } from '../../core/ip.ts';
import type { Pod } from '../../model/k8s/types.ts';
import { HOME_ROUTER_IP, reverseName, resolveName } from '../../network/dns/index.ts';
import type { Protocol } from '../../network/flow.ts';
import { reachFor, type TraceResult } from '../../network/trace/index.ts';
import { parseArgs } from '../../shell/builtins/options.ts';
import type { CommandContext, CommandResult } from '../../shell/types.ts';
import type { Sim } from '../sim.ts';
import { busyboxUsage, last, parseBusybox } from './busybox/usage.ts';
import { toolEnv, wait, type ToolEnv } from './env.ts';
import { nodeAddress, podFirstHop } from './net/addresses.ts';
import { traceFrom } from './net/connect.ts';
import { baseRtt, reachOf, sampleRtt } from './net/latency.ts';
import { lookupHost } from './net/resolve.ts';

interface Hop {
  ip: string | null;
  rttMs: number;
}

/** The TTL-decrementing routers on the path, then the destination if it answers. */
export function routeOf(env: ToolEnv, t: TraceResult, target: string): { hops: Hop[]; reached: boolean } {
  const world = env.world;
  const hops: Hop[] = [];
  const base = baseRtt(reachOf(world, env.from, t), target);
  const from = env.from;
  let sourceNode: string | undefined;
  let clusterId: string | undefined;
  if (from.kind === 'pod') {
    const pod = world.k8sGet<Pod>(from.clusterId, 'Pod', from.namespace, from.name);
    clusterId = from.clusterId;
    sourceNode = pod?.spec.nodeName;
    if (pod && !pod.spec.hostNetwork && sourceNode) {
      const gw = podFirstHop(world, from.clusterId, sourceNode);
      if (gw && gw !== target) hops.push({ ip: gw, rttMs: 0.04 });
    }
  } else if (from.kind === 'node') {
    clusterId = from.clusterId;
    sourceNode = from.name;
  } else if (from.kind === 'machine' && world.state.machines[from.id]?.kind === 'workstation') {
    // The home router, then the ISP's and Microsoft's routers, which do not answer probes.
    hops.push({ ip: HOME_ROUTER_IP, rttMs: 0.6 });
  }
  const internet = t.reached?.kind === 'internet' || t.hops.some((h) => h.action === 'snat' && /outbound|NAT gateway/i.test(h.at));
  for (const h of t.hops) {
    if (h.action === 'forward' && h.decision === 'pass' && clusterId && h.at !== sourceNode) {
      const ip = nodeAddress(world, clusterId, h.at);
      if (ip && ip !== target) hops.push({ ip, rttMs: base * 0.8 });
    }
    if (h.action === 'firewall') hops.push({ ip: null, rttMs: 0 });
  }
  const reached = (t.verdict === 'delivered' || (t.verdict === 'refused' && t.reached !== undefined)) && !internet;
  return { hops, reached };
}

function nameOf(env: ToolEnv, ip: string, cache: Map<string, string>): string {
  const hit = cache.get(ip);
  if (hit) return hit;
  // systemd-resolved names the default gateway itself.
  if (ip === HOME_ROUTER_IP && env.from.kind === 'machine') return '_gateway';
  const r = resolveName(env.world, env.from, reverseName(ip), { type: 'PTR', reach: reachFor(env.world), search: false });
  const ptr = r.answers.find((a) => a.type === 'PTR')?.data.replace(/\.$/, '') ?? ip;
  cache.set(ip, ptr);
  return ptr;
}

interface Options {
  numeric: boolean;
  maxHops: number;
  queries: number;
  waitS: number;
  protocol: Protocol;
  port: number;
  packetLen: number;
}

function render(env: ToolEnv, target: string, ip: string, o: Options, header: string): { text: string; elapsedMs: number } {
  const probePort = o.protocol === 'udp' ? o.port : o.port;
  const { trace: t } = traceFrom(env, ip, o.protocol === 'icmp' ? undefined : probePort, o.protocol, isIPv4(target) ? undefined : target);
  const { hops, reached } = routeOf(env, t, ip);
  const dstRtt = baseRtt(reachOf(env.world, env.from, t), ip);
  const lines = [header];
  const names = new Map<string, string>();
  let silentProbes = 0;
  let ttl = 1;
  const all: Hop[] = [...hops];
  if (reached) all.push({ ip, rttMs: dstRtt });
  for (const hop of all) {
    if (ttl > o.maxHops) break;
    lines.push(hopLine(env, ttl, hop, o, names));
    if (hop.ip === null) silentProbes += o.queries;
    ttl++;
  }
  if (!reached) {
    for (; ttl <= o.maxHops; ttl++) {
      lines.push(hopLine(env, ttl, { ip: null, rttMs: 0 }, o, names));
      silentProbes += o.queries;
    }
  }
  const sentRounds = Math.ceil(silentProbes / 16);
  return { text: `${lines.join('\n')}\n`, elapsedMs: sentRounds * o.waitS * 1000 + dstRtt * 3 };
}

function hopLine(env: ToolEnv, ttl: number, hop: Hop, o: Options, names: Map<string, string>): string {
  let line = `${String(ttl).padStart(2)} `;
  if (hop.ip === null) return line + ' *'.repeat(o.queries);
  line += o.numeric ? ` ${hop.ip}` : ` ${nameOf(env, hop.ip, names)} (${hop.ip})`;
  for (let q = 0; q < o.queries; q++) line += `  ${sampleRtt(Math.max(hop.rttMs, 0.012), `${env.world.now()}|${hop.ip}|${ttl}|${q}`).toFixed(3)} ms`;
  return line;
}

const MODERN_USAGE = `Usage:
  traceroute [ -46dFITnreAUDV ] [ -f first_ttl ] [ -g gate,... ] [ -i device ] [ -m max_ttl ] [ -N squeries ] [ -p port ] [ -t tos ] [ -l flow_label ] [ -w MAX,HERE,NEAR ] [ -q nqueries ] [ -s src_addr ] [ -z sendwait ] [ --fwmark=num ] host [ packetlen ]
`;

export function runTraceroute(sim: Sim, ctx: CommandContext, root: boolean): CommandResult {
  const parsed = parseArgs('traceroute', ctx.argv.slice(1), { flags: '46dFITnreAUDV', values: 'fgimNptlwqsz', long: { icmp: 'I', tcp: 'T', udp: '+udp', port: 'p=', 'max-hops': 'm=', queries: 'q=', wait: 'w=' } });
  if (!parsed.ok) return { stdout: '', stderr: `Bad option \`${ctx.argv.slice(1).find((x) => x.startsWith('-')) ?? ''}' (argc 1)\n`, exitCode: 2 };
  const a = parsed.args;
  if (a.operands.length === 0) return { stdout: '', stderr: MODERN_USAGE, exitCode: 2 };
  const protocol: Protocol = a.flags.has('I') ? 'icmp' : a.flags.has('T') ? 'tcp' : 'udp';
  if (protocol !== 'udp' && !root) return { stdout: '', stderr: 'You do not have enough privileges to use this traceroute method.\nsocket: Operation not permitted\n', exitCode: 1 };
  const target = a.operands[0]!;
  const env = toolEnv(sim, ctx);
  const lookup = lookupHost(env, target, 'glibc');
  if (lookup.addresses.length === 0) {
    wait(env, lookup.elapsedMs);
    const why = lookup.status === 'TIMEOUT' ? 'Temporary failure in name resolution' : 'Name or service not known';
    return { stdout: '', stderr: `${target}: ${why}\nCannot handle "host" cmdline arg \`${target}' on position 1 (argc ${ctx.argv.length - 1})\n`, exitCode: 2 };
  }
  const ip = lookup.addresses[0]!;
  const o: Options = {
    numeric: a.flags.has('n'),
    maxHops: Number(last(a.values, 'm') ?? 30) || 30,
    queries: Number(last(a.values, 'q') ?? 3) || 3,
    waitS: Number((last(a.values, 'w') ?? '5').split(',')[0]) || 5,
    protocol,
    port: Number(last(a.values, 'p') ?? (protocol === 'tcp' ? 80 : 33434)) || 33434,
    packetLen: 60,
  };
  const r = render(env, target, ip, o, `traceroute to ${target} (${ip}), ${o.maxHops} hops max, ${o.packetLen} byte packets`);
  wait(env, lookup.elapsedMs + r.elapsedMs);
  return { stdout: r.text, stderr: '', exitCode: 0 };
}

const BB_TRIVIAL = '[-46IFlnrv] [-f 1ST_TTL] [-m MAXTTL] [-q PROBES] [-p PORT]\n\t[-t TOS] [-w WAIT_SEC] [-s SRC_IP] [-i IFACE]\n\t[-z PAUSE_MSEC] HOST [BYTES]';
const BB_FULL = [
  'Trace the route to HOST',
  '',
  '\t-4,-6\tForce IP or IPv6 name resolution',
  '\t-F\tSet don\'t fragment bit',
  '\t-I\tUse ICMP ECHO instead of UDP datagrams',
  '\t-l\tDisplay TTL value of the returned packet',
  '\t-n\tPrint numeric addresses',
  '\t-r\tBypass routing tables, send directly to HOST',
  '\t-v\tVerbose',
  '\t-f N\tFirst number of hops (default 1)',
  '\t-m N\tMax number of hops',
  '\t-q N\tNumber of probes per hop (default 3)',
  '\t-p N\tBase UDP port number used in probes',
  '\t\t(default 33434)',
  '\t-s IP\tSource address',
  '\t-i IFACE Source interface',
  '\t-t N\tType-of-service in probe packets (default 0)',
  '\t-w SEC\tWait for a response (default 3)',
  '\t-z MSEC\tWait before each send',
].join('\n');

export function runBusyboxTraceroute(sim: Sim, ctx: CommandContext): CommandResult {
  const parsed = parseBusybox('traceroute', ctx.argv.slice(1), { flags: '46FIlnrv', values: 'fmqptwsiz' });
  if (!parsed.ok) return { stdout: '', stderr: `${parsed.message}\n${busyboxUsage('traceroute', BB_TRIVIAL, BB_FULL)}`, exitCode: 1 };
  const a = parsed.args;
  if (a.operands.length === 0) return { stdout: '', stderr: busyboxUsage('traceroute', BB_TRIVIAL, BB_FULL), exitCode: 1 };
  const target = a.operands[0]!;
  const env = toolEnv(sim, ctx);
  const lookup = lookupHost(env, target, 'musl');
  if (lookup.addresses.length === 0) {
    wait(env, lookup.elapsedMs);
    return { stdout: '', stderr: `traceroute: bad address '${target}'\n`, exitCode: 1 };
  }
  const ip = lookup.addresses[0]!;
  const o: Options = {
    numeric: a.flags.has('n'),
    maxHops: Number(last(a.values, 'm') ?? 30) || 30,
    queries: Number(last(a.values, 'q') ?? 3) || 3,
    waitS: Number(last(a.values, 'w') ?? 3) || 3,
    protocol: a.flags.has('I') ? 'icmp' : 'udp',
    port: Number(last(a.values, 'p') ?? 33434) || 33434,
    packetLen: 38,
  };
  const r = render(env, target, ip, o, `traceroute to ${target} (${ip}), ${o.maxHops} hops max, ${o.packetLen} byte packets`);
  wait(env, lookup.elapsedMs + r.elapsedMs);
  return { stdout: r.text, stderr: '', exitCode: 0 };
}
