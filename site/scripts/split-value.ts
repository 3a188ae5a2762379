// The lesson split position: percent of the width given to the lesson text. Pure, so the
// keyboard behaviour of the separator is unit-tested.
export const SPLIT_KEY = 'aks-lab:split';
export const SPLIT_MIN = 25;
export const SPLIT_MAX = 75;
export const SPLIT_DEFAULT = 55;

export const clampSplit = (value: number): number =>
  Math.round(Math.min(SPLIT_MAX, Math.max(SPLIT_MIN, Number.isFinite(value) ? value : SPLIT_DEFAULT)));

/** The new position for a key on the separator, or undefined when the key does nothing. */
export function splitForKey(value: number, key: string, big = false): number | undefined {
  const step = big ? 10 : 2;
  switch (key) {
    case 'ArrowLeft':
    case 'ArrowUp':
      return clampSplit(value - step);
    case 'ArrowRight':
    case 'ArrowDown':
      return clampSplit(value + step);
    case 'PageUp':
      return clampSplit(value - 10);
    case 'PageDown':
      return clampSplit(value + 10);
    case 'Home':
      return SPLIT_MIN;
    case 'End':
      return SPLIT_MAX;
    default:
      return undefined;
  }
}
