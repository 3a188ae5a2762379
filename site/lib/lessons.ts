// Loads the lessons collection for pages. Drafts show in `astro dev` only.
import { getCollection, type CollectionEntry } from 'astro:content';
import { sortLessons } from './outline.ts';

export type Lesson = CollectionEntry<'lessons'>;

export async function getLessons(): Promise<Lesson[]> {
  const all = await getCollection('lessons', (lesson) => import.meta.env.DEV || lesson.data.draft !== true);
  return sortLessons(all);
}

export function lessonUrl(lesson: Pick<Lesson, 'id'>): string {
  return `${import.meta.env.BASE_URL.replace(/\/?$/, '/')}lessons/${lesson.id}/`;
}

export const partLabel = (part: number, title: string): string => `Part ${part} · ${title}`;
