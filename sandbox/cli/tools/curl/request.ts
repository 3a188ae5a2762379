// The request curl sends for its options: method, the Host/User-Agent/Accept defaults, -H
// additions, replacements (`-H 'Host: x'`) and removals (`-H 'Accept:'`), -d bodies, -u.
import { encodeText } from '../../../apiserver/base64.ts';
import type { Header, HttpRequest } from '../http/types.ts';
import type { CurlOptions } from './args.ts';
import type { CurlProfile } from './profile.ts';
import { authorityOf, type Url } from './url.ts';

export function methodOf(o: CurlOptions): string {
  if (o.request) return o.request;
  if (o.head) return 'HEAD';
  if (o.data.length > 0 && !o.get) return 'POST';
  return 'GET';
}

export function buildRequest(o: CurlOptions, p: CurlProfile, url: Url, version: '1.0' | '1.1' | '2', redirected: boolean): HttpRequest {
  const body = o.get ? '' : o.data.join('&');
  let target = url.target;
  if (o.get && o.data.length > 0) target += (target.includes('?') ? '&' : '?') + o.data.join('&');
  const method = redirected && !o.request && methodOf(o) === 'POST' ? 'GET' : methodOf(o);
  let headers: Header[] = [['Host', authorityOf(url)]];
  if (o.user !== undefined) headers.push(['Authorization', `Basic ${encodeText(o.user.includes(':') ? o.user : `${o.user}:`)}`]);
  headers.push(['User-Agent', o.userAgent ?? `curl/${p.version}`], ['Accept', '*/*']);
  if (o.referer) headers.push(['Referer', o.referer]);
  if (body && method !== 'GET' && method !== 'HEAD') {
    headers.push(['Content-Length', String(body.length)], ['Content-Type', 'application/x-www-form-urlencoded']);
  }
  for (const raw of o.headers) {
    const colon = raw.indexOf(':');
    const semi = raw.indexOf(';');
    if (colon === -1 && semi !== -1 && semi === raw.length - 1) {
      // `-H 'X-Empty;'` sends the header with no value.
      headers.push([raw.slice(0, semi), '']);
      continue;
    }
    if (colon === -1) continue;
    const name = raw.slice(0, colon).trim();
    const value = raw.slice(colon + 1).trim();
    const existing = headers.findIndex(([n]) => n.toLowerCase() === name.toLowerCase());
    if (value === '') {
      if (existing !== -1) headers = headers.filter((_, i) => i !== existing);
      continue;
    }
    if (existing !== -1) headers[existing] = [name, value];
    else headers.push([name, value]);
  }
  return { method, target, authority: headers.find(([n]) => n.toLowerCase() === 'host')?.[1] ?? authorityOf(url), scheme: url.scheme, version, headers, body: method === 'GET' || method === 'HEAD' ? '' : body };
}

/** The request as curl -v shows it (`> GET / HTTP/1.1`), each line ending in CRLF as sent. */
export function requestLines(req: HttpRequest): string[] {
  const lines = [`> ${req.method} ${req.target} HTTP/${req.version}\r`];
  for (const [n, v] of req.headers) lines.push(`> ${n}: ${v}\r`);
  lines.push('> \r');
  return lines;
}
