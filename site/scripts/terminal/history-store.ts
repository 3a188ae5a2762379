// Command history per lesson, kept in localStorage so it survives reloads.
// Storage is passed in (and may be missing: private modes can throw) so tests use a fake.
import type { StorageLike } from '../storage.ts';
import { HISTORY_LIMIT } from './line-editor.ts';

export const historyKey = (lessonId: string): string => `aks-lab:history:${lessonId}`;

export function loadHistory(storage: StorageLike | undefined, lessonId: string): string[] {
  try {
    const parsed: unknown = JSON.parse(storage?.getItem(historyKey(lessonId)) ?? '[]');
    if (!Array.isArray(parsed)) return [];
    return parsed.filter((line): line is string => typeof line === 'string').slice(-HISTORY_LIMIT);
  } catch {
    return [];
  }
}

export function saveHistory(storage: StorageLike | undefined, lessonId: string, lines: readonly string[]): void {
  try {
    storage?.setItem(historyKey(lessonId), JSON.stringify(lines.slice(-HISTORY_LIMIT)));
  } catch {
    // Full or disabled storage: history simply does not persist.
  }
}
