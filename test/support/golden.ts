// Golden files under test/golden/<area>/: compared byte for byte, rewritten only when the run
// sets UPDATE_GOLDEN=1 (review the diff before committing).
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { expect } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../golden');

/** A checker bound to one area's folder: `const expectGolden = goldenIn('kube-proxy')`. */
export function goldenIn(area: string): (name: string, actual: string) => void {
  return (name, actual) => {
    const path = resolve(ROOT, area, name);
    if (process.env.UPDATE_GOLDEN === '1') {
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, actual);
      return;
    }
    if (!existsSync(path)) throw new Error(`missing golden file ${area}/${name}; run with UPDATE_GOLDEN=1 to create it`);
    expect(actual).toBe(readFileSync(path, 'utf8'));
  };
}
