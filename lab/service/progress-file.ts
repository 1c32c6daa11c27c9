// The lab service is the one writer of the progress file (`check` runs in it, and its writes are
// synchronous, so one process's read-modify-writes never interleave). At start it finds the file
// as a crash left it: a writer killed mid-write leaves its temporary file, and an empty or
// corrupt file would make every `check` and `solution` fail. Both are tidied here.
import fs from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { setProgressAside, unreadableProgress } from '../exercises-runner/progress.ts';

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
  if (problem) log(setProgressAside(path, problem));
}
