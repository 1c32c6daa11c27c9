import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { nodes } from '../../src/data/boundary-map.ts';
import { assertBuilt, lessonSlugs, mainText, normalise, pageHtml, ROOT } from './dist.ts';

const LAB_COMMANDS = [
  'invoke',
  'events',
  'containers',
  'map',
  'conformance',
  'leak',
  'storm',
  'idle',
  'budget',
  'retry',
  'logs',
  'check',
  'doors',
];

/** Lessons with no exercise of their own: the two added between the seed's lessons, and the last. */
const WITHOUT_EXERCISE = ['09b-front-doors', '10b-ship-it', '11-verify'];

describe('the built lessons', () => {
  let slugs: string[];
  beforeAll(() => {
    assertBuilt();
    slugs = lessonSlugs();
  });

  it('has the seed’s eleven lessons in its order, and the two added between them', () => {
    expect(slugs).toHaveLength(13);
    expect(slugs.map((slug) => slug.slice(0, 2))).toEqual([
      '01',
      '02',
      '03',
      '04',
      '05',
      '06',
      '07',
      '08',
      '09',
      '09',
      '10',
      '10',
      '11',
    ]);
    expect(slugs.filter((slug) => /^\d\d[a-z]-/.test(slug))).toEqual(['09b-front-doors', '10b-ship-it']);
  });

  it('has a home page that says how to start the lab', () => {
    const home = mainText(readFileSync(resolve(ROOT, 'dist/index.html'), 'utf8'));
    expect(home).toContain('npm start');
    expect(home).toMatch(/Boundary Lab is a workbook/);
  });

  it('ends every lesson with "Try it in the lab", a lab command and an exercise to check', () => {
    for (const slug of slugs) {
      const html = pageHtml(slug);
      const text = mainText(html);
      expect(html, slug).toMatch(/<h2[^>]*id="try-it-in-the-lab"/);
      const tryIt = text.slice(text.lastIndexOf('Try it in the lab'));
      expect(tryIt, slug).toMatch(/npm run (lab -- \w+|check)/);
      const used = LAB_COMMANDS.filter((command) => new RegExp(`npm run (lab -- )?${command}\\b`).test(tryIt));
      expect(used.length, `${slug} names a lab command`).toBeGreaterThan(0);
      if (!WITHOUT_EXERCISE.includes(slug)) {
        expect(tryIt, slug).toMatch(/lab\/exercises\/\d\d-[a-z-]+\//);
        expect(tryIt, slug).toMatch(/npm run check \d\d/);
      }
    }
  });

  it('shows the real lab/handler.ts, not a pasted copy', () => {
    const source = readFileSync(resolve(ROOT, 'lab/handler.ts'), 'utf8');
    // Syntax highlighting splits a line into tokens: compare with all whitespace removed.
    const squash = (s: string) => normalise(s).replace(/\s+/g, '');
    const text = squash(mainText(pageHtml(slugs[0]!)));
    for (const line of source.split('\n').filter((l) => l.trim().length > 0)) {
      expect(text).toContain(squash(line));
    }
  });

  // A learner must never read a duration the lab did not measure (JOURNEY.md). The lessons paste
  // real lab output in ```text blocks (rendered as <pre data-language="text">): durations are
  // allowed there, and only there, because they were copied from a real run, never edited. Prose
  // may point at one of those figures ("Init Duration 169.65 ms on the COLD call"), but only with
  // the exact number from an output block on the same page (there, with or without its unit: the
  // --json spans say `"db 28.87"`): a figure anywhere else (prose, tables, an `sh` block, a
  // component) is an invented one and fails.
  it('never states a duration that was not measured', () => {
    const DURATION = /\b(\d+(?:\.\d+)?)\s?ms\b/g;
    const TEXT_BLOCK = /<pre\b[^>]*data-language="text"[^>]*>[\s\S]*?<\/pre>/g;
    for (const slug of slugs) {
      const html = pageHtml(slug);
      const measured = new Set<string>();
      for (const block of html.match(TEXT_BLOCK) ?? []) {
        for (const [figure] of mainText(block).matchAll(/\d+(?:\.\d+)?/g)) measured.add(figure);
      }
      const rest = mainText(html.replace(TEXT_BLOCK, ' '));
      const invented = [...rest.matchAll(DURATION)].filter((m) => !measured.has(m[1]!)).map((m) => m[0]);
      expect(invented, `${slug}: durations not taken from a pasted lab output`).toEqual([]);
    }
  });

  it('draws every node of the boundary map on lesson 2, focusable and labelled', () => {
    const html = pageHtml(slugs[1]!);
    for (const node of nodes) {
      const tag = new RegExp(`<g[^>]*data-node="${node.id}"[^>]*>`).exec(html)?.[0];
      expect(tag, node.id).toBeDefined();
      expect(tag).toContain('tabindex="0"');
      expect(tag).toMatch(/role="button"/);
      // Named by the words it shows (WCAG 2.5.3): its one text element, label and sub-label.
      const named = /aria-labelledby="([^"]+)"/.exec(tag!)?.[1];
      expect(named, node.id).toBeDefined();
      expect(html).toMatch(new RegExp(`<text id="${named}"[^>]*>\\s*<tspan[^>]*>${node.label}</tspan> <tspan[^>]*>`));
    }
    expect(html.match(/data-duration/g)?.length).toBeGreaterThanOrEqual(nodes.length);
  });

  it('lights only the nodes a lesson asks for with the highlight prop', () => {
    const html = pageHtml(slugs.find((slug) => slug.startsWith('05-'))!);
    const map = /<figure[^>]*data-boundary-map[\s\S]*?<\/figure>/.exec(html)![0];
    const lit = [...map.matchAll(/<g[^>]*data-node="([a-z]+)"[^>]*data-active="true"/g)].map((m) => m[1]);
    expect(lit).toEqual(['apigw', 'handler', 'cold']);
  });

  it('loads mermaid only on pages that have a diagram', () => {
    for (const slug of slugs) {
      const html = pageHtml(slug);
      const hasDiagram = html.includes('data-mermaid');
      const loadsMermaidScript = /Mermaid\.astro_astro_type_script/.test(html);
      expect(loadsMermaidScript, slug).toBe(hasDiagram);
    }
    expect(slugs.some((slug) => pageHtml(slug).includes('data-mermaid'))).toBe(true);
  });
});

describe('lessons and the exercise manifest', () => {
  it('links every exercise of lab/exercises.json from the lesson the manifest names', () => {
    assertBuilt();
    const manifestPath = resolve(ROOT, 'lab/exercises.json');
    let manifest: Array<{ id: string; lesson?: string }> = [];
    try {
      manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
    } catch {
      return; // the lab's manifest has not landed yet
    }
    const slugs = lessonSlugs();
    for (const exercise of manifest) {
      if (!exercise.lesson) continue;
      expect(slugs, `${exercise.id} names lesson ${exercise.lesson}`).toContain(exercise.lesson);
      const text = mainText(pageHtml(exercise.lesson));
      expect(text, exercise.lesson).toContain(`lab/exercises/${exercise.id}/`);
      expect(text, exercise.lesson).toContain(`npm run check ${exercise.id.slice(0, 2)}`);
    }
  });
});
