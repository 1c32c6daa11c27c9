import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { REPO_ROOT } from '../repo-root.ts';

/** The shell REPL's history, kept between sessions like a shell's (newest first, as readline wants). */
export const HISTORY_FILE = process.env.LAB_HISTORY_FILE ?? join(REPO_ROOT, '.lab', 'repl-history');
const KEEP = 500;

export function loadHistory(file = HISTORY_FILE): string[] {
  try {
    return readFileSync(file, 'utf8').split('\n').filter(Boolean).slice(0, KEEP);
  } catch {
    return [];
  }
}

export function saveHistory(history: readonly string[], file = HISTORY_FILE): void {
  try {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, history.slice(0, KEEP).join('\n') + '\n');
  } catch {
    // History is a convenience: a read-only checkout still gets a working REPL.
  }
}
