// The URLs curl accepts: a scheme or none (then http://), a host name or IPv4 address, an
// optional port, path and query. Errors carry curl's exit code and text (7.x reported every
// parse problem as "URL using bad/illegal format or missing URL").
import type { CurlProfile } from './profile.ts';

export interface Url {
  scheme: 'http' | 'https';
  host: string;
  port: number;
  /** Port written in the URL (the Host header carries it then). */
  explicitPort: boolean;
  /** Path and query, at least "/". */
  target: string;
}

export type UrlResult = { ok: true; url: Url } | { ok: false; code: number; message: string };

const DEFAULT_PORTS: Record<string, number> = { http: 80, https: 443 };
const KNOWN_SCHEMES = ['http', 'https', 'ftp', 'ftps', 'telnet', 'dict', 'file', 'gopher', 'imap', 'ldap', 'mqtt', 'pop3', 'rtsp', 'scp', 'sftp', 'smb', 'smtp', 'tftp', 'ws', 'wss'];

function bad(p: CurlProfile, why: string): UrlResult {
  if (p.tlsStyle === 7) return { ok: false, code: 3, message: 'URL using bad/illegal format or missing URL' };
  return { ok: false, code: 3, message: `URL rejected: ${why}` };
}

export function parseUrl(text: string, p: CurlProfile): UrlResult {
  let rest = text.trim();
  let scheme = 'http';
  const m = /^([a-zA-Z][a-zA-Z0-9+.-]*):\/\//.exec(rest);
  if (m) {
    scheme = m[1]!.toLowerCase();
    rest = rest.slice(m[0].length);
  } else if (/^[a-zA-Z][a-zA-Z0-9+.-]*:\/(?!\/)/.test(rest)) {
    return bad(p, 'Unsupported number of slashes following scheme');
  }
  if (scheme !== 'http' && scheme !== 'https') {
    // Other protocols are out of the sandbox's reach; curl ≥ 8.9 words the error differently.
    const known = KNOWN_SCHEMES.includes(scheme);
    const message = p.couldNot ? `Protocol "${scheme}" ${known ? 'disabled' : 'not supported'}` : `Protocol "${scheme}" not supported or disabled in libcurl`;
    return { ok: false, code: 1, message };
  }
  const slash = rest.search(/[/?#]/);
  let authority = slash === -1 ? rest : rest.slice(0, slash);
  let target = slash === -1 ? '/' : rest.slice(slash);
  if (target.startsWith('?')) target = `/${target}`;
  target = target.replace(/#.*$/, '') || '/';
  const at = authority.lastIndexOf('@');
  if (at !== -1) authority = authority.slice(at + 1);
  if (authority === '') return bad(p, 'No host part in the URL');
  let host = authority;
  let port = DEFAULT_PORTS[scheme]!;
  let explicitPort = false;
  const colon = authority.lastIndexOf(':');
  if (colon !== -1) {
    host = authority.slice(0, colon);
    const portText = authority.slice(colon + 1);
    if (portText !== '') {
      if (!/^\d+$/.test(portText) || Number(portText) > 65535) return bad(p, 'Port number was not a decimal number between 0 and 65535');
      port = Number(portText);
      explicitPort = true;
    }
  }
  if (host === '') return bad(p, 'No host part in the URL');
  if (!/^[A-Za-z0-9._-]+$/.test(host)) return bad(p, 'Bad hostname');
  return { ok: true, url: { scheme, host: host.toLowerCase(), port, explicitPort, target } };
}

/** The Host header value: the port only when it is not the scheme's default. */
export function authorityOf(url: Url): string {
  return url.port === DEFAULT_PORTS[url.scheme] ? url.host : `${url.host}:${url.port}`;
}

export function urlText(url: Url): string {
  return `${url.scheme}://${authorityOf(url)}${url.target}`;
}

/** A Location header resolved against the URL it came from. */
export function resolveLocation(base: Url, location: string, p: CurlProfile): UrlResult {
  if (/^[a-zA-Z][a-zA-Z0-9+.-]*:\/\//.test(location)) return parseUrl(location, p);
  if (location.startsWith('//')) return parseUrl(`${base.scheme}:${location}`, p);
  const path = location.startsWith('/') ? location : `${base.target.replace(/[^/]*$/, '')}${location}`;
  return { ok: true, url: { ...base, target: path } };
}
