// Values as a Go template sees an object kubectl decoded from JSON (apimachinery's json into
// map[string]interface{}: integral numbers become int64, others float64), how fmt prints them
// (%v, and the verbs printf knows), and their Go type names for error texts.
import { goSprint } from '../jsonpath/go-format.ts';

/** reflect's invalid Value: a missing map key, printed `<no value>`. */
export const MISSING: unique symbol = Symbol('no value');

/** A float constant written in the template (`1.0`), which Go keeps as float64. */
export class GoFloat {
  readonly value: number;

  constructor(value: number) {
    this.value = value;
  }
}

export type Kind = 'invalid' | 'nil' | 'bool' | 'int' | 'float' | 'string' | 'slice' | 'map';

export function kindOf(v: unknown): Kind {
  if (v === MISSING || v === undefined) return 'invalid';
  if (v === null) return 'nil';
  if (v instanceof GoFloat) return 'float';
  if (typeof v === 'boolean') return 'bool';
  if (typeof v === 'number') return Number.isInteger(v) ? 'int' : 'float';
  if (typeof v === 'string') return 'string';
  if (Array.isArray(v)) return 'slice';
  return 'map';
}

export function numberOf(v: unknown): number {
  return v instanceof GoFloat ? v.value : (v as number);
}

export function goTypeName(v: unknown): string {
  switch (kindOf(v)) {
    case 'bool':
      return 'bool';
    case 'int':
      return 'int64';
    case 'float':
      return 'float64';
    case 'string':
      return 'string';
    case 'slice':
      return '[]interface {}';
    case 'map':
      return 'map[string]interface {}';
    default:
      return '<nil>';
  }
}

/** %v of a float64: strconv's shortest 'g', exponent form below 1e-4 and from 1e6. */
function floatText(n: number): string {
  if (n === 0) return '0';
  const [mant, expText] = n.toExponential().split('e');
  const exp = Number(expText);
  if (exp < -4 || exp >= 6) return `${mant}e${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
  return String(n);
}

/** fmt's %v. */
export function sprintValue(v: unknown): string {
  if (v === MISSING || v === undefined) return '<no value>';
  if (v instanceof GoFloat) return floatText(v.value);
  return goSprint(v);
}

/** fmt.Sprint: operands joined, with a space between two that are both not strings. */
export function sprint(args: unknown[]): string {
  let out = '';
  args.forEach((a, i) => {
    if (i > 0 && typeof a !== 'string' && typeof args[i - 1] !== 'string') out += ' ';
    out += sprintValue(a);
  });
  return out;
}

/** Go's %q of a string. */
export function goQuoted(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (ch === '"' || ch === '\\') out += `\\${ch}`;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\t') out += '\\t';
    else if (ch === '\r') out += '\\r';
    else if (c < 0x20 || c === 0x7f) out += `\\x${c.toString(16).padStart(2, '0')}`;
    else out += ch;
  }
  return `${out}"`;
}

function pad(text: string, width: number | undefined, minus: boolean, zero: boolean): string {
  if (width === undefined || text.length >= width) return text;
  if (minus) return text.padEnd(width);
  if (zero) {
    const sign = /^[+-]/.test(text) ? text[0]! : '';
    return sign + text.slice(sign.length).padStart(width - sign.length, '0');
  }
  return text.padStart(width);
}

function badVerb(verb: string, v: unknown): string {
  if (v === null || v === MISSING || v === undefined) return `%!${verb}(<nil>)`;
  return `%!${verb}(${goTypeName(v)}=${sprintValue(v)})`;
}

/** fmt.Sprintf for the verbs templates use: %v %s %q %d %t %f %e %g %x %X %c %%. */
export function sprintf(format: string, args: unknown[]): string {
  let out = '';
  let argIndex = 0;
  const re = /%([-+# 0]*)(\d+)?(?:\.(\d+))?([a-zA-Z%])?/g;
  let last = 0;
  for (let m = re.exec(format); m; m = re.exec(format)) {
    out += format.slice(last, m.index);
    last = re.lastIndex;
    const [, flags = '', widthText, precText, verb] = m;
    if (verb === undefined) {
      out += '%!(NOVERB)';
      continue;
    }
    if (verb === '%') {
      out += '%';
      continue;
    }
    if (argIndex >= args.length) {
      out += `%!${verb}(MISSING)`;
      continue;
    }
    const v = args[argIndex++];
    const width = widthText === undefined ? undefined : Number(widthText);
    const prec = precText === undefined ? undefined : Number(precText);
    const minus = flags.includes('-');
    const zero = flags.includes('0') && !minus;
    const plus = flags.includes('+');
    const kind = kindOf(v);
    let text: string;
    switch (verb) {
      case 'v':
        text = sprintValue(v === MISSING ? null : v);
        break;
      case 's':
        text = kind === 'string' ? (v as string) : kind === 'slice' || kind === 'map' ? sprintValue(v) : badVerb(verb, v);
        if (kind === 'string' && prec !== undefined) text = text.slice(0, prec);
        break;
      case 'q':
        text = kind === 'string' ? goQuoted(v as string) : kind === 'int' ? `'${String.fromCodePoint(v as number)}'` : badVerb(verb, v);
        break;
      case 'd':
        text = kind === 'int' ? `${plus && (v as number) >= 0 ? '+' : ''}${v as number}` : badVerb(verb, v);
        break;
      case 't':
        text = kind === 'bool' ? String(v) : badVerb(verb, v);
        break;
      case 'f':
      case 'F':
      case 'e':
      case 'g':
        if (kind === 'float' || kind === 'int') {
          // Go prints an int with %f as %!f(int64=...).
          if (kind === 'int' && !(v instanceof GoFloat)) {
            text = badVerb(verb, v);
            break;
          }
          const n = numberOf(v);
          text = verb === 'e' ? n.toExponential(prec ?? 6).replace(/e([+-])(\d)$/, 'e$10$2') : verb === 'g' ? floatText(n) : n.toFixed(prec ?? 6);
          if (plus && n >= 0) text = `+${text}`;
        } else text = badVerb(verb, v);
        break;
      case 'x':
      case 'X': {
        let hex: string;
        if (kind === 'int') hex = (v as number) < 0 ? `-${(-(v as number)).toString(16)}` : (v as number).toString(16);
        else if (kind === 'string') hex = [...(v as string)].map((c) => c.charCodeAt(0).toString(16).padStart(2, '0')).join('');
        else {
          text = badVerb(verb, v);
          break;
        }
        text = verb === 'X' ? hex.toUpperCase() : hex;
        break;
      }
      case 'c':
        text = kind === 'int' ? String.fromCodePoint(v as number) : badVerb(verb, v);
        break;
      default:
        text = badVerb(verb, v);
    }
    out += pad(text, width, minus, zero);
  }
  out += format.slice(last);
  if (argIndex < args.length) out += `%!(EXTRA ${args.slice(argIndex).map((a) => `${goTypeName(a)}=${sprintValue(a)}`).join(', ')})`;
  return out;
}
