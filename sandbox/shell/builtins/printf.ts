// printf: bash's builtin. The format is reused while arguments remain, like bash.
import type { CommandDefinition } from '../types.ts';
import { decodeCEscape } from '../escapes.ts';
import { echoEscapes } from './echo.ts';
import { fail } from './util.ts';

const CONVERSION = /%([-+ 0#]*)(\*|\d+)?(?:\.(\*|\d*))?([diouxXeEfFgGcsbq%])/y;

/** Marks where `\c` stopped the format (a private-use character no one types). */
const STOP = '\uE000';

/** Escapes allowed in the format itself (\n, \t, \\, \NNN octal, \xHH ...). */
function formatEscapes(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c !== '\\' || i + 1 >= text.length) {
      out += c;
      continue;
    }
    const n = text[i + 1];
    if (n >= '0' && n <= '7') {
      let j = i + 1;
      while (j < i + 4 && j < text.length && text[j] >= '0' && text[j] <= '7') j++;
      out += String.fromCharCode(parseInt(text.slice(i + 1, j), 8) & 0xff);
      i = j - 1;
    } else if (n === 'c') {
      out += STOP;
      i++;
    } else {
      const decoded = decodeCEscape(text, i + 1);
      out += decoded.text;
      i = decoded.end - 1;
    }
  }
  return out;
}

/** bash's %q: quote so the shell would read it back as one word. */
function shellQuote(text: string): string {
  if (text === '') return "''";
  if (/^[A-Za-z0-9_./:=@%+,-]+$/.test(text)) return text;
  return text.replace(/[^A-Za-z0-9_./:=@%+,-]/g, '\\$&');
}

export const printf: CommandDefinition = {
  name: 'printf',
  summary: 'print arguments under the control of a format',
  run(ctx) {
    let args = ctx.argv.slice(1);
    let target: string | null = null;
    if (args[0] === '-v') {
      if (args.length < 2) return fail('bash: printf: -v: option requires an argument\nprintf: usage: printf [-v var] format [arguments]\n', 2);
      target = args[1];
      args = args.slice(2);
    }
    if (args[0] === '--') args = args.slice(1);
    if (args.length === 0) return fail('printf: usage: printf [-v var] format [arguments]\n'.replace(/^/, 'bash: '), 2);
    const format = formatEscapes(args[0]);
    const rest = args.slice(1);
    let stderr = '';
    let status = 0;
    let index = 0;
    const nextArg = (): string | undefined => rest[index++];
    const number = (arg: string | undefined, integer: boolean): number => {
      if (arg === undefined || arg === '') return 0;
      if (/^['"]/.test(arg)) return arg.length > 1 ? arg.codePointAt(1)! : 0;
      const text = arg.trim();
      let value: number;
      if (/^[+-]?0[xX][0-9a-fA-F]+$/.test(text)) value = parseInt(text, 16);
      else if (integer && /^[+-]?0[0-7]+$/.test(text)) value = parseInt(text, 8);
      else if (integer ? /^[+-]?\d+$/.test(text) : /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(text)) value = Number(text);
      else {
        const prefix = /^[+-]?\d+/.exec(text);
        stderr += `bash: printf: ${arg}: invalid number\n`;
        status = 1;
        return prefix ? Number(prefix[0]) : 0;
      }
      return value;
    };

    let out = '';
    let stopped = false;
    for (;;) {
      const before = index;
      let i = 0;
      while (i < format.length && !stopped) {
        const c = format[i];
        if (c === STOP) {
          stopped = true;
          break;
        }
        if (c !== '%') {
          const next = format.indexOf('%', i);
          const end = next === -1 ? format.length : next;
          const chunk = format.slice(i, end);
          const cut = chunk.indexOf(STOP);
          if (cut !== -1) {
            out += chunk.slice(0, cut);
            stopped = true;
            break;
          }
          out += chunk;
          i = end;
          continue;
        }
        CONVERSION.lastIndex = i;
        const m = CONVERSION.exec(format);
        if (!m) {
          const bad = format[i + 1] ?? '';
          if (bad === '') {
            out += '%';
            i++;
            continue;
          }
          stderr += `bash: printf: \`${bad}': invalid format character\n`;
          status = 1;
          stopped = true;
          break;
        }
        i = CONVERSION.lastIndex;
        const [, flags, widthSpec, precisionSpec, conv] = m;
        if (conv === '%') {
          out += '%';
          continue;
        }
        let width = widthSpec === '*' ? number(nextArg(), true) : widthSpec ? Number(widthSpec) : 0;
        let left = flags.includes('-');
        if (width < 0) {
          left = true;
          width = -width;
        }
        const precision =
          precisionSpec === undefined ? undefined : precisionSpec === '*' ? number(nextArg(), true) : Number(precisionSpec || '0');
        let text: string;
        const arg = nextArg();
        switch (conv) {
          case 's':
            text = arg ?? '';
            if (precision !== undefined) text = text.slice(0, precision);
            break;
          case 'b': {
            const decoded = echoEscapes(arg ?? '');
            text = decoded.text;
            if (decoded.stop) stopped = true;
            if (precision !== undefined) text = text.slice(0, precision);
            break;
          }
          case 'q':
            text = shellQuote(arg ?? '');
            break;
          case 'c':
            text = (arg ?? '').slice(0, 1);
            break;
          case 'd':
          case 'i':
          case 'u':
          case 'o':
          case 'x':
          case 'X': {
            const value = Math.trunc(number(arg, true));
            const negative = value < 0;
            const magnitude = Math.abs(value);
            let digits = conv === 'o' ? magnitude.toString(8) : conv === 'x' ? magnitude.toString(16) : conv === 'X' ? magnitude.toString(16).toUpperCase() : String(magnitude);
            if (precision !== undefined) digits = digits.padStart(precision, '0');
            if (flags.includes('#') && value !== 0) digits = (conv === 'o' ? '0' : conv === 'x' ? '0x' : conv === 'X' ? '0X' : '') + digits;
            const sign = negative ? '-' : flags.includes('+') ? '+' : flags.includes(' ') ? ' ' : '';
            if (flags.includes('0') && !left && precision === undefined) {
              digits = digits.padStart(width - sign.length, '0');
            }
            text = sign + digits;
            break;
          }
          default: {
            const value = number(arg, false);
            const p = precision ?? 6;
            let body: string;
            if (conv === 'f' || conv === 'F') body = Math.abs(value).toFixed(p);
            else if (conv === 'e' || conv === 'E') body = cExponent(Math.abs(value).toExponential(p));
            else body = gFormat(Math.abs(value), p === 0 ? 1 : p, flags.includes('#'));
            if (conv === 'E' || conv === 'G') body = body.toUpperCase();
            const sign = value < 0 || Object.is(value, -0) ? '-' : flags.includes('+') ? '+' : flags.includes(' ') ? ' ' : '';
            if (flags.includes('0') && !left) body = body.padStart(width - sign.length, '0');
            text = sign + body;
          }
        }
        out += left ? text.padEnd(width) : text.padStart(width);
      }
      // Reuse the format while arguments remain, but only if it consumed some.
      if (stopped || index >= rest.length || index === before) break;
      if (out.length > 2 * 1024 * 1024) break;
    }
    if (target !== null) {
      if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(target)) return fail(`bash: printf: \`${target}': not a valid identifier\n`, 2);
      ctx.shell.setVar(target, out);
      out = '';
    }
    return { stdout: out, stderr, exitCode: status };
  },
};

/** JS writes 1e+5, C writes 1e+05. */
function cExponent(text: string): string {
  return text.replace(/e([+-])(\d)$/, 'e$10$2');
}

function gFormat(value: number, precision: number, keepZeros: boolean): string {
  if (value === 0) return keepZeros ? (0).toFixed(precision - 1) : '0';
  const exponent = Math.floor(Math.log10(value));
  let text: string;
  if (exponent < -4 || exponent >= precision) {
    text = cExponent(value.toExponential(precision - 1));
    if (!keepZeros) text = text.replace(/\.?0+e/, 'e');
  } else {
    text = value.toFixed(Math.max(0, precision - 1 - exponent));
    if (!keepZeros && text.includes('.')) text = text.replace(/\.?0+$/, '');
  }
  return text;
}
