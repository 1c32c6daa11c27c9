// The lessons write `npm run lab -- invoke …`, a passed check says `lab solution 01`, a shell says
// `npx lab …`, and a lesson's transcript shows `lab> invoke …`. Pasted into the REPL (the page's
// terminal or `npx lab`) each means the command after it: the prefix is dropped here, and only here.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../repo-root.ts';

/** `npm run <script>` for every package.json script that is `node bin/lab.mjs <args>`: the words it stands for. */
function npmScriptPrefixes(): Array<{ words: string[]; means: string[] }> {
  let scripts: Record<string, unknown> = {};
  try {
    const pkg = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as {
      scripts?: Record<string, unknown>;
    };
    scripts = pkg.scripts ?? {};
  } catch {
    // No package.json to read: the bare prefixes below still work.
  }
  const prefixes: Array<{ words: string[]; means: string[] }> = [];
  for (const [name, command] of Object.entries(scripts)) {
    const match = typeof command === 'string' ? /^node bin\/lab\.mjs(?:\s+(.*))?$/.exec(command.trim()) : null;
    // `npm start` starts a lab: in a lab's REPL it would be a second one, so it is no prefix.
    if (!match || name === 'start') continue;
    const means = match[1] ? match[1].split(/\s+/) : [];
    // npm hands on what follows `--` (and, since npm 7, what follows the script name anyway).
    prefixes.push({ words: ['npm', 'run', name, '--'], means }, { words: ['npm', 'run', name], means });
  }
  return prefixes;
}

const PREFIXES: ReadonlyArray<{ words: string[]; means: string[] }> = [
  ...npmScriptPrefixes(),
  { words: ['npx', 'lab'], means: [] },
  // `lab> ` as the REPL prints it: splitWords() makes it `lab` and the operator `>`; completion sees `lab>`.
  { words: ['lab', '>'], means: [] },
  { words: ['lab>'], means: [] },
  { words: ['lab'], means: [] },
];

/**
 * The words of a command line without the prefix a lesson or a shell puts before it:
 * `npm run lab -- invoke health` → `invoke health`, `npm run check 01` → `check 01` (that script
 * is `node bin/lab.mjs check`). Longest prefix first, so `npm run lab --` drops its `--`.
 */
export function withoutLabPrefix(words: readonly string[]): string[] {
  for (const prefix of PREFIXES) {
    if (prefix.words.length <= words.length && prefix.words.every((word, i) => words[i] === word)) {
      return [...prefix.means, ...words.slice(prefix.words.length)];
    }
  }
  return [...words];
}
