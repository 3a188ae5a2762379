// The course outline as data: lessons sorted by part then order, grouped into parts,
// with neighbours for previous/next links. Pure, so it is unit-tested without Astro.

export interface LessonLike {
  id: string;
  data: { part: number; partTitle: string; order: number; minutes: number; title: string };
}

export interface Part<L extends LessonLike> {
  number: number;
  title: string;
  lessons: L[];
  minutes: number;
}

export function sortLessons<L extends LessonLike>(lessons: readonly L[]): L[] {
  return [...lessons].sort((a, b) => a.data.part - b.data.part || a.data.order - b.data.order || a.id.localeCompare(b.id));
}

/** Parts in order, each with its lessons; only parts that have lessons appear. */
export function groupByPart<L extends LessonLike>(lessons: readonly L[]): Part<L>[] {
  const parts = new Map<number, Part<L>>();
  for (const lesson of sortLessons(lessons)) {
    const part = parts.get(lesson.data.part) ?? {
      number: lesson.data.part,
      // The first lesson of a part names it.
      title: lesson.data.partTitle,
      lessons: [],
      minutes: 0,
    };
    part.lessons.push(lesson);
    part.minutes += lesson.data.minutes;
    parts.set(part.number, part);
  }
  return [...parts.values()];
}

export function neighbours<L extends LessonLike>(lessons: readonly L[], id: string): { prev?: L; next?: L } {
  const sorted = sortLessons(lessons);
  const i = sorted.findIndex((l) => l.id === id);
  if (i < 0) return {};
  return { prev: sorted[i - 1], next: sorted[i + 1] };
}

/** "1 h 15 min" style durations for the outline. */
export function formatMinutes(minutes: number): string {
  if (minutes < 60) return `${minutes} min`;
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return m === 0 ? `${h} h` : `${h} h ${m} min`;
}
