// jq's input: a stream of JSON texts separated by whitespace, each parsed with its end line (for
// "jq: error (at <stdin>:N)") and jq's parse error messages.
import type { Json } from './values.ts';

export interface Parsed {
  value: Json;
  /** Line number jq reports for errors while processing this value. */
  line: number;
}

export type InputResult = { ok: true; values: Parsed[] } | { ok: false; values: Parsed[]; error: string };

function position(text: string, at: number): { line: number; column: number } {
  let line = 1;
  let column = 0;
  for (let i = 0; i < at && i < text.length; i++) {
    if (text[i] === '\n') {
      line++;
      column = 0;
    } else column++;
  }
  return { line, column };
}

/** Splits the text into JSON values (balanced brackets, strings, or bare literals) and parses each. */
export function parseInputs(text: string): InputResult {
  const values: Parsed[] = [];
  let i = 0;
  const n = text.length;
  const err = (msg: string, at: number): InputResult => {
    const p = position(text, at);
    return { ok: false, values, error: `${msg} at line ${p.line}, column ${p.column}` };
  };
  while (i < n) {
    while (i < n && /\s/.test(text[i]!)) i++;
    if (i >= n) break;
    const start = i;
    const c = text[i]!;
    if (c === '{' || c === '[') {
      const stack: string[] = [];
      let inString = false;
      for (; i < n; i++) {
        const d = text[i]!;
        if (inString) {
          if (d === '\\') i++;
          else if (d === '"') inString = false;
          continue;
        }
        if (d === '"') inString = true;
        else if (d === '{' || d === '[') stack.push(d === '{' ? '}' : ']');
        else if (d === '}' || d === ']') {
          if (stack.pop() !== d) return err(`Unmatched '${d}'`, i + 1);
          if (stack.length === 0) {
            i++;
            break;
          }
        }
      }
      if (stack.length > 0) return err('Unfinished JSON term at EOF', n);
    } else if (c === '"') {
      i++;
      for (; i < n; i++) {
        if (text[i] === '\\') i++;
        else if (text[i] === '"') {
          i++;
          break;
        }
      }
      if (text[i - 1] !== '"' || i - 1 === start) return err('Unfinished string at EOF', n);
    } else if (c === ']' || c === '}') {
      return err(`Unmatched '${c}'`, i + 1);
    } else {
      while (i < n && !/[\s{}[\]",:]/.test(text[i]!)) i++;
      const word = text.slice(start, i);
      if (!/^(true|false|null|-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?)$/.test(word)) {
        // jq notices at the character that ends the literal.
        return err(word === 'nan' ? 'Invalid literal' : 'Invalid numeric literal', Math.min(n, i + 1));
      }
    }
    const chunk = text.slice(start, i);
    try {
      values.push({ value: JSON.parse(chunk) as Json, line: position(text, Math.min(n, i + (text[i] === '\n' ? 1 : 0))).line - (text[i] === '\n' ? 1 : 0) });
    } catch {
      return err('Expected separator between values', i);
    }
  }
  return { ok: true, values };
}
