// The lessons collection: one MDX file per lesson in content/lessons/ (project root).
import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { z } from 'astro/zod';

const lessons = defineCollection({
  loader: glob({ pattern: '**/*.mdx', base: './content/lessons' }),
  schema: z.object({
    title: z.string().min(1).describe('Lesson title, shown as the page heading and in the outline.'),
    description: z.string().min(1).describe('One or two sentences for the outline and the meta description.'),
    part: z.number().int().min(0).describe('Part number the lesson belongs to (0 = Getting started).'),
    partTitle: z.string().min(1).describe('Title of the part; every lesson of a part should use the same one.'),
    order: z.number().int().min(1).describe('Position of the lesson within its part, starting at 1.'),
    minutes: z.number().int().positive().describe('Estimated time to complete the lesson, in minutes.'),
    scenario: z
      .string()
      .default('kubenet-basic')
      .describe('Sandbox scenario id the terminal starts with (see sandbox/scenarios/registry.ts).'),
    objectives: z.array(z.string().min(1)).min(1).describe('What the learner can do after the lesson, one sentence each.'),
    draft: z.boolean().optional().describe('When true the lesson is built in dev only, never in production.'),
  }),
});

export const collections = { lessons };
