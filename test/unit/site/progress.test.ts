import { describe, expect, it } from 'vitest';
import { PROGRESS_KEY, readProgress, setLessonDone } from '../../../site/scripts/progress.ts';

function memoryStorage(initial: Record<string, string> = {}) {
  const map = new Map(Object.entries(initial));
  return { getItem: (k: string) => map.get(k) ?? null, setItem: (k: string, v: string) => void map.set(k, v), map };
}

describe('progress', () => {
  it('marks and unmarks lessons under aks-lab:progress', () => {
    const storage = memoryStorage();
    setLessonDone('00-using-the-sandbox', true, storage);
    expect(JSON.parse(storage.map.get(PROGRESS_KEY)!)).toEqual({ '00-using-the-sandbox': true });
    expect(readProgress(storage)).toEqual({ '00-using-the-sandbox': true });
    setLessonDone('00-using-the-sandbox', false, storage);
    expect(readProgress(storage)).toEqual({});
  });

  it('ignores malformed data', () => {
    expect(readProgress(memoryStorage({ [PROGRESS_KEY]: '[1,2]' }))).toEqual({});
    expect(readProgress(memoryStorage({ [PROGRESS_KEY]: 'nope' }))).toEqual({});
    expect(readProgress(memoryStorage({ [PROGRESS_KEY]: '{"a":true,"b":"yes"}' }))).toEqual({ a: true });
  });
});
