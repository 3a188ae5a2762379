// curl's command line (src/tool_getparam.c): long options by exact name, `--no-` for booleans,
// bundled short options (`-sSL`), a value glued to its letter (`-m5`, `-o/tmp/x`) or in the next
// word, and every other word a URL. Errors come back as curl prints them, with exit code 2.
export interface CurlOptions {
  urls: string[];
  verbose: boolean;
  head: boolean;
  include: boolean;
  silent: boolean;
  showError: boolean;
  noProgress: boolean;
  output?: string;
  remoteName: boolean;
  maxTime?: number;
  connectTimeout?: number;
  insecure: boolean;
  location: boolean;
  maxRedirs: number;
  resolve: string[];
  headers: string[];
  request?: string;
  writeOut?: string;
  fail: boolean;
  failWithBody: boolean;
  data: string[];
  get: boolean;
  userAgent?: string;
  referer?: string;
  user?: string;
  http?: '1.0' | '1.1' | '2';
  help: boolean;
  version: boolean;
  ipv6: boolean;
}

type Kind = 'bool' | 'string' | 'number' | 'list' | 'ignore-bool' | 'ignore-value';

interface Def {
  long: string;
  short?: string;
  kind: Kind;
  key?: keyof CurlOptions;
  /** For special booleans: the value to store. */
  set?: () => Partial<CurlOptions>;
}

const DEFS: Def[] = [
  { long: 'verbose', short: 'v', kind: 'bool', key: 'verbose' },
  { long: 'head', short: 'I', kind: 'bool', key: 'head' },
  { long: 'include', short: 'i', kind: 'bool', key: 'include' },
  { long: 'silent', short: 's', kind: 'bool', key: 'silent' },
  { long: 'show-error', short: 'S', kind: 'bool', key: 'showError' },
  { long: 'no-progress-meter', kind: 'bool', key: 'noProgress' },
  { long: 'progress-bar', short: '#', kind: 'bool', key: 'noProgress' },
  { long: 'output', short: 'o', kind: 'string', key: 'output' },
  { long: 'remote-name', short: 'O', kind: 'bool', key: 'remoteName' },
  { long: 'max-time', short: 'm', kind: 'number', key: 'maxTime' },
  { long: 'connect-timeout', kind: 'number', key: 'connectTimeout' },
  { long: 'insecure', short: 'k', kind: 'bool', key: 'insecure' },
  { long: 'location', short: 'L', kind: 'bool', key: 'location' },
  { long: 'max-redirs', kind: 'number', key: 'maxRedirs' },
  { long: 'resolve', kind: 'list', key: 'resolve' },
  { long: 'header', short: 'H', kind: 'list', key: 'headers' },
  { long: 'request', short: 'X', kind: 'string', key: 'request' },
  { long: 'write-out', short: 'w', kind: 'string', key: 'writeOut' },
  { long: 'fail', short: 'f', kind: 'bool', key: 'fail' },
  { long: 'fail-with-body', kind: 'bool', key: 'failWithBody' },
  { long: 'data', short: 'd', kind: 'list', key: 'data' },
  { long: 'data-raw', kind: 'list', key: 'data' },
  { long: 'data-binary', kind: 'list', key: 'data' },
  { long: 'data-ascii', kind: 'list', key: 'data' },
  { long: 'get', short: 'G', kind: 'bool', key: 'get' },
  { long: 'user-agent', short: 'A', kind: 'string', key: 'userAgent' },
  { long: 'referer', short: 'e', kind: 'string', key: 'referer' },
  { long: 'user', short: 'u', kind: 'string', key: 'user' },
  { long: 'url', kind: 'list', key: 'urls' },
  { long: 'http1.0', short: '0', kind: 'bool', set: () => ({ http: '1.0' }) },
  { long: 'http1.1', kind: 'bool', set: () => ({ http: '1.1' }) },
  { long: 'http2', kind: 'bool', set: () => ({ http: '2' }) },
  { long: 'ipv4', short: '4', kind: 'bool', set: () => ({ ipv6: false }) },
  { long: 'ipv6', short: '6', kind: 'bool', key: 'ipv6' },
  { long: 'help', short: 'h', kind: 'bool', key: 'help' },
  { long: 'version', short: 'V', kind: 'bool', key: 'version' },
  // Accepted and without effect in the sandbox.
  { long: 'compressed', kind: 'ignore-bool' },
  { long: 'no-buffer', short: 'N', kind: 'ignore-bool' },
  { long: 'no-keepalive', kind: 'ignore-bool' },
  { long: 'tcp-nodelay', kind: 'ignore-bool' },
  { long: 'globoff', short: 'g', kind: 'ignore-bool' },
  { long: 'disable', short: 'q', kind: 'ignore-bool' },
  { long: 'retry', kind: 'ignore-value' },
  { long: 'retry-delay', kind: 'ignore-value' },
  { long: 'retry-max-time', kind: 'ignore-value' },
  { long: 'cacert', kind: 'ignore-value' },
  { long: 'capath', kind: 'ignore-value' },
  { long: 'cert', short: 'E', kind: 'ignore-value' },
  { long: 'key', kind: 'ignore-value' },
  { long: 'cookie', short: 'b', kind: 'ignore-value' },
  { long: 'cookie-jar', short: 'c', kind: 'ignore-value' },
  { long: 'noproxy', kind: 'ignore-value' },
  { long: 'keepalive-time', kind: 'ignore-value' },
  { long: 'dump-header', short: 'D', kind: 'ignore-value' },
  { long: 'stderr', kind: 'ignore-value' },
];

const BY_LONG = new Map(DEFS.map((d) => [d.long, d]));
const BY_SHORT = new Map(DEFS.filter((d) => d.short).map((d) => [d.short!, d]));

/** Every long option the parser knows, for completion and --help. */
export const LONG_OPTIONS = DEFS.map((d) => `--${d.long}`);

export type ParseError = { ok: false; option: string; reason: string };
export type ParseOk = { ok: true; options: CurlOptions };

export function defaultOptions(): CurlOptions {
  return {
    urls: [],
    verbose: false,
    head: false,
    include: false,
    silent: false,
    showError: false,
    noProgress: false,
    remoteName: false,
    insecure: false,
    location: false,
    maxRedirs: 50,
    resolve: [],
    headers: [],
    fail: false,
    failWithBody: false,
    data: [],
    get: false,
    help: false,
    version: false,
    ipv6: false,
  };
}

// curl's str2udouble: digits with an optional fraction; no sign, no exponent.
const NUMBER = /^\d+(?:\.\d*)?$|^\.\d+$/;

function apply(o: CurlOptions, d: Def, value: string | undefined, negate: boolean, orig: string): ParseError | null {
  if (d.kind === 'ignore-bool' || d.kind === 'ignore-value') return null;
  if (d.set) {
    if (!negate) Object.assign(o, d.set());
    return null;
  }
  const key = d.key!;
  const rec = o as unknown as Record<string, unknown>;
  switch (d.kind) {
    case 'bool':
      rec[key] = !negate;
      return null;
    case 'string':
      rec[key] = value ?? '';
      return null;
    case 'list':
      (rec[key] as string[]).push(value ?? '');
      return null;
    case 'number': {
      const v = value ?? '';
      if (!NUMBER.test(v)) return { ok: false, option: orig, reason: v.startsWith('-') && NUMBER.test(v.slice(1)) ? 'expected a positive numerical parameter' : 'expected a proper numerical parameter' };
      rec[key] = Number(v);
      return null;
    }
  }
}

function takesValue(d: Def): boolean {
  return d.kind === 'string' || d.kind === 'number' || d.kind === 'list' || d.kind === 'ignore-value';
}

export function parseCurlArgs(args: readonly string[]): ParseOk | ParseError {
  const o = defaultOptions();
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg.startsWith('--') && arg.length > 2) {
      let name = arg.slice(2);
      let negate = false;
      let d = BY_LONG.get(name);
      if (!d && name.startsWith('no-')) {
        const base = BY_LONG.get(name.slice(3));
        if (base) {
          if (takesValue(base)) return { ok: false, option: arg, reason: "used '--no-' for option that isn't a boolean" };
          d = base;
          negate = true;
          name = name.slice(3);
        }
      }
      if (!d) return { ok: false, option: arg, reason: 'is unknown' };
      let value: string | undefined;
      if (takesValue(d)) {
        if (i + 1 >= args.length) return { ok: false, option: arg, reason: 'requires parameter' };
        value = args[++i];
      }
      const err = apply(o, d, value, negate, arg);
      if (err) return err;
      continue;
    }
    if (arg.startsWith('-') && arg.length > 1 && arg !== '--') {
      for (let j = 1; j < arg.length; j++) {
        const c = arg[j]!;
        const d = BY_SHORT.get(c);
        if (!d) return { ok: false, option: arg, reason: 'is unknown' };
        if (takesValue(d)) {
          let value = arg.slice(j + 1);
          if (value === '') {
            if (i + 1 >= args.length) return { ok: false, option: arg, reason: 'requires parameter' };
            value = args[++i]!;
          }
          const err = apply(o, d, value, false, arg);
          if (err) return err;
          break;
        }
        const err = apply(o, d, undefined, false, arg);
        if (err) return err;
      }
      continue;
    }
    o.urls.push(arg);
  }
  return { ok: true, options: o };
}
