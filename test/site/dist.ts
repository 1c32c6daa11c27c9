// Helpers for the tests that read the built site. They never build: `npm test` runs
// `npm run build` (which includes `astro build`) before vitest.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../../lab/repo-root.ts';

export const ROOT = REPO_ROOT;
export const DIST = join(ROOT, 'dist');

export function assertBuilt(): void {
  if (!existsSync(join(DIST, 'index.html')) || !existsSync(join(DIST, '01-why-lambda', 'index.html'))) {
    throw new Error(
      `The built site is missing (${DIST}). Build it first: \`npm run build:site\` (npm test does this for you).`,
    );
  }
}

/** Lesson slugs in order, from the content files' number-prefixed names. */
export function lessonSlugs(): string[] {
  return readdirSync(join(ROOT, 'content/docs'))
    .filter((name) => /^\d\d[a-z]?-.+\.mdx?$/.test(name))
    .sort()
    .map((name) => name.replace(/\.mdx?$/, ''));
}

export function pageHtml(slug: string): string {
  return readFileSync(join(DIST, slug, 'index.html'), 'utf8');
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

/** Visible text of an HTML page's main content: tags stripped, entities decoded, whitespace and quotes normalised. */
export function mainText(html: string): string {
  const main = /<main\b[\s\S]*?<\/main>/.exec(html)?.[0] ?? html;
  return normalise(
    main
      .replace(/<script\b[\s\S]*?<\/script>/g, ' ')
      .replace(/<style\b[\s\S]*?<\/style>/g, ' ')
      .replace(/<[^>]+>/g, ' ')
      .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (entity, name: string) => {
        if (name.startsWith('#x') || name.startsWith('#X')) return String.fromCodePoint(parseInt(name.slice(2), 16));
        if (name.startsWith('#')) return String.fromCodePoint(Number(name.slice(1)));
        return ENTITIES[name.toLowerCase()] ?? entity;
      }),
  );
}

/** Whitespace collapsed, typographic quotes made straight (Markdown's smart quotes vs raw text). */
export function normalise(text: string): string {
  return text
    .replace(/[\u2018\u2019]/g, "'")
    .replace(/[\u201c\u201d]/g, '"')
    .replace(/\s+/g, ' ')
    .trim();
}
