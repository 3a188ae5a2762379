// Python's textwrap.TextWrapper.fill as knack's help uses it (width 100, replace_whitespace
// off, words split after hyphens between letters, over-long words broken).

const HYPHENATED = /^[^\s\w]*\w+[^0-9\W]-(?=\w+[^0-9\W])/u;

function chunks(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(/\s+|\S+/g)) {
    let word = m[0];
    if (/^\s/.test(word)) {
      out.push(word);
      continue;
    }
    for (let hyphen = HYPHENATED.exec(word); hyphen; hyphen = HYPHENATED.exec(word)) {
      out.push(hyphen[0]);
      word = word.slice(hyphen[0].length);
    }
    if (word) out.push(word);
  }
  return out;
}

export function fill(text: string, width: number, initialIndent = '', subsequentIndent = ''): string {
  const pieces = chunks(text.replace(/\t/g, '        '));
  const lines: string[] = [];
  let first = true;
  while (pieces.length > 0) {
    const indent = first ? initialIndent : subsequentIndent;
    const room = width - indent.length;
    const line: string[] = [];
    let used = 0;
    // Drop leading whitespace on every line but the first.
    if (!first && pieces[0]!.trim() === '' && lines.length > 0) pieces.shift();
    while (pieces.length > 0) {
      const piece = pieces[0]!;
      if (used + piece.length <= room) {
        line.push(piece);
        used += piece.length;
        pieces.shift();
      } else break;
    }
    if (pieces.length > 0 && pieces[0]!.length > room) {
      // A word longer than a whole line is broken.
      const space = Math.max(room - used, 1);
      if (used === 0 || room - used > 0) {
        line.push(pieces[0]!.slice(0, space));
        pieces[0] = pieces[0]!.slice(space);
      }
    }
    while (line.length > 0 && line[line.length - 1]!.trim() === '') line.pop();
    if (line.length > 0) lines.push(indent + line.join(''));
    first = false;
    if (line.length === 0 && pieces.length > 0 && pieces[0]!.trim() === '') pieces.shift();
  }
  return lines.join('\n');
}
