// The curl command: parse, run each URL (following redirects with -L), then assemble what curl
// writes — the body or headers on stdout (or into -o's file), the progress meter, -v's trace and
// the error line on stderr — and let the virtual time the transfers took pass.
import type { ClientKind } from '../../../network/dns/index.ts';
import type { CommandDefinition, CommandResult } from '../../../shell/types.ts';
import type { Sim } from '../../sim.ts';
import { toolEnv, wait, type ToolEnv } from '../env.ts';
import { byteLength, header, type HttpResponse } from '../http/types.ts';
import { parseCurlArgs, type CurlOptions } from './args.ts';
import { CURL_HELP, curlVersionText } from './help.ts';
import { METER_HEADER, METER_START, meterLine } from './meter.ts';
import { curlProfile, tryHelp, type CurlProfile } from './profile.ts';
import { methodOf } from './request.ts';
import { closeAfter, headerBlock, transfer, type Attempt } from './transfer.ts';
import { authorityOf, parseUrl, resolveLocation, urlText, type Url } from './url.ts';
import { writeOut, type WriteOutInfo } from './write-out.ts';

const SSL_CERT_HELP =
  'More details here: https://curl.se/docs/sslcerts.html\n\n' +
  'curl failed to verify the legitimacy of the server and therefore could not\n' +
  'establish a secure connection to it. To learn more about this situation and\n' +
  'how to fix it, please visit the web page mentioned above.\n';

export interface CurlSetup {
  version: string;
  /** The resolver library curl's getaddrinfo uses on this host. */
  client: ClientKind;
}

interface Outcome {
  stdout: string;
  stderr: string;
  exitCode: number;
  /** The error that ended the command (its message for the `curl: (N)` line). */
  error?: { code: number; message: string };
  elapsedMs: number;
}

function parseResolve(entries: string[]): { map: Map<string, string[]>; lines: string[] } {
  const map = new Map<string, string[]>();
  const lines: string[] = [];
  for (const e of entries) {
    const m = /^([^:]+):(\d+):(.+)$/.exec(e);
    if (!m) continue;
    const addrs = m[3]!.split(',').map((a) => a.replace(/^\[|\]$/g, ''));
    map.set(`${m[1]!.toLowerCase()}:${m[2]}`, addrs);
    lines.push(`* Added ${m[1]}:${m[2]}:${m[3]} to DNS cache`);
  }
  return { map, lines };
}

function bodyOf(res: HttpResponse | undefined, o: CurlOptions): string {
  if (!res || o.head) return '';
  return res.body;
}

function runUrl(env: ToolEnv, p: CurlProfile, o: CurlOptions, client: ClientKind, raw: string, overrides: Map<string, string[]>, connBase: number): { outcome: Outcome; attempts: Attempt[]; url?: Url } {
  const out: Outcome = { stdout: '', stderr: '', exitCode: 0, elapsedMs: 0 };
  const parsed = parseUrl(raw, p);
  if (!parsed.ok) {
    out.exitCode = parsed.code;
    out.error = { code: parsed.code, message: parsed.message };
    return { outcome: out, attempts: [] };
  }
  const attempts: Attempt[] = [];
  let url = parsed.url;
  let redirects = 0;
  const verbose: string[] = [];
  let headersOut = '';
  let final: Attempt | undefined;
  const hostsSeen = new Map<string, number>();
  for (;;) {
    const key = `${url.scheme}://${authorityOf(url)}`;
    const reuse = hostsSeen.get(key);
    const connId = reuse ?? connBase + hostsSeen.size;
    const a = transfer({ env, profile: p, options: o, url, client, overrides, connId, redirected: redirects > 0, spentMs: out.elapsedMs });
    attempts.push(a);
    out.elapsedMs += a.timing.total;
    verbose.push(...a.verbose);
    final = a;
    if (a.error || !a.response) break;
    const res = a.response;
    if ((o.fail || o.failWithBody) && res.status >= 400) {
      const message = `The requested URL returned error: ${res.status}`;
      verbose.push(`* ${message}`, closeAfter(p, a, url.host, false));
      a.error = { code: 22, message };
      if (o.failWithBody) out.stdout += bodyOf(res, o);
      break;
    }
    if (o.include || o.head) headersOut += `${headerBlock(res, a.httpVersion ?? '1.1').join('\r\n')}\r\n\r\n`;
    const location = header(res.headers, 'location');
    const following = o.location && location && res.status >= 300 && res.status < 400;
    if (!following) {
      out.stdout += headersOut + bodyOf(res, o);
      headersOut = '';
      verbose.push(closeAfter(p, a, url.host, res.version !== '1.0'));
      break;
    }
    hostsSeen.set(key, connId);
    verbose.push(closeAfter(p, a, url.host, true));
    if (redirects >= o.maxRedirs) {
      const message = `Maximum (${o.maxRedirs}) redirects followed`;
      verbose.push(`* ${message}`);
      a.error = { code: 47, message };
      out.stdout += headersOut;
      break;
    }
    const next = resolveLocation(url, location!, p);
    if (!next.ok) {
      a.error = { code: next.code, message: next.message };
      break;
    }
    verbose.push(`* Issue another request to this URL: '${urlText(next.url)}'`);
    url = next.url;
    redirects++;
  }
  if (final?.error) {
    out.exitCode = final.error.code;
    out.error = final.error;
  }
  out.stderr = verbose.join('\n') + (verbose.length > 0 ? '\n' : '');
  return { outcome: out, attempts, url };
}

function writeOutInfo(attempts: Attempt[], url: Url | undefined, raw: string, exitCode: number, o: CurlOptions): WriteOutInfo {
  const last = attempts[attempts.length - 1];
  const res = last?.response;
  const totalTiming = { ...(last?.timing ?? { namelookup: 0, connect: 0, appconnect: 0, pretransfer: 0, starttransfer: 0, total: 0 }) };
  totalTiming.total = attempts.reduce((s, a) => s + a.timing.total, 0);
  const headerBytes = res ? headerBlock(res, last!.httpVersion ?? '1.1').reduce((s, l) => s + l.length + 2, 2) : 0;
  return {
    httpCode: res?.status ?? 0,
    timing: totalTiming,
    remoteIp: last?.remote?.ip ?? '',
    remotePort: last?.remote?.port ?? 0,
    localIp: last?.local?.ip ?? '',
    localPort: last?.local?.port ?? 0,
    sizeDownload: res && !o.head && exitCode !== 22 ? byteLength(res.body) : 0,
    sizeHeader: headerBytes,
    sizeRequest: last?.request ? last.request.headers.reduce((s, [n, v]) => s + n.length + v.length + 4, `${last.request.method} ${last.request.target} HTTP/1.1`.length + 4) : 0,
    urlEffective: url ? urlText(url) : raw,
    url: raw,
    contentType: res ? header(res.headers, 'content-type') ?? '' : '',
    numConnects: attempts.filter((a) => a.remote).length,
    numRedirects: Math.max(0, attempts.length - 1),
    redirectUrl: res && res.status >= 300 && res.status < 400 && !o.location ? header(res.headers, 'location') ?? '' : '',
    scheme: url?.scheme ?? 'http',
    httpVersion: last?.httpVersion ?? '0',
    exitCode,
    errorMessage: last?.error?.message ?? '',
    method: methodOf(o),
    sslVerifyResult: 0,
    headers: res?.headers ?? [],
  };
}

function dataLine(attempts: Attempt[], o: CurlOptions): string | undefined {
  const last = attempts[attempts.length - 1];
  const size = last?.response && !o.head ? byteLength(last.response.body) : 0;
  return size > 0 ? `{ [${size} bytes data]` : undefined;
}

export function runCurl(sim: Sim, setup: CurlSetup, ctx: Parameters<CommandDefinition['run']>[0]): CommandResult {
  const p = curlProfile(setup.version);
  const parsed = parseCurlArgs(ctx.argv.slice(1));
  if (!parsed.ok) {
    return { stdout: '', stderr: `curl: option ${parsed.option}: ${parsed.reason}\n${tryHelp(p)}`, exitCode: 2 };
  }
  const o = parsed.options;
  if (o.help) return { stdout: CURL_HELP, stderr: '', exitCode: 0 };
  if (o.version) return { stdout: curlVersionText(p), stderr: '', exitCode: 0 };
  if (o.urls.length === 0) return { stdout: '', stderr: `curl: ${p.noUrlText}\n${tryHelp(p)}`, exitCode: 2 };
  const env = toolEnv(sim, ctx);
  const { map: overrides, lines: addedLines } = parseResolve(o.resolve);
  let stdout = '';
  let stderr = '';
  let exitCode = 0;
  let elapsed = 0;
  const toStdout = o.output === undefined && !o.remoteName;
  const meter = !o.silent && !o.noProgress && !(toStdout && env.tty);
  let connBase = 0;
  o.urls.forEach((raw, index) => {
    const { outcome, attempts, url } = runUrl(env, p, o, setup.client, raw, overrides, connBase);
    connBase += Math.max(1, attempts.length);
    elapsed += outcome.elapsedMs;
    let err = '';
    if (o.verbose) {
      const lines = outcome.stderr.split('\n').filter((l, i, all) => i < all.length - 1 || l !== '');
      if (index === 0) lines.unshift(...addedLines);
      const data = meter || !env.tty || !toStdout ? dataLine(attempts, o) : undefined;
      const closeAt = lines.findIndex((l) => /^\* (Connection #\d+ to host .* left intact|Closing connection|closing connection #)/.test(l));
      if (data && outcome.exitCode === 0) lines.splice(closeAt === -1 ? lines.length : closeAt, 0, data);
      err = lines.length > 0 ? `${lines.join('\n')}\n` : '';
    }
    const last = attempts[attempts.length - 1];
    const body = outcome.stdout;
    if (meter) {
      const res = last?.response;
      const downloaded = outcome.exitCode === 0 || outcome.exitCode === 22 ? byteLength(body) : 0;
      const expectedText = res ? header(res.headers, 'content-length') : undefined;
      const expected = expectedText !== undefined && !o.head ? Number(expectedText) : undefined;
      const final = meterLine(downloaded, expected, outcome.elapsedMs);
      if (o.verbose && err) {
        const lines = err.split('\n');
        lines[0] = `\r${METER_START}${lines[0]}`;
        const closeAt = lines.findIndex((l) => /^\* (Connection #\d+ to host .* left intact|Closing connection|closing connection #)/.test(l));
        const at = closeAt === -1 ? lines.length - 1 : closeAt;
        lines.splice(at, 0, `\r${final}`);
        err = `${METER_HEADER}${lines.join('\n')}`;
      } else {
        err = `${METER_HEADER}\r${METER_START}\r${final}\n`;
      }
    }
    if (outcome.exitCode !== 0) {
      const message = outcome.error?.message ?? '';
      if (!o.silent || o.showError) {
        err += `curl: (${outcome.exitCode}) ${message}\n`;
        if (outcome.exitCode === 60) err += SSL_CERT_HELP;
      }
      exitCode = outcome.exitCode;
    }
    if (toStdout) stdout += body;
    else if (o.output !== undefined && o.output !== '/dev/null') {
      const path = env.host.fs.resolve(ctx.cwd, o.output);
      try {
        env.host.fs.writeFile(path, body);
      } catch {
        err += `curl: (23) Failure writing output to destination\n`;
        exitCode = 23;
      }
    } else if (o.remoteName && url) {
      const name = url.target.split('?')[0]!.split('/').pop() ?? '';
      if (!name) {
        err += `curl: (23) Failed writing received data to disk/application\n`;
        exitCode = 23;
      } else env.host.fs.writeFile(env.host.fs.resolve(ctx.cwd, name), body);
    }
    if (o.writeOut !== undefined) {
      const w = writeOut(o.writeOut, writeOutInfo(attempts, url, raw, outcome.exitCode, o));
      stdout += w.stdout;
      err += w.stderr;
    }
    stderr += err;
  });
  wait(env, elapsed);
  return { stdout, stderr, exitCode };
}

export function curlCommand(sim: Sim, setup: CurlSetup): CommandDefinition {
  return {
    name: 'curl',
    summary: 'transfer a URL (HTTP and HTTPS through the simulated network)',
    run: (ctx) => runCurl(sim, setup, ctx),
  };
}
