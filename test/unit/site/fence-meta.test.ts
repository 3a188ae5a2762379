import { describe, expect, it } from 'vitest';
import { fenceMetaTokens, isRunnableMeta, runButtonLabel } from '../../../site/lib/fence-meta.ts';

describe('fence meta', () => {
  it('finds the run flag as a whole word', () => {
    expect(isRunnableMeta('run')).toBe(true);
    expect(isRunnableMeta('run exit=1')).toBe(true);
    expect(isRunnableMeta('title="how to run it"')).toBe(false);
    expect(isRunnableMeta('runner')).toBe(false);
    expect(isRunnableMeta(undefined)).toBe(false);
  });

  it('keeps quoted values in one token', () => {
    expect(fenceMetaTokens('run expect="a b" x')).toEqual(['run', 'expect="a b"', 'x']);
  });

  it('labels Run buttons with the command', () => {
    expect(runButtonLabel('echo hello | wc -c')).toBe('Run in terminal: echo hello | wc -c');
    expect(runButtonLabel('a\nb\nc\n')).toBe('Run in terminal: a (and 2 more lines)');
  });
});
