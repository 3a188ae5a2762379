// Pathname patterns (`*`, `?`, `[...]`) for filename expansion and `${x#pattern}`. Patterns
// carry quoting as backslash escapes: `\*` is a literal star.
import type { MemFS } from './memfs.ts';
import { compareText } from './registry.ts';

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
  word: 'A-Za-z0-9_',
  cntrl: '\\x00-\\x1f\\x7f',
  print: ' -~',
  graph: '!-~',
};

/** True when the pattern has an unescaped `*`, `?` or `[`. */
export function hasGlob(pattern: string): boolean {
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '\\') i++;
    else if (c === '*' || c === '?' || c === '[') return true;
  }
  return false;
}

/** Backslash-escapes every character that would be special in a pattern. */
export function escapeGlob(text: string): string {
  return text.replace(/[\\*?[\]]/g, '\\$&');
}

/** Removes pattern escapes: the literal text a pattern without wildcards stands for. */
export function unescapeGlob(pattern: string): string {
  return pattern.replace(/\\(.)/gs, '$1');
}

function escapeRegex(c: string): string {
  return /[\\^$.*+?()[\]{}|/-]/.test(c) ? `\\${c}` : c;
}

/** Regex source for a pattern; `lazy` makes `*` match as little as possible. */
export function globToRegexSource(pattern: string, lazy = false): string {
  let out = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '\\') {
      if (i + 1 < pattern.length) out += escapeRegex(pattern[++i]);
      else out += '\\\\';
    } else if (c === '*') {
      out += lazy ? '[\\s\\S]*?' : '[\\s\\S]*';
    } else if (c === '?') {
      out += '[\\s\\S]';
    } else if (c === '[') {
      const cls = bracket(pattern, i);
      if (cls) {
        out += cls.source;
        i = cls.end;
      } else out += '\\[';
    } else {
      out += escapeRegex(c);
    }
  }
  return out;
}

/** `[...]` starting at `start`: its regex class and the index of its `]`, or null if unclosed. */
function bracket(pattern: string, start: number): { source: string; end: number } | null {
  let i = start + 1;
  let negate = false;
  if (pattern[i] === '!' || pattern[i] === '^') {
    negate = true;
    i++;
  }
  let body = '';
  let first = true;
  for (; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === ']' && !first) return { source: `[${negate ? '^' : ''}${body}]`, end: i };
    first = false;
    if (c === '[' && pattern[i + 1] === ':') {
      const close = pattern.indexOf(':]', i + 2);
      const name = close === -1 ? '' : pattern.slice(i + 2, close);
      if (name in CLASSES) {
        body += CLASSES[name];
        i = close + 1;
        continue;
      }
    }
    if (c === '\\' && i + 1 < pattern.length) {
      body += escapeRegex(pattern[++i]);
    } else if (c === '-' && body !== '' && pattern[i + 1] !== ']' && i + 1 < pattern.length) {
      body += '-';
    } else {
      body += escapeRegex(c);
    }
  }
  return null;
}

/** Whole-string matcher for a pattern. */
export function globMatcher(pattern: string): RegExp {
  try {
    return new RegExp(`^(?:${globToRegexSource(pattern)})$`);
  } catch {
    return new RegExp(`^${escapeRegex(unescapeGlob(pattern)).replace(/[\\^$.*+?()[\]{}|]/g, '\\$&')}$`);
  }
}

/**
 * Pathnames in `fs` matching `pattern` (relative to `cwd` unless absolute), sorted, shown the
 * way the pattern was written (`dir/*.txt` → `dir/a.txt`). No match → empty list.
 */
export function expandPathname(fs: MemFS, cwd: string, pattern: string): string[] {
  const absolute = pattern.startsWith('/');
  const segments = pattern.split('/');
  // Each candidate: [path as displayed, absolute path]
  let candidates: [string, string][] = [[absolute ? '/' : '', absolute ? '/' : cwd]];
  const start = absolute ? 1 : 0;
  for (let s = start; s < segments.length; s++) {
    const segment = segments[s];
    const last = s === segments.length - 1;
    const next: [string, string][] = [];
    if (segment === '') {
      // `dir/` or `a//b`: keep only directories
      for (const [shown, abs] of candidates) {
        if (fs.isDir(abs)) next.push([last ? `${shown}` : shown, abs]);
      }
      candidates = next;
      continue;
    }
    const join = (shown: string, name: string): string =>
      shown === '' ? name : shown.endsWith('/') ? shown + name : `${shown}/${name}`;
    if (!hasGlob(segment)) {
      const name = unescapeGlob(segment);
      for (const [shown, abs] of candidates) {
        const path = fs.resolve(abs, name);
        if (last ? fs.exists(path) : fs.isDir(path)) next.push([join(shown, name), path]);
      }
    } else {
      const matcher = globMatcher(segment);
      const dotOk = segment.startsWith('.') || segment.startsWith('\\.');
      for (const [shown, abs] of candidates) {
        if (!fs.isDir(abs)) continue;
        // bash 5.2 (globskipdots): `.*` never yields `.` or `..`
        const names = fs.list(abs);
        for (const name of names) {
          if (!dotOk && name.startsWith('.')) continue;
          if (!matcher.test(name)) continue;
          const path = fs.resolve(abs, name);
          if (last || fs.isDir(path)) next.push([join(shown, name), path]);
        }
      }
    }
    candidates = next;
    if (candidates.length === 0) return [];
  }
  const trailingSlash = pattern.endsWith('/') && pattern.length > 1;
  return candidates.map(([shown]) => (trailingSlash && !shown.endsWith('/') ? `${shown}/` : shown)).sort(compareText);
}
