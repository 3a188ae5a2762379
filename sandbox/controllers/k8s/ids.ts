// Deterministic hex ids built as flat strings. Appending one character at a time (as
// core/hash.ts's hexOf does) leaves V8 a rope of cons-cells, about 1.5 KB for a 64-character
// container ID; on a cluster with thousands of pods those ropes dominate the heap and the
// garbage collector's work. One FNV-1a pass seeds the generator; each 32-bit word gives 8 digits.
import { generator } from '../../core/hash.ts';

const BYTE_HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

export function flatHex(seed: string, length: number): string {
  return hexFrom(generator(seed), length);
}

/** `length` hex digits from a generator; `mix` is XORed into every word. */
export function hexFrom(next: () => number, length: number, mix = 0): string {
  const words: string[] = [];
  for (let n = 0; n < length; n += 8) {
    const w = (Math.floor(next() * 4294967296) ^ mix) >>> 0;
    words.push(BYTE_HEX[w >>> 24]! + BYTE_HEX[(w >>> 16) & 255]! + BYTE_HEX[(w >>> 8) & 255]! + BYTE_HEX[w & 255]!);
  }
  const out = words.join('');
  return out.length === length ? out : out.slice(0, length);
}

/** A version-4-shaped GUID from a seed, or from 32 hex digits already drawn. */
export function flatGuid(seed: string, digits?: string): string {
  const h = digits ?? flatHex(seed, 32);
  return [h.slice(0, 8), h.slice(8, 12), `4${h.slice(13, 16)}`, `${'89ab'[parseInt(h[16]!, 16) % 4]}${h.slice(17, 20)}`, h.slice(20, 32)].join('-');
}
