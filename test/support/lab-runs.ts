// Each test file gets its own labs: a run folder per set of settings (a lab serves the clients
// whose settings match its own), under one temporary folder for the file, every lab in it
// stopped after the file's tests. Nothing here touches the checkout's own .lab/run, where a
// learner's `npm start` may be running.
import { createHash } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { stopLab } from '../../lab/service/client.ts';
import { servicePaths } from '../../lab/service/paths.ts';

const base = mkdtempSync(join(tmpdir(), 'lab-runs-'));
const used = new Set<string>();

afterAll(async () => {
  await Promise.all([...used].map((dir) => stopLab(servicePaths({ LAB_RUN_DIR: dir })).catch(() => null)));
});

/** The run folder of the lab for these settings (the variables a test sets on top of its own). */
export function labRunDir(env: Record<string, string | undefined> = {}): string {
  const key = createHash('sha256')
    .update(JSON.stringify(Object.entries(env).sort()))
    .digest('hex')
    .slice(0, 12);
  const dir = join(base, key);
  used.add(dir);
  return dir;
}

/** A run folder of its own, for a lab no other test shares (an `npm start`). */
export function freshLabRunDir(): string {
  const dir = mkdtempSync(join(base, 'own-'));
  used.add(dir);
  return dir;
}
