import { describe, expect, it } from 'vitest';
import { clampSplit, SPLIT_MAX, SPLIT_MIN, splitForKey } from '../../../site/scripts/split-value.ts';

describe('split separator keys', () => {
  it('moves by 2 with arrows, 10 with Shift or Page keys, within bounds', () => {
    expect(splitForKey(55, 'ArrowLeft')).toBe(53);
    expect(splitForKey(55, 'ArrowRight')).toBe(57);
    expect(splitForKey(55, 'ArrowRight', true)).toBe(65);
    expect(splitForKey(55, 'PageUp')).toBe(45);
    expect(splitForKey(SPLIT_MIN, 'ArrowLeft')).toBe(SPLIT_MIN);
    expect(splitForKey(74, 'ArrowRight', true)).toBe(SPLIT_MAX);
  });

  it('jumps to the ends with Home/End and ignores other keys', () => {
    expect(splitForKey(55, 'Home')).toBe(SPLIT_MIN);
    expect(splitForKey(55, 'End')).toBe(SPLIT_MAX);
    expect(splitForKey(55, 'a')).toBeUndefined();
  });

  it('clamps and rounds stored values', () => {
    expect(clampSplit(12)).toBe(SPLIT_MIN);
    expect(clampSplit(50.6)).toBe(51);
    expect(clampSplit(Number.NaN)).toBe(55);
  });
});
