// YAML as kubectl writes it (sigs.k8s.io/yaml over go-yaml v2): keys sorted, two-space indent,
// list items at their key's indentation, strings that would read back as another type (numbers,
// booleans, null, timestamps) double-quoted, strings plain YAML cannot carry single-quoted,
// multi-line strings as literal blocks, `{}`/`[]` for empty collections, and plain or
// single-quoted scalars folded at a space once a line passes column 80 (go-yaml's best_width).

const BEST_WIDTH = 80;

const YAML11_BOOL = /^(y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF)$/;
const YAML11_NULL = /^(~|null|Null|NULL)$/;
const YAML11_INT = /^[-+]?(0b[01_]+|0[0-7_]+|(0|[1-9][0-9_]*)|0x[0-9a-fA-F_]+|[1-9][0-9_]*(:[0-5]?[0-9])+)$/;
const YAML11_FLOAT = /^([-+]?([0-9][0-9_]*)?\.[0-9_]*([eE][-+][0-9]+)?|[-+]?[0-9][0-9_]*(:[0-5]?[0-9])+\.[0-9_]*|[-+]?\.(inf|Inf|INF)|\.(nan|NaN|NAN))$/;
const YAML_FLOAT_EXP = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)$/;
const TIMESTAMP = /^\d{4}-\d\d?-\d\d?(([Tt]|[ \t]+)\d\d?:\d\d:\d\d(\.\d*)?(([ \t]*)Z|[-+]\d\d?(:\d\d)?)?)?$/;

/** Whether go-yaml would read the plain text back as something other than a string. */
function resolvesToNonString(s: string): boolean {
  return s === '' || YAML11_BOOL.test(s) || YAML11_NULL.test(s) || YAML11_INT.test(s) || YAML11_FLOAT.test(s) || YAML_FLOAT_EXP.test(s) || TIMESTAMP.test(s);
}

function isPrintable(ch: string): boolean {
  const c = ch.codePointAt(0)!;
  return c === 0x9 || c === 0xa || c === 0xd || (c >= 0x20 && c <= 0x7e) || c === 0x85 || (c >= 0xa0 && c <= 0xd7ff) || (c >= 0xe000 && c <= 0xfffd && c !== 0xfeff) || c >= 0x10000;
}

interface Analysis {
  plain: boolean;
  single: boolean;
  multiline: boolean;
  special: boolean;
}

/** go-yaml's yaml_emitter_analyze_scalar, block context. */
function analyze(s: string): Analysis {
  if (s === '') return { plain: false, single: true, multiline: false, special: false };
  let flowIndicators = false;
  let blockIndicators = false;
  let lineBreaks = false;
  let special = false;
  let leadingSpace = false;
  let trailingSpace = false;
  let spaceBreak = false;
  if (s.startsWith('---') || s.startsWith('...')) {
    blockIndicators = true;
    flowIndicators = true;
  }
  const chars = [...s];
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i]!;
    const next = chars[i + 1];
    const followedBySpace = next === undefined || next === ' ' || next === '\t' || next === '\n' || next === '\r';
    const precededBySpace = i === 0 || chars[i - 1] === ' ' || chars[i - 1] === '\t' || chars[i - 1] === '\n';
    if (i === 0) {
      if ('#,[]{}&*!|>\'"%@`'.includes(ch)) {
        flowIndicators = true;
        blockIndicators = true;
      } else if (ch === '?' || ch === ':') {
        flowIndicators = true;
        if (followedBySpace) blockIndicators = true;
      } else if (ch === '-' && followedBySpace) {
        flowIndicators = true;
        blockIndicators = true;
      }
    } else if (',?[]{}'.includes(ch)) {
      flowIndicators = true;
    } else if (ch === ':') {
      flowIndicators = true;
      if (followedBySpace) blockIndicators = true;
    } else if (ch === '#' && precededBySpace) {
      flowIndicators = true;
      blockIndicators = true;
    }
    if (!isPrintable(ch) || (ch.codePointAt(0)! > 0x7e && false)) special = true;
    if (ch === '\n' || ch === '\r') lineBreaks = true;
    if (ch === ' ') {
      if (i === 0) leadingSpace = true;
      if (i === chars.length - 1) trailingSpace = true;
      if (next === '\n') spaceBreak = true;
    }
  }
  let plain = !(leadingSpace || trailingSpace || lineBreaks || blockIndicators || special);
  let single = !(special || spaceBreak);
  if (lineBreaks) {
    plain = false;
  }
  if (special) single = false;
  void flowIndicators;
  return { plain, single, multiline: lineBreaks, special };
}

function doubleQuoted(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (ch === '"') out += '\\"';
    else if (ch === '\\') out += '\\\\';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\t') out += '\\t';
    else if (ch === '\r') out += '\\r';
    else if (c === 0) out += '\\0';
    else if (!isPrintable(ch)) out += c <= 0xff ? `\\x${c.toString(16).toUpperCase().padStart(2, '0')}` : `\\u${c.toString(16).toUpperCase().padStart(4, '0')}`;
    else out += ch;
  }
  return `${out}"`;
}

/** Writes text starting at `column`, breaking at single spaces once past BEST_WIDTH. */
function fold(text: string, column: number, indent: number): string {
  let out = '';
  let col = column;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === ' ' && col > BEST_WIDTH && text[i + 1] !== ' ' && text[i - 1] !== ' ' && i + 1 < text.length) {
      out += `\n${' '.repeat(indent)}`;
      col = indent;
      continue;
    }
    out += ch;
    col++;
  }
  return out;
}

/** A string scalar as a map value or list item starting at `column`; continuation at `indent`. */
function stringScalar(s: string, column: number, indent: number): string {
  if (resolvesToNonString(s)) return doubleQuoted(s);
  const a = analyze(s);
  if (a.multiline && !a.special && !/^[ \t]/.test(s) && !/[ \t]\n/.test(s)) {
    const chomp = s.endsWith('\n') ? (s.endsWith('\n\n') ? '+' : '') : '-';
    const body = s.endsWith('\n') ? s.slice(0, -1) : s;
    const lines = body.split('\n').map((l) => (l === '' ? '' : `${' '.repeat(indent)}${l}`));
    return `|${chomp}\n${lines.join('\n')}`;
  }
  if (a.plain) return fold(s, column, indent);
  if (a.single && !a.multiline) return fold(`'${s.replace(/'/g, "''")}'`, column, indent);
  return doubleQuoted(s);
}

function numberText(n: number): string {
  if (Number.isInteger(n)) return String(n);
  if (!Number.isFinite(n)) return Number.isNaN(n) ? '.nan' : n > 0 ? '+.inf' : '-.inf';
  const [mant, expText] = n.toExponential().split('e');
  const exp = Number(expText);
  if (exp < -4 || exp >= 6) return `${mant}e${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
  return String(n);
}

function scalar(value: unknown, column: number, indent: number): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') return numberText(value);
  return stringScalar(String(value), column, indent);
}

function isCollection(v: unknown): v is object {
  return typeof v === 'object' && v !== null;
}

function isEmpty(v: object): boolean {
  return Array.isArray(v) ? v.length === 0 : Object.keys(v).length === 0;
}

function keyText(key: string): string {
  if (resolvesToNonString(key)) return doubleQuoted(key);
  const a = analyze(key);
  if (a.plain) return key;
  if (a.single && !a.multiline) return `'${key.replace(/'/g, "''")}'`;
  return doubleQuoted(key);
}

function emitMap(obj: Record<string, unknown>, indent: number, firstPrefix: string | null): string[] {
  const lines: string[] = [];
  const keys = Object.keys(obj)
    .filter((k) => obj[k] !== undefined)
    .sort();
  keys.forEach((key, i) => {
    const pad = i === 0 && firstPrefix !== null ? firstPrefix : ' '.repeat(indent);
    const head = `${pad}${keyText(key)}:`;
    const value = obj[key];
    if (isCollection(value)) {
      if (isEmpty(value)) lines.push(`${head} ${Array.isArray(value) ? '[]' : '{}'}`);
      else if (Array.isArray(value)) {
        lines.push(head);
        lines.push(...emitList(value, indent));
      } else {
        lines.push(head);
        lines.push(...emitMap(value as Record<string, unknown>, indent + 2, null));
      }
    } else {
      lines.push(`${head} ${scalar(value, head.length + 1, indent + 2)}`);
    }
  });
  return lines;
}

function emitList(list: unknown[], indent: number): string[] {
  const lines: string[] = [];
  const dash = `${' '.repeat(indent)}- `;
  for (const item of list) {
    if (isCollection(item)) {
      if (isEmpty(item)) lines.push(`${dash}${Array.isArray(item) ? '[]' : '{}'}`);
      else if (Array.isArray(item)) {
        const inner = emitList(item, indent + 2);
        inner[0] = dash + inner[0]!.slice(indent + 2);
        lines.push(...inner);
      } else lines.push(...emitMap(item as Record<string, unknown>, indent + 2, dash));
    } else {
      lines.push(`${dash}${scalar(item, dash.length, indent + 2)}`);
    }
  }
  return lines;
}

/** One YAML document for a JSON-like value, ending with a newline. */
export function toYaml(value: unknown): string {
  if (isCollection(value)) {
    if (isEmpty(value)) return Array.isArray(value) ? '[]\n' : '{}\n';
    const lines = Array.isArray(value) ? emitList(value, 0) : emitMap(value as Record<string, unknown>, 0, null);
    return `${lines.join('\n')}\n`;
  }
  return `${scalar(value, 0, 0)}\n`;
}
