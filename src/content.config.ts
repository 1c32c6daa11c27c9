import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { z } from 'astro/zod';
import { i18nLoader } from '@astrojs/starlight/loaders';
import { docsSchema, i18nSchema } from '@astrojs/starlight/schema';
import { labTerminalStrings } from './data/lab-terminal-strings.ts';
import { STORY_KEYS } from './data/trace-story.ts';

// Lessons live at the top-level content/docs/ (not src/content/docs/): the workbook's text sits
// beside the lab it teaches. File names are number-prefixed; the sidebar order follows them.
export const collections = {
  docs: defineCollection({
    loader: glob({ pattern: '**/*.{md,mdx}', base: './content/docs' }),
    schema: docsSchema(),
  }),
  // UI strings Starlight lets a site override (src/content/i18n/en.json, ko.json for the Korean
  // edition): the terminal's words (labTerminalStrings) and the live map's and timeline's (STORY_KEYS).
  i18n: defineCollection({
    loader: i18nLoader(),
    schema: i18nSchema({
      extend: labTerminalStrings.extend(Object.fromEntries(STORY_KEYS.map((key) => [key, z.string()]))),
    }),
  }),
};
