import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { z } from 'astro/zod';
import { i18nLoader } from '@astrojs/starlight/loaders';
import { docsSchema, i18nSchema } from '@astrojs/starlight/schema';
import { STORY_KEYS } from './data/trace-story.ts';

// Lessons live at the top-level content/docs/ (not src/content/docs/): the workbook's text sits
// beside the lab it teaches. File names are number-prefixed; the sidebar order follows them.
export const collections = {
  docs: defineCollection({
    loader: glob({ pattern: '**/*.{md,mdx}', base: './content/docs' }),
    schema: docsSchema(),
  }),
  // UI strings Starlight lets a site override (src/content/i18n/en.json, ko.json for the Korean
  // edition), plus the live map's and timeline's own words (STORY_KEYS), in both languages.
  i18n: defineCollection({
    loader: i18nLoader(),
    schema: i18nSchema({ extend: z.object(Object.fromEntries(STORY_KEYS.map((key) => [key, z.string()]))) }),
  }),
};
