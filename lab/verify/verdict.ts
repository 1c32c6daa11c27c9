// What each question hands the report: its verdict, the evidence lines, and the lesson that
// explains the fix (its title read from the lesson itself, so the report cannot drift from it).

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../repo-root.ts';

export type QuestionId = 'lossless-mapping' | 'bootstrap-once' | 'request-state';

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
