// Deterministic "random" values derived from names, so the same scenario always yields the same
// ids, suffixes and GUIDs, and adding one object never shifts the ids of the others.

/** 32-bit FNV-1a of a string. */
export function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** A small seeded generator (mulberry32) for when one key needs many values. */
export function generator(seed: string): () => number {
  let state = fnv1a(seed);
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function fromAlphabet(seed: string, alphabet: string, length: number): string {
  const next = generator(seed);
  let out = '';
  for (let i = 0; i < length; i++) out += alphabet[Math.floor(next() * alphabet.length)];
  return out;
}

/** Lower-case hex of the given length. */
export function hexOf(seed: string, length: number): string {
  return fromAlphabet(seed, '0123456789abcdef', length);
}

export function digitsOf(seed: string, length: number): string {
  return fromAlphabet(seed, '0123456789', length);
}

/** Kubernetes' safe alphabet for generated names (no vowels, no look-alikes). */
export function k8sSuffix(seed: string, length: number): string {
  return fromAlphabet(seed, 'bcdfghjklmnpqrstvwxz2456789', length);
}

/** A version-4-shaped GUID. */
export function guidOf(seed: string): string {
  const h = hexOf(seed, 32);
  const variant = '89ab'[parseInt(h[16]!, 16) % 4];
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}
