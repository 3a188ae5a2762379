// echo, with bash's -n, -e and -E.
import { decodeCEscape } from '../escapes.ts';
import type { CommandDefinition } from '../types.ts';
import { ok } from './util.ts';

/** Backslash escapes of `echo -e` and `printf %b`; `stop` is set by \c (no further output). */
export function echoEscapes(text: string): { text: string; stop: boolean } {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c !== '\\' || i + 1 >= text.length) {
      out += c;
      continue;
    }
    const n = text[i + 1];
    if (n === 'c') return { text: out, stop: true };
    if (n === '0') {
      // \0nnn: up to three octal digits after the zero
      let j = i + 2;
      while (j < i + 5 && j < text.length && text[j] >= '0' && text[j] <= '7') j++;
      out += String.fromCharCode(parseInt(text.slice(i + 2, j) || '0', 8) & 0xff);
      i = j - 1;
      continue;
    }
    if (n >= '1' && n <= '7') {
      out += `\\${n}`;
      i++;
      continue;
    }
    if ('abeEfnrtv\\xuU'.includes(n)) {
      const decoded = decodeCEscape(text, i + 1);
      out += decoded.text;
      i = decoded.end - 1;
      continue;
    }
    out += `\\${n}`;
    i++;
  }
  return { text: out, stop: false };
}

export const echo: CommandDefinition = {
  name: 'echo',
  summary: 'print its arguments',
  run(ctx) {
    const args = ctx.argv.slice(1);
    let newline = true;
    let escapes = false;
    while (args.length > 0 && /^-[neE]+$/.test(args[0])) {
      for (const flag of args.shift()!.slice(1)) {
        if (flag === 'n') newline = false;
        else if (flag === 'e') escapes = true;
        else escapes = false;
      }
    }
    let text = args.join(' ');
    if (escapes) {
      const decoded = echoEscapes(text);
      if (decoded.stop) return ok(decoded.text);
      text = decoded.text;
    }
    return ok(newline ? `${text}\n` : text);
  },
};
