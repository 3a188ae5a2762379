// netcat: OpenBSD's (Ubuntu nodes, the workstation, netshoot) and BusyBox's. `nc -zv host port`
// reports whether a TCP connection opens; without -z, stdin is sent and the server's answer
// printed (an HTTP request typed into nc gets the server's raw response).
import { isIPv4 } from '../../core/ip.ts';
import { parseArgs } from '../../shell/builtins/options.ts';
import type { CommandContext, CommandResult } from '../../shell/types.ts';
import type { Sim } from '../sim.ts';
import { busyboxUsage, last, parseBusybox } from './busybox/usage.ts';
import { KERNEL_SYN_TIMEOUT_MS } from './curl/transfer.ts';
import { toolEnv, wait, type ToolEnv } from './env.ts';
import type { HttpRequest, ServerReply } from './http/types.ts';
import { connect, type Connection } from './net/connect.ts';
import { lookupHost } from './net/resolve.ts';

const SERVICES: Record<number, string> = { 21: 'ftp', 22: 'ssh', 25: 'smtp', 53: 'domain', 80: 'http', 443: 'https', 3306: 'mysql', 5432: 'postgresql', 6379: 'redis', 8080: 'http-alt', 9090: 'websm' };

/** The raw bytes a server sends back for what was written to it. */
function exchange(c: Extract<Connection, { kind: 'connected' }>, env: ToolEnv, input: string): string {
  const server = c.peer.server;
  let out = server.banner ?? '';
  const m = /^([A-Z]+) (\S+) HTTP\/(1\.[01])\r?\n([\s\S]*?)(?:\r?\n\r?\n|$)/.exec(input);
  if (!m) return out;
  const headers = m[4]!
    .split(/\r?\n/)
    .filter((l) => l.includes(':'))
    .map((l) => [l.slice(0, l.indexOf(':')).trim(), l.slice(l.indexOf(':') + 1).trim()] as [string, string]);
  const host = headers.find(([n]) => n.toLowerCase() === 'host')?.[1] ?? c.remote.ip;
  const req: HttpRequest = { method: m[1]!, target: m[2]!, authority: host, scheme: 'http', version: m[3] as '1.0' | '1.1', headers, body: '' };
  const reply: ServerReply = server.tls
    ? { kind: 'raw', text: '' }
    : server.serve(req, { world: env.world, clientIp: c.clientIpSeen, clientPort: c.clientPortSeen, localIp: c.trace.finalDestination?.ip ?? c.remote.ip, localPort: c.trace.finalDestination?.port ?? c.remote.port, hostname: c.peer.hostname, from: env.from });
  if (reply.kind === 'raw') return out + reply.text;
  if (reply.kind !== 'http') return out;
  const r = reply.response;
  out += `HTTP/${r.version ?? m[3]} ${r.status} ${r.reason}\r\n`;
  for (const [n, v] of r.headers) out += `${n}: ${v}\r\n`;
  return `${out}\r\n${r.body}`;
}

interface Plan {
  zero: boolean;
  verbose: number;
  waitS?: number;
  udp: boolean;
}

function ports(spec: string): number[] | undefined {
  const m = /^(\d+)(?:-(\d+))?$/.exec(spec);
  if (!m) return undefined;
  const lo = Number(m[1]);
  const hi = m[2] !== undefined ? Number(m[2]) : lo;
  if (lo < 1 || hi > 65535 || hi < lo || hi - lo > 1024) return undefined;
  return Array.from({ length: hi - lo + 1 }, (_, i) => lo + i);
}

export function runOpenbsdNc(sim: Sim, ctx: CommandContext): CommandResult {
  const parsed = parseArgs('nc', ctx.argv.slice(1), { flags: '46bCDdFhklNnrStUuvZz', values: 'IiMmOPpqsTVwXx' });
  if (!parsed.ok) {
    const m = /invalid option -- '(.)'/.exec(parsed.result.stderr);
    return { stdout: '', stderr: `nc: invalid option -- '${m?.[1] ?? '?'}'\nusage: nc [-46CDdFhklNnrStUuvZz] [-I length] [-i interval] [-M ttl]\n\t  [-m minttl] [-O length] [-P proxy_username] [-p source_port]\n\t  [-q seconds] [-s sourceaddr] [-T keyword] [-V rtable] [-W recvlimit]\n\t  [-w timeout] [-X proxy_protocol] [-x proxy_address[:port]]\n\t  [destination] [port]\n`, exitCode: 1 };
  }
  const a = parsed.args;
  if (a.flags.has('l')) return { stdout: '', stderr: 'nc: listening is not available in the sandbox\n', exitCode: 1 };
  if (a.operands.length < 2) {
    return { stdout: '', stderr: 'usage: nc [-46CDdFhklNnrStUuvZz] [-I length] [-i interval] [-M ttl]\n\t  [-m minttl] [-O length] [-P proxy_username] [-p source_port]\n\t  [-q seconds] [-s sourceaddr] [-T keyword] [-V rtable] [-W recvlimit]\n\t  [-w timeout] [-X proxy_protocol] [-x proxy_address[:port]]\n\t  [destination] [port]\n', exitCode: 1 };
  }
  const [host, ...portSpecs] = a.operands as [string, ...string[]];
  const list: number[] = [];
  for (const spec of portSpecs) {
    const p = ports(spec);
    if (!p) return { stdout: '', stderr: `nc: port range not valid\n`, exitCode: 1 };
    list.push(...p);
  }
  const w = a.values.get('w')?.at(-1);
  const plan: Plan = { zero: a.flags.has('z'), verbose: a.flags.has('v') ? 1 : 0, waitS: w !== undefined ? Number(w) : undefined, udp: a.flags.has('u') };
  const env = toolEnv(sim, ctx);
  const lookup = a.flags.has('n') && !isIPv4(host) ? { addresses: [], status: 'NXDOMAIN' as const, elapsedMs: 0 } : lookupHost(env, host, 'glibc');
  let elapsed = lookup.elapsedMs;
  if (lookup.addresses.length === 0) {
    wait(env, elapsed);
    const why = lookup.status === 'TIMEOUT' ? 'Temporary failure in name resolution' : 'Name or service not known';
    return { stdout: '', stderr: `nc: getaddrinfo for host "${host}" port ${list[0]}: ${why}\n`, exitCode: 1 };
  }
  let stdout = '';
  let stderr = '';
  let failed = false;
  for (const port of list) {
    const proto = plan.udp ? 'udp' : 'tcp';
    const service = SERVICES[port] ?? '*';
    let ok = false;
    for (const ip of lookup.addresses) {
      const c = connect(env, ip, port, { hostName: isIPv4(host) ? undefined : host, protocol: plan.udp ? 'udp' : 'tcp' });
      if (plan.udp) {
        // UDP has no handshake: nc reports success unless an ICMP error comes back.
        elapsed += plan.zero ? 0 : (plan.waitS ?? 0) * 1000;
        if (c.kind === 'refused') continue;
        if (plan.verbose) stderr += `Connection to ${host !== ip && !a.flags.has('n') ? `${host} (${ip})` : host} ${port} port [udp/${service}] succeeded!\n`;
        ok = true;
        break;
      }
      if (c.kind === 'connected') {
        elapsed += c.rttMs;
        // report_sock(): the address follows a name that differs from it (not with -n).
        const shown = host !== ip && !a.flags.has('n') ? `${host} (${ip})` : host;
        if (plan.verbose) stderr += `Connection to ${shown} ${port} port [${proto}/${service}] succeeded!\n`;
        if (!plan.zero) {
          stdout += exchange(c, env, ctx.stdin);
          elapsed += c.rttMs + (plan.waitS ?? 0) * 1000;
        }
        ok = true;
        break;
      }
      if (c.kind === 'timeout') {
        if (plan.waitS !== undefined && plan.waitS * 1000 < KERNEL_SYN_TIMEOUT_MS) {
          elapsed += plan.waitS * 1000;
          stderr += `nc: connect to ${host} port ${port} (${proto}) timed out: Operation now in progress\n`;
        } else {
          elapsed += KERNEL_SYN_TIMEOUT_MS;
          stderr += `nc: connect to ${host} port ${port} (${proto}) failed: Connection timed out\n`;
        }
        continue;
      }
      elapsed += c.kind === 'refused' ? c.rttMs : 0;
      stderr += `nc: connect to ${host} port ${port} (${proto}) failed: ${c.kind === 'refused' ? 'Connection refused' : 'Network is unreachable'}\n`;
    }
    if (!ok) failed = true;
  }
  wait(env, elapsed);
  return { stdout, stderr, exitCode: failed ? 1 : 0 };
}

const BB_TRIVIAL = '[OPTIONS] HOST PORT  - connect\nnc [OPTIONS] -l -p PORT [HOST] [PORT]  - listen';
const BB_FULL = [
  '\t-e PROG\tRun PROG after connect (must be last)',
  '\t-l\tListen mode, for inbound connects',
  '\t-lk\tWith -e, provides persistent server',
  '\t-p PORT\tLocal port',
  '\t-s ADDR\tLocal address',
  '\t-w SEC\tTimeout for connects and final net reads',
  '\t-i SEC\tDelay interval for lines sent',
  '\t-n\tDon\'t do DNS resolution',
  '\t-u\tUDP mode',
  '\t-b\tAllow broadcasts',
  '\t-v\tVerbose',
  '\t-o FILE\tHex dump traffic',
  '\t-z\tZero-I/O mode (scanning)',
].join('\n');

export function runBusyboxNc(sim: Sim, ctx: CommandContext): CommandResult {
  const parsed = parseBusybox('nc', ctx.argv.slice(1), { flags: 'lknuvzb', values: 'epswio' });
  if (!parsed.ok) return { stdout: '', stderr: `${parsed.message}\n${busyboxUsage('nc', BB_TRIVIAL, BB_FULL)}`, exitCode: 1 };
  const a = parsed.args;
  if (a.flags.has('l')) return { stdout: '', stderr: 'nc: listening is not available in the sandbox\n', exitCode: 1 };
  if (a.operands.length !== 2 || !/^\d+$/.test(a.operands[1]!)) return { stdout: '', stderr: busyboxUsage('nc', BB_TRIVIAL, BB_FULL), exitCode: 1 };
  const [host, portText] = a.operands as [string, string];
  const port = Number(portText);
  const verbose = ctx.argv.slice(1).filter((x) => /^-[a-z]*v/.test(x)).reduce((n, x) => n + (x.match(/v/g)?.length ?? 0), 0);
  const waitS = last(a.values, 'w') !== undefined ? Number(last(a.values, 'w')) : undefined;
  const env = toolEnv(sim, ctx);
  const lookup = lookupHost(env, host, 'musl');
  let elapsed = lookup.elapsedMs;
  const ip = lookup.addresses[0];
  if (!ip) {
    wait(env, elapsed);
    return { stdout: '', stderr: `nc: bad address '${host}'\n`, exitCode: 1 };
  }
  const dotted = `${ip}:${port}`;
  const c = connect(env, ip, port, { hostName: isIPv4(host) ? undefined : host, protocol: a.flags.has('u') ? 'udp' : 'tcp' });
  let stdout = '';
  let stderr = '';
  let code = 0;
  if (c.kind === 'connected' || (a.flags.has('u') && c.kind !== 'refused')) {
    if (c.kind === 'connected') elapsed += c.rttMs;
    if (verbose) stderr += `${host} (${dotted}) open\n`;
    if (!a.flags.has('z') && c.kind === 'connected') stdout += exchange(c, env, ctx.stdin);
  } else {
    code = 1;
    if (c.kind === 'timeout') {
      elapsed += waitS !== undefined && waitS * 1000 < KERNEL_SYN_TIMEOUT_MS ? waitS * 1000 : KERNEL_SYN_TIMEOUT_MS;
      if (verbose) stderr += `nc: ${host} (${dotted}): Connection timed out\n`;
    } else if (c.kind === 'refused') {
      elapsed += c.rttMs;
      if (verbose > 1) stderr += `nc: ${host} (${dotted}): Connection refused\n`;
    } else if (verbose) stderr += `nc: ${host} (${dotted}): Network is unreachable\n`;
  }
  wait(env, elapsed);
  return { stdout, stderr, exitCode: code };
}

/** BusyBox telnet: connects (the banner of a talking server shows), or fails like xconnect. */
export function runBusyboxTelnet(sim: Sim, ctx: CommandContext): CommandResult {
  const parsed = parseBusybox('telnet', ctx.argv.slice(1), { flags: 'aK', values: 'l' });
  const usage = busyboxUsage('telnet', '[-a] [-l USER] HOST [PORT]', 'Connect to telnet server\n\n\t-a\tAutomatic login with $USER variable\n\t-l USER\tAutomatic login as USER');
  if (!parsed.ok) return { stdout: '', stderr: `${parsed.message}\n${usage}`, exitCode: 1 };
  const [host, portText = '23'] = parsed.args.operands;
  if (!host || !/^\d+$/.test(portText)) return { stdout: '', stderr: usage, exitCode: 1 };
  const env = toolEnv(sim, ctx);
  const lookup = lookupHost(env, host, 'musl');
  let elapsed = lookup.elapsedMs;
  const ip = lookup.addresses[0];
  if (!ip) {
    wait(env, elapsed);
    return { stdout: '', stderr: `telnet: bad address '${host}'\n`, exitCode: 1 };
  }
  const c = connect(env, ip, Number(portText), { hostName: isIPv4(host) ? undefined : host });
  if (c.kind === 'connected') {
    elapsed += c.rttMs;
    wait(env, elapsed);
    // A server that answered and hung up; a silent one just sees our end of input.
    const out = exchange(c, env, ctx.stdin);
    return out ? { stdout: `${out}\nConnection closed by foreign host\n`, stderr: '', exitCode: 1 } : { stdout: '', stderr: '', exitCode: 0 };
  }
  const why = c.kind === 'refused' ? 'Connection refused' : c.kind === 'unreachable' ? 'Network is unreachable' : 'Connection timed out';
  elapsed += c.kind === 'timeout' ? KERNEL_SYN_TIMEOUT_MS : c.kind === 'refused' ? c.rttMs : 0;
  wait(env, elapsed);
  return { stdout: '', stderr: `telnet: can't connect to remote host (${ip}): ${why}\n`, exitCode: 1 };
}
