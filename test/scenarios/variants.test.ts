import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../lab/repo-root.ts';

const VARIANTS_DIR = join(REPO_ROOT, 'lab', 'variants');
const manifest = JSON.parse(readFileSync(join(VARIANTS_DIR, 'variants.json'), 'utf8')) as Record<
  string,
  { lesson: string; variants: string[]; differs: string[] }
>;
const scenarios = Object.entries(manifest).filter(([name]) => !name.startsWith('$'));

function files(scenario: string, variant: string): string[] {
  return readdirSync(join(VARIANTS_DIR, scenario, variant)).sort();
}

function read(scenario: string, variant: string, file: string): string {
  return readFileSync(join(VARIANTS_DIR, scenario, variant, file), 'utf8');
}

describe('lab/variants', () => {
  it.each(scenarios)(
    '%s: buggy and fixed hold the same files, and differ only in the listed ones',
    (scenario, entry) => {
      expect(files(scenario, 'buggy')).toEqual(files(scenario, 'fixed'));
      expect(files(scenario, 'buggy')).toContain('handler.ts');
      for (const file of files(scenario, 'buggy')) {
        const same = read(scenario, 'buggy', file) === read(scenario, 'fixed', file);
        expect(same, `${scenario}/${file}`).toBe(!entry.differs.includes(file));
      }
    },
  );

  it('names a lesson page that exists for every scenario', () => {
    const lessons = readdirSync(join(REPO_ROOT, 'content', 'docs')).map((f) => f.replace(/\.mdx?$/, ''));
    for (const [, entry] of scenarios) expect(lessons).toContain(entry.lesson);
  });
});
