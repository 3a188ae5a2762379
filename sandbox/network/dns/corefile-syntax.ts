// Corefile syntax (Caddyfile-style): a directive is a line of tokens, optionally followed by a
// `{ ... }` block of further lines. Comments start with `#`; quotes group a token. Server blocks
// are directives whose block holds plugin directives.

export interface Directive {
  name: string;
  args: string[];
  /** The lines inside `{ }` as token lists, when the directive has a block. */
  block?: string[][];
  /** The same block parsed as directives (a server block's plugins). */
  inner?: Directive[];
}

type Token = { kind: 'word'; text: string } | { kind: 'open' } | { kind: 'close' } | { kind: 'newline' };

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (c === '#') {
      while (i < text.length && text[i] !== '\n') i++;
    } else if (c === '\n') {
      tokens.push({ kind: 'newline' });
      i++;
    } else if (c === ' ' || c === '\t' || c === '\r') {
      i++;
    } else if (c === '{') {
      tokens.push({ kind: 'open' });
      i++;
    } else if (c === '}') {
      tokens.push({ kind: 'close' });
      i++;
    } else if (c === '"') {
      let j = i + 1;
      while (j < text.length && text[j] !== '"') j++;
      tokens.push({ kind: 'word', text: text.slice(i + 1, j) });
      i = j + 1;
    } else {
      let j = i;
      while (j < text.length && !' \t\r\n{}#'.includes(text[j]!)) j++;
      tokens.push({ kind: 'word', text: text.slice(i, j) });
      i = j;
    }
  }
  return tokens;
}

/** Parses top-level directives; a block's content is kept both as token lines and as nested directives. */
export function parseDirectives(text: string): Directive[] {
  const tokens = tokenize(text);
  let pos = 0;

  function parseLevel(): { directives: Directive[]; lines: string[][] } {
    const directives: Directive[] = [];
    const lines: string[][] = [];
    let current: string[] = [];
    const finishLine = (block?: { directives: Directive[]; lines: string[][] }) => {
      if (current.length > 0) {
        const [name, ...args] = current;
        const d: Directive = { name: name!, args };
        if (block) {
          d.block = block.lines;
          d.inner = block.directives;
        }
        directives.push(d);
        lines.push(current);
      }
      current = [];
    };
    while (pos < tokens.length) {
      const t = tokens[pos++]!;
      if (t.kind === 'word') current.push(t.text);
      else if (t.kind === 'newline') finishLine();
      else if (t.kind === 'open') finishLine(parseLevel());
      else {
        finishLine();
        return { directives, lines };
      }
    }
    finishLine();
    return { directives, lines };
  }

  return parseLevel().directives;
}
