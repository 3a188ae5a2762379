import { describe, expect, it } from 'vitest';
import { formatMinutes, groupByPart, neighbours, sortLessons } from '../../../site/lib/outline.ts';

const lesson = (id: string, part: number, order: number, minutes = 10) => ({
  id,
  data: { part, partTitle: `Part title ${part}`, order, minutes, title: id },
});

const lessons = [lesson('b', 1, 2), lesson('a', 1, 1), lesson('intro', 0, 1, 8), lesson('c', 3, 1, 60)];

describe('outline', () => {
  it('sorts by part then order', () => {
    expect(sortLessons(lessons).map((l) => l.id)).toEqual(['intro', 'a', 'b', 'c']);
  });

  it('groups into the parts that have lessons, with total minutes', () => {
    const parts = groupByPart(lessons);
    expect(parts.map((p) => [p.number, p.title, p.lessons.map((l) => l.id), p.minutes])).toEqual([
      [0, 'Part title 0', ['intro'], 8],
      [1, 'Part title 1', ['a', 'b'], 20],
      [3, 'Part title 3', ['c'], 60],
    ]);
  });

  it('finds previous and next lessons across parts', () => {
    expect(neighbours(lessons, 'intro')).toEqual({ prev: undefined, next: lessons[1] });
    expect(neighbours(lessons, 'b').next?.id).toBe('c');
    expect(neighbours(lessons, 'missing')).toEqual({});
  });

  it('formats durations', () => {
    expect(formatMinutes(8)).toBe('8 min');
    expect(formatMinutes(60)).toBe('1 h');
    expect(formatMinutes(135)).toBe('2 h 15 min');
  });
});
