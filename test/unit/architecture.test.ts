// Dependencies point one way: site → sandbox only through the worker client (and its types);
// sandbox never imports site or content, and its engine code uses neither DOM nor Node APIs.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');

function sourceFiles(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.(ts|mjs|js|astro|mdx)$/.test(entry.name) ? [path] : [];
  });
}

interface Import {
  file: string;
  target: string;
  typeOnly: boolean;
}

const IMPORT = /^\s*(import|export)\s+(type\s+)?[^'"]*?from\s+['"]([^'"]+)['"]|^\s*import\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|new URL\(\s*['"]([^'"]+)['"]/gm;

function importsOf(file: string): Import[] {
  const text = readFileSync(join(ROOT, file), 'utf8');
  const found: Import[] = [];
  for (const m of text.matchAll(IMPORT)) {
    const spec = m[3] ?? m[4] ?? m[5] ?? m[6]!;
    if (!spec.startsWith('.')) continue;
    found.push({ file, target: relative(ROOT, resolve(ROOT, dirname(file), spec)), typeOnly: Boolean(m[2]) });
  }
  return found;
}

const SITE_MAY_IMPORT = new Set(['sandbox/worker/client.ts']);
const SITE_MAY_IMPORT_TYPES = new Set(['sandbox/api.ts', 'sandbox/worker/protocol.ts']);

describe('architecture', () => {
  it('site reaches the sandbox only through the worker client', () => {
    const offending = sourceFiles('site')
      .flatMap(importsOf)
      .filter((i) => i.target.startsWith('sandbox/'))
      .filter((i) => !SITE_MAY_IMPORT.has(i.target) && !(i.typeOnly && SITE_MAY_IMPORT_TYPES.has(i.target)))
      .map((i) => `${i.file} → ${i.target}`);
    expect(offending).toEqual([]);
  });

  it('sandbox never imports site or content', () => {
    const offending = sourceFiles('sandbox')
      .flatMap(importsOf)
      .filter((i) => i.target.startsWith('site/') || i.target.startsWith('content/'))
      .map((i) => `${i.file} → ${i.target}`);
    expect(offending).toEqual([]);
  });

  it('engine code uses no Node built-ins (it must run in a Worker)', () => {
    const offending = sourceFiles('sandbox')
      .filter((f) => !f.startsWith('sandbox/headless/'))
      .filter((f) => /from\s+['"]node:|require\(/.test(readFileSync(join(ROOT, f), 'utf8')));
    expect(offending).toEqual([]);
  });

  it('content holds no logic: lessons import only site components and export nothing', () => {
    const lessons = sourceFiles('content').filter((f) => f.endsWith('.mdx'));
    const offending = lessons.flatMap((f) => {
      const prose = readFileSync(join(ROOT, f), 'utf8').replace(/(`{3,}|~{3,})[\s\S]*?\1/g, '');
      const problems = importsOf(f)
        .filter((i) => !i.target.startsWith('site/components/'))
        .map((i) => `${f} imports ${i.target}`);
      if (/^export\s/m.test(prose)) problems.push(`${f} exports code`);
      return problems;
    });
    expect(offending).toEqual([]);
  });
});
