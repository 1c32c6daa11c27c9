// The Korean edition (content/docs/ko/, served under /ko/ by Starlight's i18n): one Korean page
// for every English one, marked lang="ko", quoting the Korean original's tables word for word,
// indexed by Pagefind beside the English pages, and with every English URL where it was.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseSeedTables } from '../../src/data/seed-tables.ts';
import { koreanSeedRows, parseKoreanSeed } from '../../src/data/seed-ko-tables.ts';
import { assertBuilt, DIST, lessonSlugs, mainText, normalise, pageHtml, ROOT } from './dist.ts';

const KO_SEED = resolve(ROOT, 'src/data/seed/serverless-nest.ko.txt');
const SHARED_KO_SEED = resolve(ROOT, '../shared/seed/serverless-nest.ko.txt');
const EN_SEED = resolve(ROOT, 'src/data/seed/serverless-nest.en.md');

const koSlugs = () =>
  readdirSync(join(ROOT, 'content/docs/ko'))
    .filter((name) => /^\d\d[a-z]?-.+\.mdx?$/.test(name))
    .sort()
    .map((name) => name.replace(/\.mdx?$/, ''));

const htmlLang = (html: string) => /<html\b[^>]*\blang="([^"]+)"/.exec(html)?.[1];

describe('the Korean edition', () => {
  let english: string[];
  let pages: Array<{ slug: string; html: string; text: string }>;
  beforeAll(() => {
    assertBuilt();
    english = lessonSlugs();
    pages = english.map((slug) => {
      const html = pageHtml(`ko/${slug}`);
      return { slug, html, text: mainText(html) };
    });
  });

  it('has a Korean lesson, with the same file name, for every English lesson, and no other', () => {
    expect(english).toHaveLength(13);
    expect(koSlugs()).toEqual(english);
    expect(existsSync(join(ROOT, 'content/docs/ko/index.mdx'))).toBe(true);
  });

  it('builds every Korean page under /ko/, marked lang="ko", and keeps the English pages at the root in English', () => {
    expect(htmlLang(readFileSync(join(DIST, 'ko/index.html'), 'utf8'))).toBe('ko');
    expect(htmlLang(readFileSync(join(DIST, 'index.html'), 'utf8'))).toBe('en');
    for (const { slug, html } of pages) {
      expect(htmlLang(html), slug).toBe('ko');
      expect(htmlLang(pageHtml(slug)), slug).toBe('en');
      // Written in Korean, not Starlight's English fallback for a missing translation.
      expect(html, slug).not.toContain('이 콘텐츠는 아직 번역되지 않았습니다');
      expect(html, slug).not.toContain('This content is not available in your language yet');
      expect(mainText(html), slug).toMatch(/[가-힣]{2,}/);
    }
  });

  it('lists the Korean lessons, in order, in the Korean sidebar, and offers the language picker on both', () => {
    for (const { slug, html } of pages) {
      const start = html.indexOf('id="starlight__sidebar"');
      expect(start, slug).toBeGreaterThan(-1);
      const sidebar = html.slice(start, html.indexOf('</nav>', start));
      const links = [...sidebar.matchAll(/href="\/ko\/(\d\d[a-z]?-[^"/]+)\/"/g)].map((m) => m[1]);
      expect(links, slug).toEqual(english);
      expect(sidebar, slug).not.toMatch(/href="\/\d\d[a-z]?-/);
      expect(html, slug).toContain('<starlight-lang-select');
      expect(html, slug).toContain(`value="/${slug}/"`);
    }
    expect(pageHtml(english[0]!)).toContain(`value="/ko/${english[0]}/"`);
  });

  it('ends every Korean lesson with the lab section and the same exercise as the English one', () => {
    for (const { slug, text } of pages) {
      const source = readFileSync(join(ROOT, 'content/docs', `${slug}.mdx`), 'utf8');
      const korean = readFileSync(join(ROOT, 'content/docs/ko', `${slug}.mdx`), 'utf8');
      expect(korean, slug).toMatch(/^## Lab에서 해 보기$/m);
      const exercise = (mdx: string) => /<Exercise id="(\d\d)"[^>]*>/.exec(mdx)?.[1];
      expect(exercise(korean), slug).toBe(exercise(source));
      if (exercise(source)) expect(text, slug).toMatch(/npm run check \d\d|lab\/exercises\/\d\d-/);
    }
  });

  // The same rule as the English lessons (lessons.test.ts): a duration in the prose is one that a
  // pasted lab output on the same page measured.
  it('never states a duration that was not measured', () => {
    const DURATION = /\b(\d+(?:\.\d+)?)\s?ms\b/g;
    const TEXT_BLOCK = /<pre\b[^>]*data-language="text"[^>]*>[\s\S]*?<\/pre>/g;
    for (const { slug, html } of pages) {
      const measured = new Set<string>();
      for (const block of html.match(TEXT_BLOCK) ?? []) {
        for (const [figure] of mainText(block).matchAll(/\d+(?:\.\d+)?/g)) measured.add(figure);
      }
      const rest = mainText(html.replace(TEXT_BLOCK, ' '));
      const invented = [...rest.matchAll(DURATION)].filter((m) => !measured.has(m[1]!)).map((m) => m[0]);
      expect(invented, `ko/${slug}: durations not taken from a pasted lab output`).toEqual([]);
    }
  });

  it('links every exercise of lab/exercises.json from the Korean page of the lesson the manifest names', () => {
    const manifest = JSON.parse(readFileSync(join(ROOT, 'lab/exercises.json'), 'utf8')) as Array<{
      id: string;
      lesson?: string;
    }>;
    for (const exercise of manifest) {
      if (!exercise.lesson) continue;
      const page = pages.find(({ slug }) => slug === exercise.lesson);
      expect(page, exercise.id).toBeDefined();
      expect(page!.text, exercise.lesson).toContain(`lab/exercises/${exercise.id}/`);
      expect(page!.text, exercise.lesson).toContain(`npm run check ${exercise.id.slice(0, 2)}`);
    }
  });

  it('uses a verbatim copy of the shared Korean seed', () => {
    if (!existsSync(SHARED_KO_SEED)) return; // the shared folder is beside the repo only on the workbench
    expect(readFileSync(KO_SEED, 'utf8')).toBe(readFileSync(SHARED_KO_SEED, 'utf8'));
  });

  const seed = parseKoreanSeed(readFileSync(KO_SEED, 'utf8'), parseSeedTables(readFileSync(EN_SEED, 'utf8')));
  const rows = koreanSeedRows(seed);

  it('parses the four tables of the Korean original', () => {
    expect(rows).toHaveLength(4 + 4 + 9 + 4);
  });

  for (const row of rows) {
    it(`shows every cell of "${row.join(' | ')}" on one Korean lesson page`, () => {
      const cells = row.map(normalise);
      const page = pages.find(({ text }) => cells.every((cell) => text.includes(cell)));
      const missing = cells.filter((cell) => !pages.some(({ text }) => text.includes(cell)));
      expect(missing, 'cells found on no Korean lesson page').toEqual([]);
      expect(page?.slug, `no single Korean lesson shows all of: ${cells.join(' | ')}`).toBeDefined();
    });
  }

  it('shows the thesis, the map’s two rules and the three verification questions in the original’s words', () => {
    const all = pages.map(({ text }) => text).join('\n');
    expect(pages[0]!.text).toContain(normalise(seed.thesis));
    for (const rule of seed.mapRules) expect(all).toContain(normalise(rule));
    const verify = pages.find(({ slug }) => slug.startsWith('11-'))!;
    expect(seed.verificationQuestions).toHaveLength(3);
    for (const question of seed.verificationQuestions) expect(verify.text).toContain(normalise(question));
  });

  it('is indexed by Pagefind beside the English pages', () => {
    const entry = JSON.parse(readFileSync(join(DIST, 'pagefind/pagefind-entry.json'), 'utf8')) as {
      languages: Record<string, { page_count: number }>;
    };
    // The home page and the eleven lessons in each language (the 404 pages are not indexed).
    expect(entry.languages.en?.page_count).toBeGreaterThanOrEqual(12);
    expect(entry.languages.ko?.page_count).toBe(entry.languages.en?.page_count);
  });
});
