// What each question hands the report: its verdict, the evidence lines, and the lesson that
// explains the fix (its title read from the lesson itself, so the report cannot drift from it).

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../repo-root.ts';
import { parseNameList } from './name-list.ts';

/** The three questions, in the source document's order (their numbers in the report). */
export const QUESTION_IDS = ['lossless-mapping', 'bootstrap-once', 'request-state'] as const;
export type QuestionId = (typeof QUESTION_IDS)[number];

/** The short names `--question` takes, beside the ids. */
export const QUESTION_NAMES: Record<QuestionId, string> = {
  'lossless-mapping': 'mapping',
  'bootstrap-once': 'bootstrap',
  'request-state': 'state',
};

/** `--question mapping,state` (or ids, repeated): the questions in document order, or the value not understood. */
export function parseQuestions(values: readonly string[]): QuestionId[] | string {
  const asked = parseNameList(values, (name) => QUESTION_IDS.find((q) => q === name || QUESTION_NAMES[q] === name));
  return typeof asked === 'string' ? asked : QUESTION_IDS.filter((q) => asked.includes(q));
}

export interface Lesson {
  slug: string;
  title: string;
}

export interface Answer {
  id: QuestionId;
  question: string;
  verdict: 'yes' | 'no';
  /** One line each, the most telling first. */
  evidence: string[];
  lesson: Lesson;
  /** Machine-readable detail for --json. */
  detail: Record<string, unknown>;
}

export function lesson(slug: string): Lesson {
  let title = slug;
  try {
    const text = readFileSync(join(REPO_ROOT, 'content', 'docs', `${slug}.mdx`), 'utf8');
    title = /^title:\s*(.+)$/m.exec(text)?.[1]?.trim() ?? slug;
  } catch {
    // The lessons are not in this checkout (a packaged lab): the slug still names the page.
  }
  return { slug, title };
}
