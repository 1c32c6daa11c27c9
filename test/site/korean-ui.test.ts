// Every string a learner sees on a Korean page is Korean: the lesson text, and the text of the
// page's components (quiz, predictions, exercise box and its status lines, terminal chrome and
// offline box, budget bar, timeline, map, diagrams, code-block buttons). The Korean edition keeps
// technical terms in English on purpose (cold start, handler, provider, the AWS product names), so
// a string is flagged only when it reads as English *language*: it has no Hangul and it uses an
// ordinary English word (a function word, or one of the UI verbs and nouns components use). Code,
// commands, lab output and the titles of English sources a link points to are not prose.
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, DIST, ROOT } from './dist.ts';
import { exerciseKey, exercisesKo } from '../../src/data/exercises-ko.ts';

const ENGLISH = new RegExp(
  '\\b(' +
    [
      // function words
      'the|a|an|is|are|was|be|to|of|in|on|at|for|from|by|and|or|not|no|yes|your|you|this|that|it|its|what|which',
      'who|how|when|where|why|with|without|than|then|only|every|each|one|first|last|next|yet|here|there',
      // the UI's verbs and nouns
      'run|open|close|click|pick|choose|check|show|hide|copy|copied|try|read|see|more|hint|answer|question|correct',
      'right|wrong|quite|passed|failed|connected|connecting|stopped|suggested|commands?|terminal|window|lines?',
      'prefix|budget|running|answered|left|spent|killed|throttled|prediction|real',
    ].join('|') +
    ')\\b',
  'i',
);
const HANGUL = /[가-힣]/;

/** Comparable form: case, punctuation and spacing do not matter. */
const squash = (s: string) =>
  s
    .toLowerCase()
    .replace(/[:.,;—–()]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
/** The Korean original keeps some English terms ("event to request", "request only"): those are its words. */
const SEED = squash(readFileSync(join(ROOT, 'src/data/seed/serverless-nest.ko.txt'), 'utf8'));
/** A file's path (a code block's title): code, not prose. */
const FILE_PATH = /^[a-z][\w-]*\/[\w./-]+\.[a-z]+\b/;

/** The attributes whose text a learner sees or hears (tooltips, screen readers, texts a script shows). */
const VISIBLE_ATTRIBUTES = /\s(aria-label|title|placeholder|alt|data-copied|data-msg-[a-z]+|data-why)="([^"]*)"/g;
/** Attributes holding a JSON object of strings a script shows later. */
const TEXT_ATTRIBUTES = /\s(data-status-text|data-text)="([^"]*)"/g;

const decode = (s: string) =>
  s
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&#x27;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .replace(/&nbsp;|&#160;/g, ' ');

/** Strings on a built page a Korean reader sees, code and lab output and English sources left out. */
export function visibleStrings(html: string): string[] {
  const page = html
    .replace(/<head\b[\s\S]*?<\/head>/, ' ')
    .replace(/<script\b[\s\S]*?<\/script>/g, ' ')
    .replace(/<style\b[\s\S]*?<\/style>/g, ' ')
    .replace(/\sdata-code="[^"]*"/g, ' ')
    .replace(/<pre\b[\s\S]*?<\/pre>/g, ' ')
    .replace(/<code\b[\s\S]*?<\/code>/g, ' ')
    .replace(/<kbd\b[\s\S]*?<\/kbd>/g, ' ')
    // The language picker names the languages in their own language.
    .replace(/<starlight-lang-select\b[\s\S]*?<\/starlight-lang-select>/g, ' ')
    // A link to an external source keeps that source's (English) title.
    .replace(/<a\b[^>]*href="https?:\/\/[^"]*"[^>]*>[\s\S]*?<\/a>/g, ' ');
  const strings: string[] = [];
  for (const [, text] of page.matchAll(/>([^<]+)</g)) strings.push(decode(text!));
  for (const [, , value] of page.matchAll(VISIBLE_ATTRIBUTES)) strings.push(decode(value!));
  for (const [, , json] of page.matchAll(TEXT_ATTRIBUTES)) {
    for (const value of Object.values(JSON.parse(decode(json!)) as Record<string, string>)) {
      strings.push(value.replace(/<[^>]+>/g, ' '));
    }
  }
  return strings.map((s) => s.replace(/\s+/g, ' ').trim()).filter(Boolean);
}

/** The strings that read as English language, not as a kept technical term. */
export function untranslated(strings: string[]): string[] {
  return strings.filter((s) => !HANGUL.test(s) && ENGLISH.test(s) && !FILE_PATH.test(s) && !SEED.includes(squash(s)));
}

function koreanPages(): string[] {
  const root = join(DIST, 'ko');
  return [
    join(root, 'index.html'),
    ...readdirSync(root)
      .filter((name) => /^\d\d[a-z]?-/.test(name))
      .map((name) => join(root, name, 'index.html')),
  ].filter((file) => existsSync(file));
}

describe('the Korean pages, as built', () => {
  beforeAll(() => assertBuilt());

  it('flags English UI text and lets technical terms, code and English source titles through', () => {
    const html =
      '<main><button>Check</button><p>cold start boundary: bundle load + NestFactory</p>' +
      '<p>확인 <code>npm run lab -- invoke</code></p><a href="https://docs.aws.amazon.com/x">Binary media types for REST APIs</a>' +
      '<div data-msg-none="Pick one first."></div><div data-status-text="{&quot;open&quot;:&quot;connected&quot;}"></div></main>';
    expect(untranslated(visibleStrings(html))).toEqual(['Check', 'Pick one first.', 'connected']);
  });

  it('shows no English UI string on any Korean page', () => {
    const found: string[] = [];
    const pages = koreanPages();
    expect(pages.length).toBeGreaterThanOrEqual(14);
    for (const file of pages) {
      const page = file.slice(DIST.length + 1);
      for (const s of new Set(untranslated(visibleStrings(readFileSync(file, 'utf8'))))) found.push(`${page}: ${s}`);
    }
    expect(found).toEqual([]);
  });
});

describe('the exercises in Korean', () => {
  it('has a Korean title and both hints for every exercise of lab/exercises.json', () => {
    const manifest = JSON.parse(readFileSync(join(ROOT, 'lab/exercises.json'), 'utf8')) as Array<{ id: string }>;
    expect(manifest.length).toBeGreaterThan(0);
    for (const { id } of manifest) {
      const text = exercisesKo[exerciseKey(id)];
      expect(text, id).toBeDefined();
      for (const field of [text!.title, text!.hint, text!.more]) expect(field, id).toMatch(HANGUL);
    }
  });
});
