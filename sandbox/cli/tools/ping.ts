// ping as iputils (Ubuntu nodes, the workstation, netshoot) and BusyBox print it. Without -c it
// stops after 4 packets so a command always ends (the real tools run until interrupted). Each
// second of interval and the wait for missing replies pass on the virtual clock.
import { isIPv4 } from '../../core/ip.ts';
import type { ClientKind } from '../../network/dns/index.ts';
import { reachFor } from '../../network/trace/index.ts';
import { resolveName, reverseName } from '../../network/dns/index.ts';
import { parseArgs } from '../../shell/builtins/options.ts';
import type { CommandContext, CommandResult } from '../../shell/types.ts';
import type { Sim } from '../sim.ts';
import { parseBusybox, last, busyboxUsage } from './busybox/usage.ts';
import { toolEnv, wait, type ToolEnv } from './env.ts';
import { echoPath, echoRtt } from './net/probe.ts';
import { lookupHost } from './net/resolve.ts';

/** Without -c the real tools ping forever; the sandbox stops after this many. */
export const DEFAULT_COUNT = 4;

const IPUTILS_USAGE = `
Usage
  ping [options] <destination>

Options:
  <destination>      dns name or ip address
  -a                 use audible ping
  -A                 use adaptive ping
  -B                 sticky source address
  -c <count>         stop after <count> replies
  -D                 print timestamps
  -d                 use SO_DEBUG socket option
  -f                 flood ping
  -h                 print help and exit
  -I <interface>     either interface name or address
  -i <interval>      seconds between sending each packet
  -L                 suppress loopback of multicast packets
  -l <preload>       send <preload> number of packages while waiting replies
  -m <mark>          tag the packets going out
  -M <pmtud opt>     define mtu discovery, can be one of <do|dont|want>
  -n                 no dns name resolution
  -O                 report outstanding replies
  -p <pattern>       contents of padding byte
  -q                 quiet output
  -Q <tclass>        use quality of service <tclass> bits
  -s <size>          use <size> as number of data bytes to be sent
  -S <size>          use <size> as SO_SNDBUF socket option value
  -t <ttl>           define time to live
  -U                 print user-to-user latency
  -v                 verbose output
  -V                 print version and exit
  -w <deadline>      reply wait <deadline> in seconds
  -W <timeout>       time to wait for response

IPv4 options:
  -4                 use IPv4
  -b                 allow pinging broadcast
  -R                 record route
  -T <timestamp>     define timestamp, can be one of <tsonly|tsandaddr|tsprespec>

IPv6 options:
  -6                 use IPv6
  -F <flowlabel>     define flow label, default is random
  -N <nodeinfo opt>  use icmp6 node info query, try <help> as argument

For more details see ping(8).
`;

interface Plan {
  count: number;
  intervalS: number;
  waitS: number;
  deadlineS?: number;
  size: number;
  quiet: boolean;
  numeric: boolean;
  target: string;
}

interface Run {
  ip: string;
  rtts: (number | null)[];
  ttl: number;
  replyFrom: string;
  /** Milliseconds from the first send to the last event (iputils "time"). */
  spanMs: number;
  /** Wall time the command takes. */
  totalMs: number;
}

function simulate(env: ToolEnv, ip: string, plan: Plan): Run {
  const path = echoPath(env, ip);
  let count = plan.count;
  if (plan.deadlineS !== undefined) count = Math.min(count, Math.max(1, Math.floor(plan.deadlineS / plan.intervalS) + (path.answered ? 0 : 1)));
  const rtts: (number | null)[] = [];
  for (let i = 0; i < count; i++) rtts.push(path.answered ? echoRtt(path, `${env.world.now()}|${ip}|${i}`) : null);
  const sendSpan = (count - 1) * plan.intervalS * 1000;
  const lastRtt = rtts[rtts.length - 1] ?? 0;
  const answered = rtts.some((r) => r !== null);
  let totalMs = answered ? sendSpan + lastRtt : sendSpan + plan.waitS * 1000;
  if (plan.deadlineS !== undefined) totalMs = Math.min(totalMs, plan.deadlineS * 1000);
  const spanMs = Math.round(sendSpan + (answered ? lastRtt : 0) + (count > 1 ? 2 + (count % 7) : 0));
  return { ip, rtts, ttl: path.ttl, replyFrom: path.replyFrom, spanMs, totalMs };
}

/** iputils' time= field: 3 decimals under 1 ms, 2 under 10, 1 under 100, none above. */
export function iputilsTime(ms: number): string {
  const us = Math.round(ms * 1000);
  if (us >= 100000 - 50) return String(Math.floor((us + 500) / 1000));
  if (us >= 10000 - 5) return `${Math.floor((us + 50) / 1000)}.${Math.floor(((us + 50) % 1000) / 100)}`;
  if (us >= 1000) return `${Math.floor((us + 5) / 1000)}.${String(Math.floor(((us + 5) % 1000) / 10)).padStart(2, '0')}`;
  return `${Math.floor(us / 1000)}.${String(us % 1000).padStart(3, '0')}`;
}

function usecs(ms: number): number {
  return Math.round(ms * 1000);
}

function fmt3(us: number): string {
  return `${Math.floor(us / 1000)}.${String(us % 1000).padStart(3, '0')}`;
}

function reverse(env: ToolEnv, ip: string): string | undefined {
  const r = resolveName(env.world, env.from, reverseName(ip), { type: 'PTR', reach: reachFor(env.world), search: false });
  const ptr = r.answers.find((a) => a.type === 'PTR');
  return ptr ? ptr.data.replace(/\.$/, '') : undefined;
}

function gaiError(status: string): string {
  return status === 'TIMEOUT' || status === 'SERVFAIL' ? 'Temporary failure in name resolution' : 'Name or service not known';
}

export function runIputilsPing(sim: Sim, ctx: CommandContext, client: ClientKind): CommandResult {
  const parsed = parseArgs('ping', ctx.argv.slice(1), { flags: 'h?4bR6aABdDfLnOqrUvV', values: 'TFNcilImMpQsStwW' });
  if (!parsed.ok) {
    const m = /invalid option -- '(.)'/.exec(parsed.result.stderr);
    const why = m ? `ping: invalid option -- '${m[1]}'` : parsed.result.stderr.split('\n')[0]!;
    return { stdout: '', stderr: `${why}\n${IPUTILS_USAGE}`, exitCode: 2 };
  }
  const a = parsed.args;
  if (a.flags.has('h') || a.flags.has('?')) return { stdout: '', stderr: IPUTILS_USAGE, exitCode: 2 };
  if (a.flags.has('V')) return { stdout: 'ping from iputils 20211215\nlibcap: yes, IDN: yes, NLS: yes, error.h: yes, getrandom(): yes, __fpending(): yes\n', stderr: '', exitCode: 0 };
  const num = (key: string, fallback: number, min: number): number | string => {
    const v = a.values.get(key)?.at(-1);
    if (v === undefined) return fallback;
    const n = Number(v);
    if (!/^\d+(\.\d+)?$/.test(v) || n < min) return `ping: invalid argument: '${v}'`;
    return n;
  };
  const count = num('c', DEFAULT_COUNT, 1);
  const interval = num('i', 1, 0.002);
  const waitS = num('W', 10, 0);
  const deadline = a.values.has('w') ? num('w', 0, 0) : undefined;
  const size = num('s', 56, 0);
  for (const v of [count, interval, waitS, deadline, size]) if (typeof v === 'string') return { stdout: '', stderr: `${v}\n`, exitCode: 1 };
  if (a.operands.length === 0) return { stdout: '', stderr: 'ping: usage error: Destination address required\n', exitCode: 1 };
  const target = a.operands[a.operands.length - 1]!;
  const env = toolEnv(sim, ctx);
  const lookup = lookupHost(env, target, client);
  if (lookup.addresses.length === 0) {
    wait(env, lookup.elapsedMs);
    return { stdout: '', stderr: `ping: ${target}: ${gaiError(lookup.status)}\n`, exitCode: 2 };
  }
  const ip = lookup.addresses[0]!;
  const plan: Plan = { count: count as number, intervalS: interval as number, waitS: waitS as number, deadlineS: deadline as number | undefined, size: size as number, quiet: a.flags.has('q'), numeric: a.flags.has('n') || isIPv4(target), target };
  const run = simulate(env, ip, plan);
  const from = plan.numeric ? run.replyFrom : (() => {
    const name = reverse(env, run.replyFrom);
    return name ? `${name} (${run.replyFrom})` : run.replyFrom;
  })();
  const lines = [`PING ${target} (${ip}) ${plan.size}(${plan.size + 28}) bytes of data.`];
  if (!plan.quiet) {
    run.rtts.forEach((r, i) => {
      if (r !== null) lines.push(`${plan.size + 8} bytes from ${from}: icmp_seq=${i + 1} ttl=${run.ttl} time=${iputilsTime(r)} ms`);
    });
  }
  const received = run.rtts.filter((r): r is number => r !== null);
  const sent = run.rtts.length;
  const loss = ((sent - received.length) * 100) / sent;
  lines.push('', `--- ${target} ping statistics ---`, `${sent} packets transmitted, ${received.length} received, ${Number(loss.toPrecision(6))}% packet loss, time ${run.spanMs}ms`);
  if (received.length > 0) {
    const us = received.map(usecs);
    const min = Math.min(...us);
    const max = Math.max(...us);
    const sum = us.reduce((s, x) => s + x, 0);
    const avg = Math.floor(sum / us.length);
    const sum2 = us.reduce((s, x) => s + x * x, 0);
    const mdev = Math.floor(Math.sqrt(Math.max(0, Math.floor((sum2 - Math.floor((sum * sum) / us.length)) / us.length))));
    lines.push(`rtt min/avg/max/mdev = ${fmt3(min)}/${fmt3(avg)}/${fmt3(max)}/${fmt3(mdev)} ms`);
  } else lines.push('');
  wait(env, lookup.elapsedMs + run.totalMs);
  return { stdout: `${lines.join('\n')}\n`, stderr: '', exitCode: received.length > 0 && (deadline === undefined || received.length >= Math.min(sent, plan.count)) ? 0 : 1 };
}

const BB_TRIVIAL = '[OPTIONS] HOST';
const BB_FULL = [
  'Send ICMP ECHO_REQUESTs to HOST',
  '',
  '\t-4,-6\t\tForce IP or IPv6 name resolution',
  '\t-c CNT\t\tSend only CNT pings',
  '\t-s SIZE\t\tSend SIZE data bytes in packets (default 56)',
  '\t-i SECS\t\tInterval',
  '\t-A\t\tPing as soon as reply is received',
  '\t-t TTL\t\tSet TTL',
  '\t-I IFACE/IP\tSource interface or IP address',
  '\t-W SEC\t\tSeconds to wait for the first response (default 10)',
  '\t\t\t(after all -c CNT packets are sent)',
  '\t-w SEC\t\tSeconds until ping exits (default:infinite)',
  '\t\t\t(can exit earlier with -c CNT)',
  '\t-q\t\tQuiet, only display output at start/finish',
  '\t-p HEXBYTE\tPayload pattern',
].join('\n');

export function runBusyboxPing(sim: Sim, ctx: CommandContext): CommandResult {
  const parsed = parseBusybox('ping', ctx.argv.slice(1), { flags: 'qvAn46', values: 'cstwWIpi' });
  if (!parsed.ok) return { stdout: '', stderr: `${parsed.message}\n${busyboxUsage('ping', BB_TRIVIAL, BB_FULL)}`, exitCode: 1 };
  const a = parsed.args;
  if (a.operands.length !== 1) return { stdout: '', stderr: busyboxUsage('ping', BB_TRIVIAL, BB_FULL), exitCode: 1 };
  const n = (key: string, fallback: number): number | undefined => {
    const v = last(a.values, key);
    if (v === undefined) return fallback;
    return /^\d+(\.\d+)?$/.test(v) ? Number(v) : undefined;
  };
  const count = n('c', DEFAULT_COUNT);
  const interval = n('i', 1);
  const waitS = n('W', 10);
  const deadline = a.values.has('w') ? n('w', 0) : undefined;
  const size = n('s', 56);
  for (const [k, v] of [['c', count], ['i', interval], ['W', waitS], ['s', size]] as const) {
    if (v === undefined) return { stdout: '', stderr: `ping: invalid number '${last(a.values, k)}'\n`, exitCode: 1 };
  }
  const target = a.operands[0]!;
  const env = toolEnv(sim, ctx);
  const lookup = lookupHost(env, target, 'musl');
  if (lookup.addresses.length === 0) {
    wait(env, lookup.elapsedMs);
    return { stdout: '', stderr: `ping: bad address '${target}'\n`, exitCode: 1 };
  }
  const ip = lookup.addresses[0]!;
  const plan: Plan = { count: count!, intervalS: interval!, waitS: waitS!, deadlineS: deadline, size: size!, quiet: a.flags.has('q'), numeric: true, target };
  const run = simulate(env, ip, plan);
  const lines = [`PING ${target} (${ip}): ${plan.size} data bytes`];
  if (!plan.quiet) {
    run.rtts.forEach((r, i) => {
      if (r !== null) lines.push(`${plan.size + 8} bytes from ${run.replyFrom}: seq=${i} ttl=${run.ttl} time=${fmt3(usecs(r))} ms`);
    });
  }
  const received = run.rtts.filter((r): r is number => r !== null);
  const sent = run.rtts.length;
  lines.push('', `--- ${target} ping statistics ---`, `${sent} packets transmitted, ${received.length} packets received, ${Math.floor(((sent - received.length) * 100) / sent)}% packet loss`);
  if (received.length > 0) {
    const us = received.map(usecs);
    const avg = Math.floor(us.reduce((s, x) => s + x, 0) / us.length);
    lines.push(`round-trip min/avg/max = ${fmt3(Math.min(...us))}/${fmt3(avg)}/${fmt3(Math.max(...us))} ms`);
  }
  wait(env, lookup.elapsedMs + run.totalMs);
  return { stdout: `${lines.join('\n')}\n`, stderr: '', exitCode: received.length > 0 ? 0 : 1 };
}
