// "Predict, then run" (src/components/Predict.astro): every lesson, in both editions, asks the
// learner to choose what a lab command will print before it shows the real output. The output is
// a pasted lab output block inside the component, and the line that decides the answer (the
// `evidence` prop) must really be in it, so the answer the page checks is the one the run gave.
import { beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, lessonSlugs, mainText, normalise, pageHtml } from './dist.ts';

interface Prediction {
  options: number;
  correct: number;
  evidence: string;
  output: string;
}

/** Each Predict on a built page: its options, how many are right, its evidence, its revealed output. */
export function predictions(html: string): Prediction[] {
  const found: Prediction[] = [];
  for (const match of html.matchAll(/<div\b[^>]*\bdata-predict\b[^>]*>/g)) {
    const start = match.index!;
    const end = html.indexOf('</details>', start);
    const block = html.slice(start, end);
    const evidence = /\bdata-evidence="([^"]*)"/.exec(match[0])?.[1] ?? '';
    const details = block.slice(block.indexOf('data-predict-output'));
    const output = [...details.matchAll(/<pre\b[^>]*data-language="text"[^>]*>[\s\S]*?<\/pre>/g)]
      .map((m) => mainText(m[0]))
      .join('\n');
    found.push({
      options: (block.match(/type="radio"/g) ?? []).length,
      correct: (block.match(/data-correct="true"/g) ?? []).length,
      evidence: normalise(mainText(`<main>${evidence}</main>`)),
      output,
    });
  }
  return found;
}

describe('predict, then run', () => {
  let pages: string[];
  beforeAll(() => {
    assertBuilt();
    pages = lessonSlugs().flatMap((slug) => [slug, `ko/${slug}`]);
  });

  it('asks for a prediction at least once on every lesson page, English and Korean', () => {
    const without = pages.filter((page) => predictions(pageHtml(page)).length === 0);
    expect(without).toEqual([]);
  });

  it('offers at least three choices, exactly one right, and reveals a real lab output that shows the answer', () => {
    for (const page of pages) {
      for (const prediction of predictions(pageHtml(page))) {
        expect(prediction.options, page).toBeGreaterThanOrEqual(3);
        expect(prediction.correct, page).toBe(1);
        expect(prediction.output, `${page}: the revealed output`).not.toBe('');
        expect(prediction.evidence, page).not.toBe('');
        expect(prediction.output, `${page}: evidence "${prediction.evidence}" in the output`).toContain(
          prediction.evidence,
        );
      }
    }
  });

  it('finds nothing to check on a page without the component, and a missing evidence line fails', () => {
    expect(predictions('<main><p>no prediction</p></main>')).toEqual([]);
    const page =
      '<div class="predict" data-predict data-evidence="verdict: ok"><input type="radio" data-correct="true">' +
      '<details data-predict-output><pre data-language="text">verdict: leak</pre></details></div>';
    const [prediction] = predictions(page);
    expect(prediction!.output).not.toContain(prediction!.evidence);
  });
});

// Each lesson opens with what the learner will be able to do: a Starlight tip titled "Objectives"
// ("학습 목표" in Korean) with two or three items, before the lesson's first section.
describe('objectives', () => {
  it('opens every lesson page, in both editions, with two or three objectives', () => {
    assertBuilt();
    const wrong: string[] = [];
    for (const page of lessonSlugs().flatMap((slug) => [slug, `ko/${slug}`])) {
      const html = pageHtml(page);
      const content = html.slice(html.indexOf('<div class="sl-markdown-content'));
      const aside = /<aside\b[^>]*aria-label="(Objectives|학습 목표)"[^>]*>[\s\S]*?<\/aside>/.exec(content);
      const firstSection = content.search(/<h2\b/);
      const items = (aside?.[0].match(/<li\b/g) ?? []).length;
      if (!aside || (firstSection >= 0 && aside.index > firstSection) || items < 2 || items > 3) wrong.push(page);
    }
    expect(wrong, 'pages without 2–3 objectives before their first section').toEqual([]);
  });
});
