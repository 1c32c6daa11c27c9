import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseSeedTables } from '../../src/data/seed-tables.ts';
import { assertBuilt, lessonSlugs, mainText, normalise, pageHtml, ROOT } from './dist.ts';

const SEED = resolve(ROOT, 'src/data/seed/serverless-nest.en.md');
const SHARED_SEED = resolve(ROOT, '../shared/seed/serverless-nest.en.md');

/** A table cell as a reader sees it: Markdown emphasis and code ticks removed. */
const cellText = (cell: string) => normalise(cell.replace(/\*\*|`/g, ''));

describe('the seed’s tables in the built lessons', () => {
  let pages: Array<{ slug: string; text: string }>;
  beforeAll(() => {
    assertBuilt();
    pages = lessonSlugs().map((slug) => ({ slug, text: mainText(pageHtml(slug)) }));
  });

  it('uses a verbatim copy of the shared seed', () => {
    if (!existsSync(SHARED_SEED)) return; // the shared folder is beside the repo only on the workbench
    expect(readFileSync(SEED, 'utf8')).toBe(readFileSync(SHARED_SEED, 'utf8'));
  });

  const tables = parseSeedTables(readFileSync(SEED, 'utf8'));

  it('finds the four tables of the English rendering', () => {
    expect(tables.map((t) => t.section)).toEqual([
      expect.stringMatching(/^1\./),
      expect.stringMatching(/^2\./),
      expect.stringMatching(/^3\./),
      expect.stringMatching(/^4\./),
    ]);
    expect(tables.reduce((n, t) => n + t.rows.length, 0)).toBe(4 + 4 + 9 + 4);
  });

  for (const table of tables) {
    for (const row of table.rows) {
      it(`shows every cell of "${row.join(' | ')}" on one lesson page`, () => {
        const cells = row.map(cellText);
        const page = pages.find(({ text }) => cells.every((cell) => text.includes(cell)));
        const missing = cells.filter((cell) => !pages.some(({ text }) => text.includes(cell)));
        expect(missing, `cells found on no lesson page`).toEqual([]);
        expect(page?.slug, `no single lesson shows all of: ${cells.join(' | ')}`).toBeDefined();
      });
    }
  }

  it('shows the three verification questions in the verify lesson', () => {
    const seed = readFileSync(SEED, 'utf8');
    const questions = seed
      .slice(seed.indexOf('## 5.'))
      .split('\n')
      .filter((line) => /^\d+\.\s/.test(line))
      .map((line) => normalise(line.replace(/^\d+\.\s+/, '')));
    expect(questions).toHaveLength(3);
    const verify = pages.find(({ slug }) => slug.startsWith('11-'))!;
    for (const question of questions) expect(verify.text).toContain(question);
  });
});
