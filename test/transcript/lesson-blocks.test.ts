import { describe, expect, it } from 'vitest';
import { outputMatches, parseLesson } from './lesson-blocks.ts';

const source = [
  '---',
  'title: T',
  'scenario: kubenet-basic',
  '---',
  'Text.',
  '',
  '```sh run',
  'echo one',
  'echo two',
  '```',
  '',
  '```output',
  'one',
  'two',
  '```',
  '',
  '```sh',
  'not runnable',
  '```',
  '',
  '````sh run exit=127',
  'nosuch',
  '````',
].join('\n');

describe('parseLesson', () => {
  const lesson = parseLesson(source);
  it('reads the frontmatter', () => {
    expect(lesson.frontmatter).toEqual({ title: 'T', scenario: 'kubenet-basic' });
  });
  it('keeps only runnable blocks, with their output and exit code', () => {
    expect(lesson.blocks).toEqual([
      { line: 7, commands: ['echo one', 'echo two'], expected: 'one\ntwo', exit: 0 },
      { line: 21, commands: ['nosuch'], exit: 127 },
    ]);
  });
});

describe('outputMatches', () => {
  it('ignores trailing spaces and blank lines', () => {
    expect(outputMatches('a\nb', 'a  \nb\n\n')).toBe(true);
  });
  it('lets ... stand for any lines', () => {
    expect(outputMatches('a\n...\nz', 'a\nb\nc\nz\n')).toBe(true);
    expect(outputMatches('a\n...\nz', 'a\nz\n')).toBe(true);
    expect(outputMatches('a\n...\nz', 'a\nb\n')).toBe(false);
  });
  it('rejects different text', () => {
    expect(outputMatches('6', '7\n')).toBe(false);
  });
});
