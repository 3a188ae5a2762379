// BusyBox wget (networking/wget.c): "Connecting to host (ip:port)", a progress bar on stderr,
// saving to the URL's last path component (index.html) or -O FILE / -O -, -q, -S, -T, --spider,
// --header, -U, --post-data; its errors: bad address, can't connect, download timed out, server
// returned error. HTTPS uses BusyBox's internal TLS, which does not check certificates.
import { isIPv4 } from '../../../core/ip.ts';
import type { CommandContext, CommandResult } from '../../../shell/types.ts';
import type { Sim } from '../../sim.ts';
import { toolEnv, wait, type ToolEnv } from '../env.ts';
import { byteLength, header, type Header, type HttpRequest, type ServeContext } from '../http/types.ts';
import { connect } from '../net/connect.ts';
import { lookupHost } from '../net/resolve.ts';
import { KERNEL_SYN_TIMEOUT_MS } from '../curl/transfer.ts';
import { busyboxUsage, last, parseBusybox } from './usage.ts';

const TRIVIAL = '[-cqS] [--spider] [-O FILE] [-o LOGFILE] [--header STR]\n\t[--post-data STR | --post-file FILE] [-Y on/off]\n\t[-P DIR] [-U AGENT] [-T SEC] URL...';
const FULL = [
  'Retrieve files via HTTP or FTP',
  '',
  '\t--spider\tOnly check URL existence: $? is 0 if exists',
  "\t--header STR\tAdd STR (of form 'header: value') to headers",
  '\t--post-data STR\tSend STR using POST method',
  '\t--post-file FILE\tSend FILE using POST method',
  '\t-c\t\tContinue retrieval of aborted transfer',
  '\t-q\t\tQuiet',
  '\t-P DIR\t\tSave to DIR (default .)',
  '\t-S    \t\tShow server response',
  '\t-T SEC\t\tNetwork read timeout is SEC seconds',
  "\t-O FILE\t\tSave to FILE ('-' for stdout)",
  '\t-o LOGFILE\tLog messages to FILE',
  '\t-U STR\t\tUse STR for User-Agent header',
  '\t-Y on/off\tUse proxy',
].join('\n');

const LONG: Record<string, string> = {
  continue: 'c',
  quiet: 'q',
  'server-response': 'S',
  'output-document': 'O',
  'output-file': 'o',
  'directory-prefix': 'P',
  proxy: 'Y',
  'user-agent': 'U',
  timeout: 'T',
  tries: 't',
  header: '=header',
  'post-data': '=post-data',
  spider: '+spider',
  'no-check-certificate': '+no-check-certificate',
  'post-file': '=post-file',
  'passive-ftp': '+ignored',
  'no-cache': '+ignored',
  'no-verbose': '+ignored',
  'no-clobber': '+ignored',
};

interface Target {
  https: boolean;
  host: string;
  port: number;
  /** Path without the leading slash, as BusyBox keeps it. */
  path: string;
}

type Parsed = { ok: true; t: Target } | { ok: false; message: string };

function parseTarget(url: string): Parsed {
  let rest = url;
  let https = false;
  const sep = url.indexOf('://');
  if (sep !== -1) {
    const scheme = url.slice(0, sep);
    if (scheme === 'https') https = true;
    else if (scheme !== 'http') return { ok: false, message: `not an http or ftp url: ${url}` };
    rest = url.slice(sep + 3);
  }
  const cut = rest.search(/[/?#]/);
  let host = cut === -1 ? rest : rest.slice(0, cut);
  let path = cut === -1 ? '' : rest[cut] === '/' ? rest.slice(cut + 1) : rest.slice(cut);
  path = path.replace(/#.*$/, '');
  let port = https ? 443 : 80;
  const at = host.lastIndexOf('@');
  if (at !== -1) host = host.slice(at + 1);
  const colon = host.lastIndexOf(':');
  if (colon !== -1) {
    const p = host.slice(colon + 1);
    host = host.slice(0, colon);
    if (p !== '') port = /^\d+$/.test(p) ? Number(p) : NaN;
  }
  return { ok: true, t: { https, host, port, path } };
}

/** The local name: the last path component (query dropped), or index.html. */
function localName(t: Target): string {
  const p = t.path.replace(/\?.*$/, '');
  const lastPart = p.slice(p.lastIndexOf('/') + 1);
  return lastPart || 'index.html';
}

/** bb_progress_update's last line for a finished download (80-column terminal). */
function progressLine(name: string, size: number, known: boolean): string {
  const file = name.length > 20 ? name.slice(0, 20) : name.padEnd(20);
  const num = size < 100000 ? String(size).padStart(5) : `${String(Math.floor(size / 1024)).padStart(4)}k`;
  if (!known) return `${file} ${num} --:--:-- ETA`;
  return `${file} 100% |${'*'.repeat(32)}| ${num}  0:00:00 ETA`;
}

export function runBusyboxWget(sim: Sim, ctx: CommandContext): CommandResult {
  const parsed = parseBusybox('wget', ctx.argv.slice(1), { flags: 'cqS', values: 'OoPYUTtn', long: LONG });
  if (!parsed.ok) return { stdout: '', stderr: `${parsed.message}\n${busyboxUsage('wget', TRIVIAL, FULL)}`, exitCode: 1 };
  const a = parsed.args;
  if (a.operands.length === 0) return { stdout: '', stderr: busyboxUsage('wget', TRIVIAL, FULL), exitCode: 1 };
  const env = toolEnv(sim, ctx);
  const quiet = a.flags.has('q');
  const timeoutText = last(a.values, 'T');
  const timeoutS = timeoutText !== undefined ? Number(timeoutText) : 900;
  if (!Number.isFinite(timeoutS) || timeoutS < 0) return { stdout: '', stderr: `wget: invalid number '${timeoutText}'\n`, exitCode: 1 };
  const out = { stdout: '', stderr: '' };
  let elapsed = 0;
  const finish = (code: number): CommandResult => {
    wait(env, elapsed);
    return { stdout: out.stdout, stderr: out.stderr, exitCode: code };
  };
  const die = (message: string): CommandResult => {
    out.stderr += `wget: ${message}\n`;
    return finish(1);
  };
  for (const url of a.operands) {
    const first = parseTarget(url);
    if (!first.ok) return die(first.message);
    let t = first.t;
    const outputName = last(a.values, 'O');
    for (let redirects = 0; ; redirects++) {
      if (redirects > 16) return die('too many redirections');
      if (Number.isNaN(t.port)) return die(`bad port spec '${t.host}'`);
      const lookup = lookupHost(env, t.host, env.pod ? 'musl' : 'glibc');
      elapsed += lookup.elapsedMs;
      const ip = lookup.addresses[0];
      if (!ip) return die(`bad address '${t.host}'`);
      if (!quiet) out.stderr += `Connecting to ${t.host} (${ip}:${t.port})\n`;
      const c = connect(env, ip, t.port, { hostName: isIPv4(t.host) ? undefined : t.host });
      if (c.kind === 'timeout') {
        if (timeoutS * 1000 < KERNEL_SYN_TIMEOUT_MS) {
          elapsed += timeoutS * 1000;
          return die('download timed out');
        }
        elapsed += KERNEL_SYN_TIMEOUT_MS;
        return die(`can't connect to remote host (${ip}): Connection timed out`);
      }
      if (c.kind === 'refused') {
        elapsed += c.rttMs;
        return die(`can't connect to remote host (${ip}): Connection refused`);
      }
      if (c.kind === 'unreachable') return die(`can't connect to remote host (${ip}): Network is unreachable`);
      elapsed += c.rttMs * (t.https ? 3 : 2);
      const server = c.peer.server;
      if (t.https && !server.tls) return die('error getting response: Connection reset by peer');
      const post = last(a.values, 'post-data');
      const headers: Header[] = [['Host', t.host], ['User-Agent', last(a.values, 'U') ?? 'Wget'], ['Connection', 'close']];
      for (const h of a.values.get('header') ?? []) {
        const colon = h.indexOf(':');
        if (colon === -1) continue;
        const name = h.slice(0, colon).trim();
        const i = headers.findIndex(([n]) => n.toLowerCase() === name.toLowerCase());
        if (i !== -1 && ['host', 'user-agent'].includes(name.toLowerCase())) headers.splice(i, 1);
        headers.push([name, h.slice(colon + 1).trim()]);
      }
      if (post !== undefined) headers.push(['Content-Type', 'application/x-www-form-urlencoded'], ['Content-Length', String(post.length)]);
      const req: HttpRequest = { method: post !== undefined ? 'POST' : 'GET', target: `/${t.path}`, authority: t.host, scheme: t.https ? 'https' : 'http', version: '1.1', headers, body: post ?? '' };
      const sctx: ServeContext = {
        world: env.world,
        clientIp: c.clientIpSeen,
        clientPort: c.clientPortSeen,
        localIp: c.trace.finalDestination?.ip ?? ip,
        localPort: c.trace.finalDestination?.port ?? t.port,
        hostname: c.peer.hostname,
        from: env.from,
      };
      const reply = server.serve(req, sctx);
      if (reply.kind === 'empty') return die('error getting response');
      if (reply.kind === 'reset') return die('error getting response: Connection reset by peer');
      if (reply.kind === 'hang') {
        elapsed += timeoutS * 1000;
        return die('download timed out');
      }
      if (reply.kind === 'raw') {
        const firstLine = reply.text.split(/\r?\n/)[0]!;
        return die(`server returned error: ${firstLine}`);
      }
      const res = reply.response;
      const statusLine = `HTTP/${res.version ?? '1.1'} ${res.status} ${res.reason}`;
      if (a.flags.has('S')) {
        out.stderr += `  ${statusLine}\n`;
        for (const [n, v] of res.headers) out.stderr += `  ${n}: ${v}\n`;
      }
      if ([301, 302, 303, 307, 308].includes(res.status)) {
        const location = header(res.headers, 'location');
        if (location) {
          const next = /^[a-z]+:\/\//i.test(location) ? parseTarget(location) : { ok: true as const, t: { ...t, path: location.replace(/^\//, '') } };
          if (!next.ok) return die(next.message);
          t = next.t;
          continue;
        }
      }
      if (res.status !== 200 && res.status !== 204) return die(`server returned error: ${statusLine}`);
      if (a.flags.has('spider')) {
        if (!quiet) out.stderr += 'remote file exists\n';
        break;
      }
      const toStdout = outputName === '-';
      const fileName = outputName ?? localName(t);
      const path = fileName === '/dev/null' ? '/dev/null' : env.host.fs.resolve(ctx.cwd, (last(a.values, 'P') ? `${last(a.values, 'P')}/` : '') + fileName);
      if (!toStdout && outputName === undefined && env.host.fs.exists(path)) return die(`can't open '${fileName}': File exists`);
      if (!quiet) out.stderr += toStdout ? 'writing to stdout\n' : `saving to '${fileName}'\n`;
      const known = header(res.headers, 'content-length') !== undefined;
      if (!quiet) out.stderr += `${progressLine(toStdout ? '-' : fileName.slice(fileName.lastIndexOf('/') + 1), byteLength(res.body), known)}\n`;
      if (toStdout) out.stdout += res.body;
      else if (path !== '/dev/null') {
        try {
          env.host.fs.writeFile(path, res.body);
        } catch {
          return die(`can't open '${fileName}': No such file or directory`);
        }
      }
      if (!quiet) out.stderr += toStdout ? 'written to stdout\n' : `'${fileName}' saved\n`;
      break;
    }
  }
  return finish(0);
}
