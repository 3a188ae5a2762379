import { describe, expect, it } from 'vitest';
import { historyKey, loadHistory, saveHistory } from '../../../site/scripts/terminal/history-store.ts';

function memoryStorage() {
  const map = new Map<string, string>();
  return { getItem: (k: string) => map.get(k) ?? null, setItem: (k: string, v: string) => void map.set(k, v), map };
}

describe('history store', () => {
  it('round-trips per lesson under aks-lab:history:<id>', () => {
    const storage = memoryStorage();
    saveHistory(storage, 'lesson-a', ['one', 'two']);
    expect(storage.map.has('aks-lab:history:lesson-a')).toBe(true);
    expect(historyKey('x')).toBe('aks-lab:history:x');
    expect(loadHistory(storage, 'lesson-a')).toEqual(['one', 'two']);
    expect(loadHistory(storage, 'lesson-b')).toEqual([]);
  });

  it('caps at 500 entries and survives bad data or no storage', () => {
    const storage = memoryStorage();
    saveHistory(storage, 'l', Array.from({ length: 600 }, (_, i) => String(i)));
    const loaded = loadHistory(storage, 'l');
    expect(loaded).toHaveLength(500);
    expect(loaded[0]).toBe('100');
    storage.setItem('aks-lab:history:bad', '{not json');
    expect(loadHistory(storage, 'bad')).toEqual([]);
    storage.setItem('aks-lab:history:mixed', '["a", 3, null, "b"]');
    expect(loadHistory(storage, 'mixed')).toEqual(['a', 'b']);
    expect(loadHistory(undefined, 'l')).toEqual([]);
  });
});
