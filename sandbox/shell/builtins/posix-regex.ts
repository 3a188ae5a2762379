// POSIX regular expressions (GNU flavour) to JavaScript: BRE for grep and sed by default
// (`\(` `\{` `\|` special, `( { | + ?` literal), ERE with -E. Errors read like GNU's.

export type Translation = { source: string; groups: number } | { error: string };

const CLASSES: Record<string, string> = {
  alpha: 'A-Za-z',
  digit: '0-9',
  alnum: 'A-Za-z0-9',
  upper: 'A-Z',
  lower: 'a-z',
  space: ' \\t\\n\\r\\f\\v',
  blank: ' \\t',
  punct: '!-\\/:-@\\[-`{-~',
  xdigit: '0-9A-Fa-f',
  cntrl: '\\x00-\\x1f\\x7f',
  print: ' -~',
  graph: '!-~',
};

function lit(c: string): string {
  return /[\\^$.*+?()[\]{}|/]/.test(c) ? `\\${c}` : c;
}

function classLit(c: string): string {
  return /[\\\]^[-]/.test(c) ? `\\${c}` : c;
}

/**
 * Translates one pattern. `groupOffset` renumbers back-references when several patterns are
 * joined into one alternation (grep -e a -e b).
 */
export function translateRegex(pattern: string, extended: boolean, groupOffset = 0): Translation {
  let out = '';
  let groups = 0;
  const open: { group: number; at: number }[] = [];
  const closed = new Set<number>();
  /** Start (in `out`) of the last atom, for quantifiers; -1 when nothing can be repeated. */
  let atom = -1;
  let quantified = false;
  let atStart = true;

  const emitAtom = (text: string): void => {
    atom = out.length;
    out += text;
    quantified = false;
    atStart = false;
  };
  const quantify = (q: string): void => {
    if (atom < 0) {
      emitAtom(lit(q[0]) + q.slice(1));
      return;
    }
    if (quantified) {
      // POSIX allows a** and a*+; JavaScript reads a*? as lazy, so group first.
      out = `${out.slice(0, atom)}(?:${out.slice(atom)})`;
    }
    out += q;
    quantified = true;
  };
  const interval = (body: string): string | null => {
    const m = /^(\d*)(,?)(\d*)$/.exec(body);
    if (!m || (m[1] === '' && m[2] === '')) return null;
    const min = m[1] === '' ? '0' : m[1];
    if (m[2] === '') return `{${min}}`;
    if (m[3] !== '' && Number(m[3]) < Number(min)) return null;
    return `{${min},${m[3]}}`;
  };

  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '\\') {
      const n = pattern[i + 1];
      if (n === undefined) return { error: 'Trailing backslash' };
      i++;
      if (!extended && n === '(') {
        open.push({ group: ++groups, at: out.length });
        out += '(';
        atom = -1;
        atStart = true;
      } else if (!extended && n === ')') {
        const g = open.pop();
        if (g === undefined) return { error: 'Unmatched ) or \\)' };
        closed.add(g.group);
        out += ')';
        atom = g.at;
        quantified = false;
        atStart = false;
      } else if (!extended && n === '|') {
        out += '|';
        atom = -1;
        atStart = true;
      } else if (!extended && n === '{') {
        const close = pattern.indexOf('\\}', i + 1);
        if (close === -1) return { error: 'Unmatched \\{' };
        const q = interval(pattern.slice(i + 1, close));
        if (q === null) return { error: 'Invalid content of \\{\\}' };
        if (atom < 0) return { error: 'Invalid preceding regular expression' };
        quantify(q);
        i = close + 1;
      } else if (!extended && (n === '+' || n === '?')) {
        if (atom < 0) emitAtom(lit(n));
        else quantify(n);
      } else if (n >= '1' && n <= '9') {
        const g = Number(n);
        if (!closed.has(g)) return { error: 'Invalid back reference' };
        emitAtom(`\\${g + groupOffset}`);
      } else if (n === 'w' || n === 'W' || n === 's' || n === 'S') {
        emitAtom(`\\${n}`);
      } else if (n === 'b' || n === 'B') {
        out += `\\${n}`;
      } else if (n === '<') {
        out += '\\b(?=\\w)';
      } else if (n === '>') {
        out += '\\b(?<=\\w)';
      } else if (n === '`') {
        out += '^';
      } else if (n === "'") {
        out += '$';
      } else if (n === 'n') {
        emitAtom('\\n');
      } else if (n === 't') {
        emitAtom('\\t');
      } else {
        emitAtom(lit(n));
      }
      continue;
    }
    if (c === '[') {
      const cls = bracket(pattern, i);
      if ('error' in cls) return cls;
      emitAtom(cls.source);
      i = cls.end;
      continue;
    }
    if (c === '.') {
      emitAtom('.');
      continue;
    }
    if (c === '*') {
      if (atom < 0) emitAtom('\\*');
      else quantify('*');
      continue;
    }
    if (c === '^') {
      if (extended || atStart) {
        out += '^';
        atom = -1;
      } else emitAtom('\\^');
      continue;
    }
    if (c === '$') {
      const rest = pattern.slice(i + 1);
      if (extended || rest === '' || rest.startsWith('\\)') || rest.startsWith('\\|')) {
        out += '$';
        atom = -1;
        atStart = false;
      } else emitAtom('\\$');
      continue;
    }
    if (extended) {
      if (c === '(') {
        open.push({ group: ++groups, at: out.length });
        out += '(';
        atom = -1;
        atStart = true;
        continue;
      }
      if (c === ')') {
        const g = open.pop();
        if (g === undefined) {
          emitAtom('\\)');
          continue;
        }
        closed.add(g.group);
        out += ')';
        atom = g.at;
        quantified = false;
        atStart = false;
        continue;
      }
      if (c === '|') {
        out += '|';
        atom = -1;
        atStart = true;
        continue;
      }
      if (c === '+' || c === '?') {
        if (atom < 0) emitAtom(lit(c));
        else quantify(c);
        continue;
      }
      if (c === '{') {
        const close = pattern.indexOf('}', i + 1);
        const q = close === -1 ? null : interval(pattern.slice(i + 1, close));
        if (q === null || atom < 0) {
          emitAtom('\\{');
          continue;
        }
        quantify(q);
        i = close;
        continue;
      }
    }
    emitAtom(lit(c));
  }
  if (open.length > 0) return { error: 'Unmatched ( or \\(' };
  return { source: out, groups };
}

function bracket(pattern: string, start: number): { source: string; end: number } | { error: string } {
  let i = start + 1;
  let negate = false;
  if (pattern[i] === '^') {
    negate = true;
    i++;
  }
  let body = '';
  let first = true;
  for (; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === ']' && !first) {
      return { source: `[${negate ? '^' : ''}${body}]`, end: i };
    }
    first = false;
    if (c === '[' && (pattern[i + 1] === ':' || pattern[i + 1] === '.' || pattern[i + 1] === '=')) {
      const kind = pattern[i + 1];
      const close = pattern.indexOf(`${kind}]`, i + 2);
      if (close === -1) return { error: 'Unmatched [, [^, [:, [., or [=' };
      const name = pattern.slice(i + 2, close);
      if (kind === ':') {
        if (!(name in CLASSES)) return { error: 'Invalid character class name' };
        body += CLASSES[name];
      } else {
        body += [...name].map(classLit).join('');
      }
      i = close + 1;
      continue;
    }
    if (c === '-' && body !== '' && pattern[i + 1] !== ']' && i + 1 < pattern.length) {
      body += '-';
      continue;
    }
    body += classLit(c);
  }
  return { error: 'Unmatched [, [^, [:, [., or [=' };
}

/** Compiles, turning JavaScript's complaints (e.g. a reversed range) into GNU-ish messages. */
export function compileRegex(source: string, flags: string): RegExp | { error: string } {
  try {
    return new RegExp(source, flags);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (/range out of order/i.test(message)) return { error: 'Invalid range end' };
    return { error: 'Invalid regular expression' };
  }
}
