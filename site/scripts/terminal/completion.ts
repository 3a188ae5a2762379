// Tab completion decisions, kept pure: what to insert for a set of candidates, and how to
// lay several candidates out in columns the way bash lists them.

export function longestCommonPrefix(words: readonly string[]): string {
  if (words.length === 0) return '';
  let prefix = words[0]!;
  for (const word of words) {
    let i = 0;
    while (i < prefix.length && i < word.length && prefix[i] === word[i]) i++;
    prefix = prefix.slice(0, i);
  }
  return prefix;
}

export type CompletionStep =
  /** Replace the word being completed with `text`. */
  | { kind: 'insert'; text: string }
  /** Several candidates and nothing more to insert: list them (on a second Tab). */
  | { kind: 'ambiguous'; candidates: string[] }
  | { kind: 'none' };

/**
 * What one Tab does. `word` is the text the candidates would replace. A single candidate
 * is inserted with a trailing space, except directories (`/`) so the path can go on.
 * Several candidates insert their common prefix when it adds something.
 */
export function completionStep(word: string, candidates: readonly string[]): CompletionStep {
  const unique = [...new Set(candidates)];
  if (unique.length === 0) return { kind: 'none' };
  if (unique.length === 1) {
    const only = unique[0]!;
    return { kind: 'insert', text: only.endsWith('/') ? only : `${only} ` };
  }
  const prefix = longestCommonPrefix(unique);
  if (prefix.length > word.length) return { kind: 'insert', text: prefix };
  return { kind: 'ambiguous', candidates: unique };
}

/** Lays words out column by column (like `ls`), two spaces apart, within `cols` columns. */
export function formatColumns(words: readonly string[], cols: number): string[] {
  if (words.length === 0) return [];
  const sorted = [...words].sort();
  const width = Math.max(...sorted.map((w) => w.length)) + 2;
  const perRow = Math.max(1, Math.floor((cols + 2) / width));
  const rows = Math.ceil(sorted.length / perRow);
  const lines: string[] = [];
  for (let r = 0; r < rows; r++) {
    let line = '';
    for (let c = 0; c < perRow; c++) {
      const word = sorted[c * rows + r];
      if (word === undefined) continue;
      line += word.padEnd(width);
    }
    lines.push(line.trimEnd());
  }
  return lines;
}
