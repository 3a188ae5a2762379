// Longest-prefix-match lookup in O(number of distinct prefix lengths) (at most 33 probes),
// so a route table with 400 kubenet routes or 1,000 overlay node ranges answers as fast as
// one with three. Entries are bucketed by prefix length, each bucket a Map from network base.
import type { Cidr } from '../core/ip.ts';

function maskOf(prefix: number): number {
  return prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0;
}

export class PrefixTable<T> {
  private readonly buckets = new Map<number, Map<number, T>>();
  /** Prefix lengths present, longest first. */
  private lengths: number[] = [];

  /** Adds an entry; an existing entry for the same block is kept (first writer wins). */
  add(cidr: Cidr, value: T): void {
    let bucket = this.buckets.get(cidr.prefix);
    if (!bucket) {
      bucket = new Map();
      this.buckets.set(cidr.prefix, bucket);
      this.lengths = [...this.buckets.keys()].sort((a, b) => b - a);
    }
    if (!bucket.has(cidr.base)) bucket.set(cidr.base, value);
  }

  /** The entry of the longest block containing the address, if any. */
  lookup(ip: number): T | undefined {
    for (const prefix of this.lengths) {
      const hit = this.buckets.get(prefix)!.get((ip & maskOf(prefix)) >>> 0);
      if (hit !== undefined) return hit;
    }
    return undefined;
  }

  get size(): number {
    let n = 0;
    for (const bucket of this.buckets.values()) n += bucket.size;
    return n;
  }
}
