// encoding/base64 StdEncoding.DecodeString as kubectl's base64decode uses it: padding required,
// errors name the first bad byte (`illegal base64 data at input byte 4`).
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

function utf8Decode(bytes: number[]): string {
  let out = '';
  for (let i = 0; i < bytes.length; ) {
    const b = bytes[i]!;
    const need = b < 0x80 ? 0 : b >= 0xf0 && b < 0xf8 ? 3 : b >= 0xe0 ? 2 : b >= 0xc0 ? 1 : -1;
    let cp = need === 0 ? b : need === 1 ? b & 0x1f : need === 2 ? b & 0x0f : b & 0x07;
    let ok = need >= 0 && i + need < bytes.length + (need === 0 ? 1 : 0);
    for (let k = 1; ok && k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) ok = false;
      else cp = (cp << 6) | (c & 0x3f);
    }
    if (!ok) {
      out += '\uFFFD';
      i++;
      continue;
    }
    out += String.fromCodePoint(cp);
    i += need + 1;
  }
  return out;
}

export function base64Decode(text: string): string | { error: string } {
  // Go skips \r and \n anywhere in the input.
  const clean: { c: string; at: number }[] = [];
  [...text].forEach((c, at) => {
    if (c !== '\r' && c !== '\n') clean.push({ c, at });
  });
  const bytes: number[] = [];
  for (let i = 0; i < clean.length; i += 4) {
    const quad = clean.slice(i, i + 4);
    const vals: number[] = [];
    for (let k = 0; k < quad.length; k++) {
      const { c, at } = quad[k]!;
      if (c === '=') {
        // Padding: only in the last quad, after at least two symbols, to its end.
        const rest = quad.slice(k);
        if (k < 2 || i + 4 < clean.length || rest.length !== 4 - k || rest.some((r) => r.c !== '=')) return { error: `illegal base64 data at input byte ${at}` };
        break;
      }
      const v = ALPHABET.indexOf(c);
      if (v < 0) return { error: `illegal base64 data at input byte ${at}` };
      vals.push(v);
    }
    if (quad.length < 4 && !quad.some((q) => q.c === '=')) return { error: `illegal base64 data at input byte ${text.length}` };
    const n = (vals[0]! << 18) | ((vals[1] ?? 0) << 12) | ((vals[2] ?? 0) << 6) | (vals[3] ?? 0);
    bytes.push((n >> 16) & 255);
    if (vals.length > 2) bytes.push((n >> 8) & 255);
    if (vals.length > 3) bytes.push(n & 255);
  }
  return utf8Decode(bytes);
}
