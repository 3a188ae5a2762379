import { describe, expect, it } from 'vitest';
import { completionStep, formatColumns, longestCommonPrefix } from '../../../site/scripts/terminal/completion.ts';

describe('completion', () => {
  it('finds the longest common prefix', () => {
    expect(longestCommonPrefix(['kubectl', 'kubelet', 'kube-proxy'])).toBe('kube');
    expect(longestCommonPrefix([])).toBe('');
  });

  it('inserts a single candidate with a space, a directory without', () => {
    expect(completionStep('ku', ['kubectl'])).toEqual({ kind: 'insert', text: 'kubectl ' });
    expect(completionStep('et', ['etc/'])).toEqual({ kind: 'insert', text: 'etc/' });
  });

  it('inserts the common prefix of several, or reports them as ambiguous', () => {
    expect(completionStep('k', ['kubectl', 'kubelet'])).toEqual({ kind: 'insert', text: 'kube' });
    expect(completionStep('kube', ['kubectl', 'kubelet'])).toEqual({ kind: 'ambiguous', candidates: ['kubectl', 'kubelet'] });
    expect(completionStep('x', [])).toEqual({ kind: 'none' });
  });

  it('lays candidates out in columns, top to bottom', () => {
    expect(formatColumns(['a', 'bb', 'c', 'dd', 'e'], 12)).toEqual(['a   c   e', 'bb  dd']);
    expect(formatColumns(['one'], 2)).toEqual(['one']);
  });
});
