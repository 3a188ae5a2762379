// HTTP as the emulated clients and servers exchange it: a request (what curl or wget sends), a
// response, and the other things a far end can do with a connection (say nothing and close it,
// reset it, send a non-HTTP greeting, never answer). Servers are pure functions of the request
// and of the world they read.
import type { World } from '../../../model/world.ts';
import type { Endpoint } from '../../../network/flow.ts';

export type Header = [name: string, value: string];

export interface HttpRequest {
  method: string;
  /** Path and query, e.g. `/clientip` or `/echo?msg=hi`. */
  target: string;
  /** The Host header (or :authority). */
  authority: string;
  scheme: 'http' | 'https';
  /** '1.1' or '2' (after ALPN). */
  version: '1.0' | '1.1' | '2';
  headers: Header[];
  body: string;
}

export interface HttpResponse {
  status: number;
  reason: string;
  /** 1.0 for servers that answer so (Go's "HTTP request to an HTTPS server"). */
  version?: '1.0' | '1.1';
  headers: Header[];
  body: string;
}

export type ServerReply =
  | { kind: 'http'; response: HttpResponse }
  /** Accepts the request, then closes without a byte (curl 52). */
  | { kind: 'empty' }
  /** Resets the connection (curl 56). */
  | { kind: 'reset' }
  /** Answers with bytes that are not HTTP (curl 1: HTTP/0.9). */
  | { kind: 'raw'; text: string }
  /** Never answers (the client's timeout decides). */
  | { kind: 'hang' };

/** What the server knows about the connection it serves. */
export interface ServeContext {
  world: World;
  /** The client address as the server sees it (after every SNAT). */
  clientIp: string;
  clientPort: number;
  /** The address and port the server accepted on (after every DNAT). */
  localIp: string;
  localPort: number;
  /** The server's host name (pod name, node name), for apps that print it. */
  hostname: string;
  /** Where the request came from (IMDS answers about the VM it runs on). */
  from?: Endpoint;
}

/** A certificate as curl's verbose output and its verification need it. */
export interface Certificate {
  subject: string;
  issuer: string;
  /** DNS names and IP addresses the certificate is valid for. */
  altNames: string[];
  startDate: string;
  expireDate: string;
  /** Chains to a CA in the client's default trust store. */
  publiclyTrusted: boolean;
  selfSigned?: boolean;
}

export interface Server {
  name: string;
  /** The server speaks TLS on this port, with this certificate. */
  tls?: Certificate;
  /** Offers HTTP/2 through ALPN (TLS only). */
  h2?: boolean;
  /** A greeting the server sends as soon as the connection opens (sshd). */
  banner?: string;
  /** Not an HTTP server: how it reacts to an HTTP request. */
  serve(req: HttpRequest, ctx: ServeContext): ServerReply;
}

export function header(headers: readonly Header[], name: string): string | undefined {
  const lower = name.toLowerCase();
  return headers.find(([n]) => n.toLowerCase() === lower)?.[1];
}

/** RFC 7231 date, as servers write the Date header. */
export function httpDate(ms: number): string {
  return new Date(ms).toUTCString();
}

export const REASONS: Readonly<Record<number, string>> = {
  200: 'OK',
  201: 'Created',
  204: 'No Content',
  301: 'Moved Permanently',
  302: 'Found',
  304: 'Not Modified',
  307: 'Temporary Redirect',
  308: 'Permanent Redirect',
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

export function response(status: number, headers: Header[], body: string, reason?: string): ServerReply {
  return { kind: 'http', response: { status, reason: reason ?? REASONS[status] ?? '', headers, body } };
}

/** Byte length of a UTF-8 string (Content-Length, curl's byte counts). */
export function byteLength(text: string): number {
  let n = 0;
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    n += c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
  }
  return n;
}

/** `a=1&b=x%20y` → map (the last value of a repeated key wins, as Go's FormValue takes the first: kept first). */
export function queryParams(query: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const part of query.split('&')) {
    if (!part) continue;
    const eq = part.indexOf('=');
    const decode = (s: string) => {
      try {
        return decodeURIComponent(s.replace(/\+/g, ' '));
      } catch {
        return s;
      }
    };
    const key = decode(eq === -1 ? part : part.slice(0, eq));
    if (!out.has(key)) out.set(key, eq === -1 ? '' : decode(part.slice(eq + 1)));
  }
  return out;
}
