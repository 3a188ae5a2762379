// One curl transfer, step by step as libcurl does it: resolve (or --resolve / an IP literal),
// connect to each address in turn, TLS with ALPN and certificate verification, then the HTTP
// exchange. Each step appends what `-v` would print and adds the virtual time it took; a failure
// stops with curl's error code and message.
import type { ClientKind } from '../../../network/dns/index.ts';
import { fnv1a } from '../../../core/hash.ts';
import type { ToolEnv } from '../env.ts';
import type { HttpRequest, HttpResponse, ServeContext } from '../http/types.ts';
import { connect, type Connection } from '../net/connect.ts';
import { lookupHost } from '../net/resolve.ts';
import type { CurlOptions } from './args.ts';
import { couldntConnect, type CurlProfile } from './profile.ts';
import { buildRequest, requestLines } from './request.ts';
import { h2Lines, handshakeLines, sessionLines, ticketLines, verifyCertificate, verifyFailureLines } from './tls.ts';
import { urlText, type Url } from './url.ts';

/** Linux gives up on an unanswered SYN after 6 retries (tcp_syn_retries): about 130 s. */
export const KERNEL_SYN_TIMEOUT_MS = 130_000;

export interface Timing {
  namelookup: number;
  connect: number;
  appconnect: number;
  pretransfer: number;
  starttransfer: number;
  total: number;
}

export interface TransferError {
  code: number;
  message: string;
}

export interface Attempt {
  verbose: string[];
  timing: Timing;
  connId: number;
  error?: TransferError;
  request?: HttpRequest;
  response?: HttpResponse;
  httpVersion?: '1.0' | '1.1' | '2';
  remote?: { ip: string; port: number };
  local?: { ip: string; port: number };
  /** Where the body starts in verbose output ("{ [n bytes data]"), index into verbose. */
  dataAt?: number;
}

export interface TransferInput {
  env: ToolEnv;
  profile: CurlProfile;
  options: CurlOptions;
  url: Url;
  client: ClientKind;
  /** --resolve entries: `host:port` → addresses. */
  overrides: Map<string, string[]>;
  connId: number;
  redirected: boolean;
  /** Time already spent by earlier transfers of this command (redirects), for -m. */
  spentMs: number;
}

function closingLine(p: CurlProfile, connId: number): string {
  if (p.closing === 'numbered') return `* Closing connection ${connId}`;
  if (p.closing === 'pool') return `* closing connection #${connId}`;
  return '* Closing connection';
}

function connectLimit(o: CurlOptions): number | undefined {
  const limits = [o.maxTime, o.connectTimeout].filter((v): v is number => v !== undefined && v > 0).map((s) => s * 1000);
  return limits.length > 0 ? Math.min(...limits) : undefined;
}

function overshoot(seed: string): number {
  return 1 + (fnv1a(seed) % 3);
}

export function transfer(input: TransferInput): Attempt {
  const { env, profile: p, options: o, url } = input;
  const v: string[] = [];
  const timing: Timing = { namelookup: 0, connect: 0, appconnect: 0, pretransfer: 0, starttransfer: 0, total: 0 };
  const attempt: Attempt = { verbose: v, timing, connId: input.connId };
  let t = 0;
  const fail = (code: number, message: string, close = true): Attempt => {
    v.push(`* ${message}`);
    if (close) v.push(closingLine(p, input.connId));
    timing.total = t;
    attempt.error = { code, message };
    return attempt;
  };
  const limit = connectLimit(o);
  const maxMs = o.maxTime !== undefined && o.maxTime > 0 ? o.maxTime * 1000 - input.spentMs : undefined;

  // Name resolution.
  let addresses: string[];
  const override = input.overrides.get(`${url.host}:${url.port}`);
  if (override) {
    addresses = override;
    v.push(`* Hostname ${url.host} was found in DNS cache`);
  } else {
    const lookup = lookupHost(env, url.host, input.client);
    if (limit !== undefined && lookup.elapsedMs > limit) {
      t = limit + overshoot(url.host);
      return fail(28, `Resolving timed out after ${Math.floor(t)} milliseconds`);
    }
    t += lookup.elapsedMs;
    addresses = lookup.addresses;
    if (addresses.length === 0) {
      timing.namelookup = t;
      return fail(6, `Could not resolve host: ${url.host}`);
    }
    if (p.resolvedInfo && lookup.status !== 'LITERAL') {
      v.push(`* Host ${url.host}:${url.port} was resolved.`, '* IPv6: (none)', `* IPv4: ${addresses.join(', ')}`);
    }
  }
  timing.namelookup = t;

  // Connect to each address in turn.
  let conn: Extract<Connection, { kind: 'connected' }> | undefined;
  let lastFailure: Connection | undefined;
  for (const ip of addresses) {
    v.push(`*   Trying ${ip}:${url.port}...`);
    const c = connect(env, ip, url.port, { hostName: url.host });
    lastFailure = c;
    if (c.kind === 'connected') {
      t += c.rttMs;
      conn = c;
      break;
    }
    const from = p.connectFrom ? ` from ${c.local.ip} port ${c.local.port}` : '';
    if (c.kind === 'refused' || c.kind === 'unreachable') {
      t += c.rttMs;
      v.push(`* connect to ${ip} port ${url.port}${from} failed: ${c.kind === 'refused' ? 'Connection refused' : 'Network is unreachable'}`);
      continue;
    }
    // Silence: curl's own deadline or the kernel's SYN retries, whichever comes first.
    if (limit !== undefined && limit - t < KERNEL_SYN_TIMEOUT_MS) {
      const waited = Math.max(0, limit - t);
      t = limit + overshoot(`${ip}|${env.world.now()}`);
      timing.connect = 0;
      if (p.connectTimeoutAsFailed) {
        v.push(`* ipv4 connect timeout after ${Math.floor(waited)}ms, move on!`);
        return fail(28, `Failed to connect to ${url.host} port ${url.port} after ${Math.floor(t)} ms: Timeout was reached`);
      }
      return fail(28, `Connection timed out after ${Math.floor(t)} milliseconds`);
    }
    t += KERNEL_SYN_TIMEOUT_MS + (fnv1a(ip) % 900);
    v.push(`* connect to ${ip} port ${url.port}${from} failed: Connection timed out`);
    if (ip === addresses[addresses.length - 1]) {
      const text = p.osErrorText ? 'Connection timed out' : couldntConnect(p);
      return fail(28, `Failed to connect to ${url.host} port ${url.port} after ${Math.floor(t)} ms: ${text}`);
    }
  }
  if (!conn) {
    const refused = lastFailure?.kind === 'refused';
    const text = p.osErrorText ? (refused ? 'Connection refused' : 'Network is unreachable') : couldntConnect(p);
    return fail(7, `Failed to connect to ${url.host} port ${url.port} after ${Math.floor(t)} ms: ${text}`);
  }
  timing.connect = t;
  attempt.remote = conn.remote;
  attempt.local = conn.local;
  const connectedLine = `* Connected to ${url.host} (${conn.remote.ip}) port ${url.port}${p.connNumber ? ` (#${input.connId})` : ''}`;
  // curl ≥ 8.10 reports the connection once the whole filter chain (TLS included) is up.
  const lateConnected = p.usingHttp && url.scheme === 'https';
  if (!lateConnected) v.push(connectedLine);
  const server = conn.peer.server;

  // TLS.
  let version: '1.0' | '1.1' | '2' = o.http === '1.0' ? '1.0' : '1.1';
  if (url.scheme === 'https') {
    const offerH2 = o.http !== '1.1' && o.http !== '1.0';
    v.push(...handshakeLines(p, offerH2).slice(0, p.tlsStyle === 7 ? (offerH2 ? 6 : 5) : 2));
    if (conn.trace.answer === 'connection reset during the TLS handshake') {
      t += conn.rttMs;
      return fail(35, `OpenSSL SSL_connect: Connection reset by peer in connection to ${url.host}:${url.port} `);
    }
    if (!server.tls) {
      t += conn.rttMs;
      const err = 'error:0A00010B:SSL routines::wrong version number';
      return fail(35, p.sslErrorPrefix ? `OpenSSL/${p.openssl}: ${err}` : err);
    }
    const rest = handshakeLines(p, offerH2).slice(p.tlsStyle === 7 ? (offerH2 ? 6 : 5) : 2);
    t += conn.rttMs + 0.9;
    const verification = verifyCertificate(server.tls, url.host);
    if (!verification.ok && !o.insecure) {
      // An unknown CA fails as the server's certificate arrives, inside the handshake; a name
      // mismatch is found after it, once the certificate has been printed.
      if (verification.alert) {
        v.push(...rest.slice(0, rest.findIndex((l) => l.endsWith('Certificate (11):')) + 1));
        v.push(...verifyFailureLines(p, verification).slice(0, -1));
      } else v.push(...rest, ...sessionLines(p, server.tls, url.host, false, verification, false));
      return fail(60, verification.message);
    }
    v.push(...rest);
    if (offerH2 && server.h2) version = '2';
    v.push(...sessionLines(p, server.tls, url.host, version === '2', verification, o.insecure));
    timing.appconnect = t;
  } else if (server.banner === undefined && o.http === '2') {
    version = '1.1';
  }
  if (lateConnected) v.push(connectedLine);
  if (p.usingHttp) v.push(`* using HTTP/${version === '2' ? '2' : '1.x'}`);

  // The request.
  const req = buildRequest(o, p, url, version, input.redirected);
  attempt.request = req;
  if (version === '2') {
    const pseudo: [string, string][] = [[':method', req.method], [':scheme', url.scheme], [':authority', req.authority], [':path', req.target]];
    v.push(...h2Lines(p, urlText(url), pseudo, req.headers.filter(([n]) => n.toLowerCase() !== 'host')).filter((l) => !(p.usingHttp && l === '* using HTTP/2')));
  }
  v.push(...requestLines({ ...req, version: version === '2' ? '2' : req.version }));
  if (p.requestSent) v.push('* Request completely sent off');
  if (url.scheme === 'https') v.push(...ticketLines(p));
  timing.pretransfer = t;
  const ctx: ServeContext = {
    world: env.world,
    clientIp: conn.clientIpSeen,
    clientPort: conn.clientPortSeen,
    localIp: conn.trace.finalDestination?.ip ?? conn.remote.ip,
    localPort: conn.trace.finalDestination?.port ?? conn.remote.port,
    hostname: conn.peer.hostname,
    from: env.from,
  };
  const reply = server.serve(req, ctx);
  t += conn.rttMs + 0.3;
  if (maxMs !== undefined && t > maxMs) {
    t = maxMs + overshoot(`${url.host}|op`);
    return fail(28, `Operation timed out after ${Math.floor(t)} milliseconds with 0 bytes received`);
  }
  timing.starttransfer = t;
  if (reply.kind === 'empty') return fail(52, 'Empty reply from server');
  if (reply.kind === 'reset') return fail(56, 'Recv failure: Connection reset by peer');
  if (reply.kind === 'raw') return fail(1, 'Received HTTP/0.9 when not allowed');
  if (reply.kind === 'hang') {
    const until = maxMs ?? 300_000;
    t = until + overshoot(`${url.host}|hang`);
    return fail(28, `Operation timed out after ${Math.floor(t)} milliseconds with 0 bytes received`);
  }
  if (p.markBundle && version !== '2') v.push('* Mark bundle as not supporting multiuse');
  const res = reply.response;
  const shownVersion = version === '2' ? '2' : res.version ?? '1.1';
  attempt.response = res;
  attempt.httpVersion = shownVersion;
  v.push(...responseLines(res, shownVersion));
  timing.total = t;
  attempt.dataAt = v.length;
  return attempt;
}

/** The status line and headers as received, CRLF included (`HTTP/2 200 ` has a trailing space). */
export function statusLine(res: HttpResponse, version: '1.0' | '1.1' | '2'): string {
  return version === '2' ? `HTTP/2 ${res.status} ` : `HTTP/${version} ${res.status} ${res.reason}`;
}

export function headerBlock(res: HttpResponse, version: '1.0' | '1.1' | '2'): string[] {
  const lines = [statusLine(res, version)];
  for (const [n, val] of res.headers) lines.push(`${version === '2' ? n.toLowerCase() : n}: ${val}`);
  return lines;
}

function responseLines(res: HttpResponse, version: '1.0' | '1.1' | '2'): string[] {
  return [...headerBlock(res, version).map((l) => `< ${l}\r`), '< \r'];
}

export function closeAfter(p: CurlProfile, a: Attempt, host: string, keep: boolean): string {
  if (!keep) return closingLine(p, a.connId);
  return `* Connection #${a.connId} to host ${host} left intact`;
}
