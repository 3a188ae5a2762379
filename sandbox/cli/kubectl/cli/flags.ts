// Flags as spf13/pflag v1.0.10 (the version kubectl vendors) defines and parses them: typed
// values, `--flag value`, `--flag=value`, `-f value`, `-fvalue`, `-f=value`, bool shorthands
// combined (`-it`), flags anywhere among the arguments, `--` ending them, and pflag's error
// texts (errors.go, flag.go). kubectl normalizes `_` to `-` in flag names (WordSepNormalizeFunc).

export type FlagType = 'bool' | 'string' | 'int' | 'stringArray' | 'stringSlice' | 'duration';

export interface FlagSpec {
  name: string;
  shorthand?: string;
  type: FlagType;
  /** The default as `--help` prints it (`false`, `500`, `[]`, `''` for strings is implied). */
  defValue?: string;
  usage: string;
  hidden?: boolean;
  /** pflag prints `Flag --x has been deprecated, <msg>` on stderr when it is used. */
  deprecated?: string;
  /** pflag NoOptDefVal: the value a bare `--flag` takes (then the next word is not its value). */
  noOptDefVal?: string;
  /** Values offered by Tab completion after this flag. */
  values?: readonly string[];
}

export type FlagValue = boolean | string | number | string[];

/** Parsed flags: only the ones given on the command line are present. */
export class FlagValues {
  private readonly values = new Map<string, FlagValue>();
  readonly specs: ReadonlyMap<string, FlagSpec>;

  constructor(specs: ReadonlyMap<string, FlagSpec>) {
    this.specs = specs;
  }

  set(name: string, value: FlagValue): void {
    this.values.set(name, value);
  }

  changed(name: string): boolean {
    return this.values.has(name);
  }

  bool(name: string, fallback = false): boolean {
    const v = this.values.get(name);
    return typeof v === 'boolean' ? v : fallback;
  }

  string(name: string, fallback = ''): string {
    const v = this.values.get(name);
    return typeof v === 'string' ? v : fallback;
  }

  int(name: string, fallback: number): number {
    const v = this.values.get(name);
    return typeof v === 'number' ? v : fallback;
  }

  list(name: string): string[] {
    const v = this.values.get(name);
    return Array.isArray(v) ? v : [];
  }

  raw(name: string): FlagValue | undefined {
    return this.values.get(name);
  }
}

export interface ParsedFlags {
  flags: FlagValues;
  args: string[];
  /** Number of positional args before `--` (cobra's ArgsLenAtDash), -1 without `--`. */
  argsLenAtDash: number;
  /** `--help` / `-h` was given. */
  help: boolean;
  /** Deprecation notices pflag prints while parsing. */
  warnings: string[];
}

export type FlagParse = { ok: true; parsed: ParsedFlags } | { ok: false; error: string };

export function normalizeFlagName(name: string): string {
  return name.replace(/_/g, '-');
}

/** Go strconv.ParseBool. */
export function parseGoBool(text: string): boolean | undefined {
  if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(text)) return true;
  if (['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(text)) return false;
  return undefined;
}

/** Go strconv.ParseInt(s, 0, 64): decimal, 0x, 0o, 0b, leading 0 octal, underscores after a prefix. */
export function parseGoInt(text: string): number | 'syntax' | 'range' {
  const m = /^([+-]?)(0[xX][0-9a-fA-F_]+|0[oO][0-7_]+|0[bB][01_]+|0[0-7_]*|[1-9][0-9]*)$/.exec(text);
  if (!m) return 'syntax';
  const body = m[2]!;
  let value: bigint;
  if (/^0[xXoObB]/.test(body) || (body.length > 1 && body.startsWith('0'))) {
    if (body.includes('__') || body.endsWith('_')) return 'syntax';
    const clean = body.replace(/_/g, '');
    const prefixed = /^0[0-7]+$/.test(clean) ? `0o${clean.slice(1)}` : clean;
    try {
      value = BigInt(prefixed);
    } catch {
      return 'syntax';
    }
  } else {
    if (body.includes('_')) return 'syntax';
    value = BigInt(body);
  }
  if (m[1] === '-') value = -value;
  if (value > 9223372036854775807n || value < -9223372036854775808n) return 'range';
  return Number(value);
}

const DURATION_UNITS: Record<string, number> = { ns: 1e-6, us: 1e-3, 'µs': 1e-3, 'μs': 1e-3, ms: 1, s: 1000, m: 60000, h: 3600000 };

/** Go time.ParseDuration, in milliseconds, or its error text. */
export function goDuration(text: string): number | { error: string } {
  const invalid = { error: `time: invalid duration ${goQuote(text)}` };
  let s = text;
  let negative = false;
  if (s !== '' && (s[0] === '-' || s[0] === '+')) {
    negative = s[0] === '-';
    s = s.slice(1);
  }
  if (s === '0') return 0;
  if (s === '') return invalid;
  let total = 0;
  while (s !== '') {
    if (!(s[0] === '.' || (s[0]! >= '0' && s[0]! <= '9'))) return invalid;
    const m = /^(\d*)(?:\.(\d*))?/.exec(s)!;
    const pre = m[1]!.length > 0;
    const post = m[2] !== undefined && m[2].length > 0;
    if (!pre && !post) return invalid;
    s = s.slice(m[0].length);
    let i = 0;
    while (i < s.length && s[i] !== '.' && !(s[i]! >= '0' && s[i]! <= '9')) i++;
    if (i === 0) return { error: `time: missing unit in duration ${goQuote(text)}` };
    const unit = s.slice(0, i);
    s = s.slice(i);
    const scale = DURATION_UNITS[unit];
    if (scale === undefined) return { error: `time: unknown unit ${goQuote(unit)} in duration ${goQuote(text)}` };
    total += Number(`${m[1] || '0'}.${m[2] ?? ''}0`) * scale;
  }
  return negative ? -total : total;
}

/** Go time.ParseDuration, in milliseconds (undefined when Go would fail). */
export function parseGoDuration(text: string): number | undefined {
  const d = goDuration(text);
  return typeof d === 'number' ? d : undefined;
}

/** encoding/csv reading one record, as pflag's stringSlice does. */
export function readCsvRecord(text: string): string[] | string {
  if (text === '') return [];
  const out: string[] = [];
  let i = 0;
  for (;;) {
    let field = '';
    if (text[i] === '"') {
      i++;
      for (;;) {
        if (i >= text.length) return `parse error on line 1, column ${text.length + 1}: extraneous or missing " in quoted-field`;
        if (text[i] === '"') {
          if (text[i + 1] === '"') {
            field += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        field += text[i++];
      }
      if (i < text.length && text[i] !== ',') return `parse error on line 1, column ${i + 1}: extraneous or missing " in quoted-field`;
    } else {
      while (i < text.length && text[i] !== ',') {
        if (text[i] === '"') return `parse error on line 1, column ${i + 1}: bare " in non-quoted-field`;
        field += text[i++];
      }
    }
    out.push(field);
    if (i >= text.length) return out;
    i++;
  }
}

function flagTitle(spec: FlagSpec): string {
  return spec.shorthand ? `-${spec.shorthand}, --${spec.name}` : `--${spec.name}`;
}

function setValue(values: FlagValues, spec: FlagSpec, text: string): string | undefined {
  const invalid = (cause: string) => `invalid argument ${goQuote(text)} for ${goQuote(flagTitle(spec))} flag: ${cause}`;
  switch (spec.type) {
    case 'bool': {
      const b = parseGoBool(text);
      if (b === undefined) return invalid(`strconv.ParseBool: parsing ${goQuote(text)}: invalid syntax`);
      values.set(spec.name, b);
      return undefined;
    }
    case 'int': {
      const n = parseGoInt(text);
      if (n === 'syntax' || n === 'range') {
        return invalid(`strconv.ParseInt: parsing ${goQuote(text)}: ${n === 'syntax' ? 'invalid syntax' : 'value out of range'}`);
      }
      values.set(spec.name, n);
      return undefined;
    }
    case 'duration': {
      const d = goDuration(text);
      if (typeof d !== 'number') return invalid(d.error);
      values.set(spec.name, text);
      return undefined;
    }
    case 'string':
      values.set(spec.name, text);
      return undefined;
    case 'stringArray':
      values.set(spec.name, [...values.list(spec.name), text]);
      return undefined;
    case 'stringSlice': {
      const record = readCsvRecord(text);
      if (typeof record === 'string') return invalid(record);
      values.set(spec.name, [...values.list(spec.name), ...record]);
      return undefined;
    }
  }
}

/** Go's %q for the ASCII text command lines hold. */
export function goQuote(text: string): string {
  let out = '"';
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (ch === '"' || ch === '\\') out += `\\${ch}`;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\t') out += '\\t';
    else if (ch === '\r') out += '\\r';
    else if (code < 0x20 || code === 0x7f) out += `\\x${code.toString(16).padStart(2, '0')}`;
    else out += ch;
  }
  return `${out}"`;
}

export class FlagSet {
  readonly byName = new Map<string, FlagSpec>();
  readonly byShorthand = new Map<string, FlagSpec>();

  constructor(specs: readonly FlagSpec[]) {
    for (const spec of specs) this.add(spec);
  }

  add(spec: FlagSpec): void {
    if (this.byName.has(spec.name)) return;
    this.byName.set(spec.name, spec);
    if (spec.shorthand && !this.byShorthand.has(spec.shorthand)) this.byShorthand.set(spec.shorthand, spec);
  }

  lookup(name: string): FlagSpec | undefined {
    return this.byName.get(normalizeFlagName(name));
  }

  /** pflag's NoOptDefVal: only bools here take no value. */
  takesValue(spec: FlagSpec): boolean {
    return spec.type !== 'bool' && spec.noOptDefVal === undefined;
  }

  private bareValue(spec: FlagSpec): string {
    return spec.noOptDefVal ?? 'true';
  }

  parse(argv: readonly string[]): FlagParse {
    const values = new FlagValues(this.byName);
    const args: string[] = [];
    const warnings: string[] = [];
    let help = false;
    let atDash = -1;
    let rest = argv.slice();
    const use = (spec: FlagSpec, text: string): string | undefined => {
      if (spec.deprecated) warnings.push(`Flag --${spec.name} has been deprecated, ${spec.deprecated}`);
      return setValue(values, spec, text);
    };
    while (rest.length > 0) {
      const s = rest.shift()!;
      if (s.length < 2 || s[0] !== '-') {
        args.push(s);
        continue;
      }
      if (s[1] === '-') {
        if (s.length === 2) {
          atDash = args.length;
          args.push(...rest);
          break;
        }
        let name = s.slice(2);
        if (name[0] === '-' || name[0] === '=') return { ok: false, error: `bad flag syntax: ${s}` };
        const eq = name.indexOf('=');
        const inline = eq >= 0 ? name.slice(eq + 1) : undefined;
        if (eq >= 0) name = name.slice(0, eq);
        const spec = this.lookup(name);
        if (!spec) {
          if (name === 'help') {
            help = true;
            continue;
          }
          return { ok: false, error: `unknown flag: --${name}` };
        }
        let text: string;
        if (inline !== undefined) text = inline;
        else if (!this.takesValue(spec)) text = this.bareValue(spec);
        else if (rest.length > 0) text = rest.shift()!;
        else return { ok: false, error: `flag needs an argument: --${name}` };
        const error = use(spec, text);
        if (error) return { ok: false, error };
        continue;
      }
      // Shorthands: "-abc", "-nvalue", "-n=value", "-n value".
      let shorts = s.slice(1);
      while (shorts.length > 0) {
        const c = shorts[0]!;
        const spec = this.byShorthand.get(c);
        if (!spec) {
          if (c === 'h') {
            help = true;
            shorts = shorts.slice(1);
            continue;
          }
          return { ok: false, error: `unknown shorthand flag: ${goQuoteChar(c)} in -${shorts}` };
        }
        let text: string;
        if (shorts.length > 2 && shorts[1] === '=') {
          text = shorts.slice(2);
          shorts = '';
        } else if (!this.takesValue(spec)) {
          text = this.bareValue(spec);
          shorts = shorts.slice(1);
        } else if (shorts.length > 1) {
          text = shorts.slice(1);
          shorts = '';
        } else if (rest.length > 0) {
          text = rest.shift()!;
          shorts = '';
        } else {
          return { ok: false, error: `flag needs an argument: ${goQuoteChar(c)} in -${shorts}` };
        }
        const error = use(spec, text);
        if (error) return { ok: false, error };
      }
    }
    if (this.byName.has('help') && values.changed('help') && values.bool('help')) help = true;
    return { ok: true, parsed: { flags: values, args, argsLenAtDash: atDash, help, warnings } };
  }
}

/** Go's %q of a byte (a rune literal): 'x'. */
function goQuoteChar(c: string): string {
  if (c === "'") return "'\\''";
  if (c === '\\') return "'\\\\'";
  return `'${c}'`;
}
