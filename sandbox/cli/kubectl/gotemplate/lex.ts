// Go text/template's lexer (text/template/parse/lex.go) for kubectl's -o go-template: text
// between actions, `{{`/`}}` with the `{{- `/` -}}` trim markers, comments, and the items inside
// an action (fields, variables, identifiers, strings, raw strings, characters, numbers, pipes,
// parentheses, `:=`, `=`, `,`, spaces). Errors carry Go's texts.

export type ItemType =
  | 'text'
  | 'left'
  | 'right'
  | 'field'
  | 'dot'
  | 'variable'
  | 'identifier'
  | 'string'
  | 'number'
  | 'bool'
  | 'nil'
  | 'pipe'
  | 'lparen'
  | 'rparen'
  | 'declare'
  | 'assign'
  | 'comma'
  | 'space'
  | 'eof'
  | 'error';

export interface Item {
  type: ItemType;
  /** The item's text as written (for a string: its decoded value is in `value`). */
  text: string;
  pos: number;
  value?: string | number | boolean;
  /** A number literal without fraction or exponent. */
  isInt?: boolean;
}

const SPACE = /[ \t\r\n]/;

function isAlnum(c: string | undefined): boolean {
  return c !== undefined && /[A-Za-z0-9_]/.test(c);
}

/** Go's strconv.Unquote for "..." strings; undefined when malformed. */
function unquote(raw: string): string | undefined {
  let out = '';
  for (let i = 1; i < raw.length - 1; i++) {
    const c = raw[i]!;
    if (c !== '\\') {
      out += c;
      continue;
    }
    const n = raw[++i];
    const simple: Record<string, string> = { n: '\n', t: '\t', r: '\r', '\\': '\\', '"': '"', "'": "'", a: '\x07', b: '\b', f: '\f', v: '\v' };
    if (n !== undefined && simple[n] !== undefined) {
      out += simple[n];
      continue;
    }
    const hex = (len: number) => {
      const h = raw.slice(i + 1, i + 1 + len);
      if (h.length !== len || !/^[0-9a-fA-F]+$/.test(h)) return undefined;
      i += len;
      return String.fromCodePoint(parseInt(h, 16));
    };
    const decoded = n === 'x' ? hex(2) : n === 'u' ? hex(4) : n === 'U' ? hex(8) : undefined;
    if (decoded === undefined) return undefined;
    out += decoded;
  }
  return out;
}

export function lex(input: string): Item[] {
  const items: Item[] = [];
  let pos = 0;
  const emit = (type: ItemType, start: number, end: number, extra: Partial<Item> = {}) => items.push({ type, text: input.slice(start, end), pos: start, ...extra });
  const fail = (message: string, at: number) => {
    items.push({ type: 'error', text: message, pos: at });
    return items;
  };
  for (;;) {
    // Text up to the next action.
    const open = input.indexOf('{{', pos);
    if (open < 0) {
      if (pos < input.length) emit('text', pos, input.length);
      emit('eof', input.length, input.length);
      return items;
    }
    const trimLeft = input[open + 2] === '-' && SPACE.test(input[open + 3] ?? '');
    let text = input.slice(pos, open);
    if (trimLeft) text = text.replace(/[ \t\r\n]+$/, '');
    if (text) items.push({ type: 'text', text, pos });
    let p = open + 2 + (trimLeft ? 2 : 0);
    // A comment is the whole action.
    if (input.startsWith('/*', p)) {
      const close = input.indexOf('*/', p + 2);
      if (close < 0) return fail('unclosed comment', p);
      let q = close + 2;
      const trimRight = input[q] === ' ' && input.startsWith(' -}}', q);
      if (trimRight) q += 4;
      else if (input.startsWith('}}', q)) q += 2;
      else return fail('comment ends before closing delimiter', q);
      pos = q;
      if (trimRight) while (pos < input.length && SPACE.test(input[pos]!)) pos++;
      continue;
    }
    emit('left', open, p);
    let parenDepth = 0;
    for (;;) {
      // The right delimiter, with or without its trim marker.
      if (SPACE.test(input[p] ?? '') && input.startsWith('-}}', p + 1)) {
        emit('right', p, p + 4);
        p += 4;
        while (p < input.length && SPACE.test(input[p]!)) p++;
        break;
      }
      if (input.startsWith('}}', p)) {
        if (parenDepth > 0) return fail('unclosed left paren', p);
        emit('right', p, p + 2);
        p += 2;
        break;
      }
      const c = input[p];
      if (c === undefined) return fail('unclosed action', p);
      if (SPACE.test(c)) {
        const start = p;
        // Stop before a space that starts ` -}}`.
        while (p < input.length && SPACE.test(input[p]!) && !input.startsWith('-}}', p + 1)) p++;
        if (p > start) emit('space', start, p);
        continue;
      }
      if (c === '|') {
        emit('pipe', p, ++p);
      } else if (c === '(') {
        parenDepth++;
        emit('lparen', p, ++p);
      } else if (c === ')') {
        parenDepth--;
        if (parenDepth < 0) return fail('unexpected right paren', p);
        emit('rparen', p, ++p);
      } else if (c === ',') {
        emit('comma', p, ++p);
      } else if (c === ':') {
        if (input[p + 1] !== '=') return fail('expected :=', p);
        emit('declare', p, (p += 2));
      } else if (c === '=') {
        emit('assign', p, ++p);
      } else if (c === '"') {
        const start = p++;
        while (p < input.length && input[p] !== '"') {
          if (input[p] === '\n') return fail('unterminated quoted string', start);
          if (input[p] === '\\') p++;
          p++;
        }
        if (p >= input.length) return fail('unterminated quoted string', start);
        p++;
        const value = unquote(input.slice(start, p));
        if (value === undefined) return fail(`invalid syntax`, start);
        emit('string', start, p, { value });
      } else if (c === '`') {
        const close = input.indexOf('`', p + 1);
        if (close < 0) return fail('unterminated raw quoted string', p);
        emit('string', p, close + 1, { value: input.slice(p + 1, close) });
        p = close + 1;
      } else if (c === "'") {
        const start = p++;
        while (p < input.length && input[p] !== "'") {
          if (input[p] === '\\') p++;
          p++;
        }
        if (p >= input.length) return fail('unterminated character constant', start);
        p++;
        const body = unquote(`"${input.slice(start + 1, p - 1)}"`);
        if (body === undefined || [...body].length !== 1) return fail(`malformed character constant: ${input.slice(start, p)}`, start);
        emit('number', start, p, { value: body.codePointAt(0)!, isInt: true });
      } else if (c === '$') {
        const start = p++;
        while (isAlnum(input[p])) p++;
        emit('variable', start, p);
      } else if (c === '.') {
        // A field (.name), a number (.5) or dot itself.
        if (/[0-9]/.test(input[p + 1] ?? '')) {
          const m = /^\.[0-9]+(?:[eE][+-]?[0-9]+)?/.exec(input.slice(p))!;
          emit('number', p, p + m[0].length, { value: Number(m[0]), isInt: false });
          p += m[0].length;
        } else if (isAlnum(input[p + 1])) {
          const start = p++;
          while (isAlnum(input[p])) p++;
          emit('field', start, p);
        } else {
          emit('dot', p, ++p);
        }
      } else if (/[0-9+-]/.test(c)) {
        const m = /^[+-]?(?:0[xX][0-9a-fA-F_]+|0[bB][01_]+|0[oO][0-7_]+|(?:[0-9][0-9_]*)?(?:\.[0-9_]*)?(?:[eE][+-]?[0-9]+)?)/.exec(input.slice(p))!;
        const raw = m[0];
        if (raw === '' || raw === '+' || raw === '-' || isAlnum(input[p + raw.length])) return fail(`bad number syntax: "${input.slice(p, p + Math.max(raw.length, 1) + (isAlnum(input[p + raw.length]) ? 1 : 0))}"`, p);
        const clean = raw.replace(/_/g, '');
        const isInt = !/[.eE]/.test(clean) || /^[+-]?0[xX]/.test(clean);
        const value = /^[+-]?0[xXbBoO]/.test(clean) ? (clean.startsWith('-') ? -Number(clean.slice(1)) : Number(clean.replace(/^\+/, ''))) : Number(clean);
        if (Number.isNaN(value)) return fail(`bad number syntax: "${raw}"`, p);
        emit('number', p, p + raw.length, { value, isInt });
        p += raw.length;
      } else if (isAlnum(c)) {
        const start = p;
        while (isAlnum(input[p])) p++;
        const word = input.slice(start, p);
        if (word === 'true' || word === 'false') emit('bool', start, p, { value: word === 'true' });
        else if (word === 'nil') emit('nil', start, p);
        else emit('identifier', start, p);
      } else {
        const code = c.codePointAt(0)!;
        return fail(`unrecognized character in action: U+${code.toString(16).toUpperCase().padStart(4, '0')} '${c}'`, p);
      }
    }
    pos = p;
  }
}
