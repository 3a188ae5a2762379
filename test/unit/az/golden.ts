// Golden files for az output: compared exactly; `UPDATE_GOLDEN=1` rewrites them.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { expect } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../../golden/az');

export function expectGolden(name: string, actual: string): void {
  const path = join(ROOT, `${name}.txt`);
  if (process.env.UPDATE_GOLDEN === '1' || !existsSync(path)) {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, actual);
    if (process.env.UPDATE_GOLDEN !== '1' && process.env.CI) throw new Error(`missing golden file ${path}`);
    return;
  }
  expect(actual).toBe(readFileSync(path, 'utf8'));
}
