// The lab service is the one writer of the progress file (`check` runs in it, and its writes are
// synchronous, so one process's read-modify-writes never interleave). At start it finds the file
// as a crash left it: a writer killed mid-write leaves its temporary file, and an empty or
// corrupt file would make every `check` and `solution` fail. Both are tidied here. A file written
// before the exercises were renumbered is rewritten under today's ids (every reader maps them
// too, so this only keeps the file on disk saying what the lab means).
import fs from 'node:fs';
import { basename, dirname, join } from 'node:path';
import {
  readProgress,
  setProgressAside,
  unreadableProgress,
  writeProgress,
  type Progress,
} from '../exercises-runner/progress.ts';

/** Removes dead writers' temporary files and sets an unreadable progress file aside, saying so in one line. */
export function tidyProgressFile(path: string, log: (line: string) => void): void {
  const dir = dirname(path);
  const name = basename(path);
  let entries: string[];
  try {
    entries = fs.readdirSync(dir);
  } catch {
    return; // No folder yet: no check has run.
  }
  // `<name>.<pid>.<random>.tmp` (progress.ts): only the one lab writes, and it is starting now.
  for (const entry of entries) {
    if (entry.startsWith(`${name}.`) && entry.endsWith('.tmp')) fs.rmSync(join(dir, entry), { force: true });
  }
  let text: string;
  try {
    text = fs.readFileSync(path, 'utf8');
  } catch {
    return;
  }
  const problem = unreadableProgress(text);
  if (problem) {
    log(setProgressAside(path, problem));
    return;
  }
  const written = Object.keys((JSON.parse(text) as Progress).exercises);
  const current = readProgress(path);
  const renamed = written.filter((id) => !(id in current.exercises));
  if (renamed.length === 0) return;
  writeProgress(current, path);
  log(
    `${name}: ${renamed.join(', ')} recorded under today's exercise numbers (the exercises follow the lessons' order)`,
  );
}
