import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadManifest, VARIANTS_DIR } from '../../lab/exercises-runner/manifest.ts';

/**
 * What buggy and fixed differ in. For a scenario that is an exercise's code, the exercise's
 * files (lab/exercises.json says so, once); `idle` is no exercise, so its one fact lives here.
 */
const differs: Record<string, string[]> = {
  ...Object.fromEntries(loadManifest().flatMap((e) => (e.scenario ? [[e.scenario, e.files]] : []))),
  idle: ['db.ts'],
};

function files(scenario: string, variant: string): string[] {
  return readdirSync(join(VARIANTS_DIR, scenario, variant)).sort();
}

function read(scenario: string, variant: string, file: string): string {
  return readFileSync(join(VARIANTS_DIR, scenario, variant, file), 'utf8');
}

describe('lab/variants', () => {
  it('has a buggy and a fixed variant for every scenario, and no scenario without them', () => {
    const scenarios = readdirSync(VARIANTS_DIR, { withFileTypes: true })
      .filter((entry) => entry.isDirectory() && entry.name !== 'shared')
      .map((entry) => entry.name)
      .sort();
    expect(scenarios).toEqual(Object.keys(differs).sort());
    for (const scenario of scenarios) {
      expect(readdirSync(join(VARIANTS_DIR, scenario)), scenario).toEqual(expect.arrayContaining(['buggy', 'fixed']));
    }
  });

  it.each(Object.entries(differs))(
    '%s: buggy and fixed hold the same files, and differ only in the listed ones',
    (scenario, listed) => {
      expect(files(scenario, 'buggy')).toEqual(files(scenario, 'fixed'));
      expect(files(scenario, 'buggy')).toContain('handler.ts');
      for (const file of files(scenario, 'buggy')) {
        const same = read(scenario, 'buggy', file) === read(scenario, 'fixed', file);
        expect(same, `${scenario}/${file}`).toBe(!listed.includes(file));
      }
    },
  );
});
