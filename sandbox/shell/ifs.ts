// Field splitting by IFS, shared by word expansion and `read`. Blank IFS characters (space, tab,
// newline) collapse and are trimmed at the ends; each other IFS character ends a field, so two
// in a row make an empty field.

export const DEFAULT_IFS = ' \t\n';

export interface IfsPiece {
  text: string;
  /** The piece ends at a delimiter (true) or at the end of the text (false). */
  delimited: boolean;
  /** That delimiter held a non-blank IFS character (it ends a field even when the field is empty). */
  hard: boolean;
}

function escapeClass(chars: string[]): string {
  return chars.map((c) => (/[\\\]^-]/.test(c) ? `\\${c}` : c)).join('');
}

/** Splits text into pieces between IFS delimiters (leading blanks give an empty first piece). */
export function ifsPieces(text: string, ifs: string): IfsPiece[] {
  if (ifs === '') return [{ text, delimited: false, hard: false }];
  const chars = [...new Set(ifs)];
  const blanks: string[] = chars.filter((c) => c === ' ' || c === '\t' || c === '\n');
  const others = chars.filter((c) => !blanks.includes(c));
  const ws = blanks.length ? `[${escapeClass(blanks)}]*` : '';
  const alternatives: string[] = [];
  if (others.length) alternatives.push(`${ws}[${escapeClass(others)}]${ws}`);
  if (blanks.length) alternatives.push(`[${escapeClass(blanks)}]+`);
  const delimiter = new RegExp(alternatives.join('|'), 'g');
  const pieces: IfsPiece[] = [];
  let last = 0;
  for (let m = delimiter.exec(text); m !== null; m = delimiter.exec(text)) {
    if (m[0] === '') {
      delimiter.lastIndex++;
      continue;
    }
    pieces.push({ text: text.slice(last, m.index), delimited: true, hard: others.some((c) => m![0].includes(c)) });
    last = m.index + m[0].length;
  }
  pieces.push({ text: text.slice(last), delimited: false, hard: false });
  return pieces;
}

/**
 * `read`'s split: at most `count` fields, the last one taking the rest of the line (with its
 * delimiters) minus trailing IFS blanks.
 */
export function splitForRead(line: string, ifs: string, count: number): string[] {
  const blanks: string[] = [...ifs].filter((c) => c === ' ' || c === '\t' || c === '\n');
  const trimBlanks = (s: string, start: boolean): string => {
    let a = 0;
    let b = s.length;
    if (start) while (a < b && blanks.includes(s[a])) a++;
    else while (b > a && blanks.includes(s[b - 1])) b--;
    return s.slice(a, b);
  };
  let rest = trimBlanks(line, true);
  const fields: string[] = [];
  while (fields.length < count - 1 && rest !== '') {
    const first = ifsPieces(rest, ifs)[0];
    fields.push(first.text);
    rest = first.delimited ? restAfterFirstDelimiter(rest, ifs, first.text.length) : '';
  }
  fields.push(trimBlanks(rest, false));
  while (fields.length < count) fields.push('');
  return fields.slice(0, count);
}

/** The text after the first field and the delimiter that follows it. */
function restAfterFirstDelimiter(text: string, ifs: string, fieldLength: number): string {
  const chars = [...new Set(ifs)];
  const blanks: string[] = chars.filter((c) => c === ' ' || c === '\t' || c === '\n');
  let i = fieldLength;
  while (i < text.length && blanks.includes(text[i])) i++;
  if (i < text.length && chars.includes(text[i]) && !blanks.includes(text[i])) {
    i++;
    while (i < text.length && blanks.includes(text[i])) i++;
  }
  return text.slice(i);
}
