#!/usr/bin/env node
// `npx lab …`, `npm run lab`, `npm start`, `npm run check`. Plain JavaScript on purpose: with a
// lab running, a shell command is a small client (lab/service/fast-client.ts, prebuilt), and
// only a .ts import would make every command pay for Node's type stripping.
// First: on a Node older than 24, one line saying how to get it, and nothing else runs.
import './require-node.mjs';
import { readFileSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const checkout = fileURLToPath(new URL('..', import.meta.url)).replace(/\/$/, '');
const argv = process.argv.slice(2);

/** The prebuilt fast client, if it is newer than every source it was built from. */
function fastClient() {
  try {
    const spec = JSON.parse(readFileSync(`${checkout}/lab/service/fast-client.sources.json`, 'utf8'));
    const artifact = JSON.parse(readFileSync(`${checkout}/.lab/build/client/artifact.json`, 'utf8'));
    const builtFrom = artifact.sourcesAt;
    if (typeof builtFrom !== 'number') return null;
    for (const source of [...spec.sources, 'lab/service/fast-client.sources.json']) {
      if (statSync(`${checkout}/${source}`).mtimeMs > builtFrom) return null;
    }
    return artifact.bundledPath;
  } catch {
    return null;
  }
}

const fast = fastClient();
const code = fast ? await (await import(fast)).runIfLabRunning(argv, checkout) : null;
if (code !== null) process.exitCode = code;
else process.exitCode = await (await import('../lab/cli/main.ts')).main(argv);
