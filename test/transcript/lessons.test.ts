// Every runnable block in every lesson runs against the lesson's scenario, in order, in one
// sandbox (as a learner following along would). Stated output and exit codes must match.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createSandbox } from '../../sandbox/sandbox.ts';
import { transcriptOf } from '../../sandbox/transcript.ts';
import { outputMatches, parseLesson } from './lesson-blocks.ts';

const LESSONS = join(import.meta.dirname, '../../content/lessons');

function lessonFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return lessonFiles(path);
    return /\.mdx?$/.test(entry.name) ? [path] : [];
  });
}

const files = lessonFiles(LESSONS);

describe('lesson transcripts', () => {
  it('finds lessons with runnable blocks', () => {
    const total = files.reduce((n, f) => n + parseLesson(readFileSync(f, 'utf8')).blocks.length, 0);
    expect(total).toBeGreaterThan(0);
  });

  for (const file of files) {
    const name = relative(LESSONS, file);
    const lesson = parseLesson(readFileSync(file, 'utf8'));
    if (lesson.blocks.length === 0) continue;
    it(`${name} runs as written`, () => {
      const scenario = lesson.frontmatter.scenario as string | undefined;
      const sandbox = createSandbox({ scenario });
      for (const block of lesson.blocks) {
        const steps = [...transcriptOf(sandbox, block.commands)];
        const where = `${name}:${block.line}`;
        steps.forEach((step, k) => {
          const want = k === steps.length - 1 ? block.exit : 0;
          expect(step.result.exitCode, `${where} \`${step.command}\` exit code\n${step.display}`).toBe(want);
        });
        if (block.expected !== undefined) {
          const actual = steps.map((s) => s.result.stdout + s.result.stderr).join('');
          if (!outputMatches(block.expected, actual)) {
            // toEqual gives a readable diff of expected vs actual.
            expect(actual.trimEnd(), `${where} output differs`).toEqual(block.expected.trimEnd());
          }
        }
      }
    });
  }
});
