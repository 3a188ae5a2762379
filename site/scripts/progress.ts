// Lesson progress: localStorage key aks-lab:progress holds a JSON map lessonId → true.
// Storage may be missing or full; progress then simply is not remembered.
import type { StorageLike } from './storage.ts';

export const PROGRESS_KEY = 'aks-lab:progress';

function defaultStorage(): StorageLike | undefined {
  try {
    return globalThis.localStorage;
  } catch {
    return undefined;
  }
}

export function readProgress(storage = defaultStorage()): Record<string, true> {
  try {
    const parsed: unknown = JSON.parse(storage?.getItem(PROGRESS_KEY) ?? '{}');
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return {};
    return Object.fromEntries(Object.entries(parsed).filter(([, v]) => v === true)) as Record<string, true>;
  } catch {
    return {};
  }
}

export function setLessonDone(id: string, done: boolean, storage = defaultStorage()): void {
  const progress: Record<string, true> = readProgress(storage);
  if (done) progress[id] = true;
  else delete progress[id];
  try {
    storage?.setItem(PROGRESS_KEY, JSON.stringify(progress));
  } catch {
    // Not remembered; nothing else to do.
  }
}
