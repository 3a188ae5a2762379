// C-style escapes ($'...', echo -e, printf) and quote removal for heredoc delimiters.

/** Decodes the C escape whose letter is at src[i] (just after a backslash). */
export function decodeCEscape(src: string, i: number): { text: string; end: number } {
  const n = src[i];
  const simple: Record<string, string> = {
    a: '\x07', b: '\b', e: '\x1b', E: '\x1b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v',
    '\\': '\\', "'": "'", '"': '"', '?': '?',
  };
  if (n in simple) return { text: simple[n], end: i + 1 };
  if (n >= '0' && n <= '7') {
    let j = i;
    while (j < i + 3 && src[j] >= '0' && src[j] <= '7') j++;
    return { text: String.fromCharCode(parseInt(src.slice(i, j), 8) & 0xff), end: j };
  }
  if (n === 'x' || n === 'u' || n === 'U') {
    const max = n === 'x' ? 2 : n === 'u' ? 4 : 8;
    let j = i + 1;
    while (j < i + 1 + max && /[0-9A-Fa-f]/.test(src[j] ?? '')) j++;
    if (j === i + 1) return { text: `\\${n}`, end: i + 1 };
    const code = parseInt(src.slice(i + 1, j), 16);
    return { text: code <= 0x10ffff ? String.fromCodePoint(code) : '', end: j };
  }
  if (n === 'c' && src[i + 1] !== undefined) {
    return { text: String.fromCharCode(src.charCodeAt(i + 1) & 0x1f), end: i + 2 };
  }
  return { text: `\\${n ?? ''}`, end: i + 1 };
}

/** Quote removal on raw word text (for heredoc delimiters). */
export function removeQuotes(raw: string): string {
  let out = '';
  let quote = '';
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i];
    if (quote) {
      if (c === quote) quote = '';
      else if (c === '\\' && quote === '"' && i + 1 < raw.length && '$`"\\'.includes(raw[i + 1])) out += raw[++i];
      else out += c;
    } else if (c === "'" || c === '"') {
      quote = c;
    } else if (c === '\\' && i + 1 < raw.length) {
      out += raw[++i];
    } else {
      out += c;
    }
  }
  return out;
}
