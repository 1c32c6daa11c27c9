// The site's own words live in Starlight's i18n dictionaries (src/content/i18n/<lang>.json), one
// key per string: every key is in every language, and every key a component asks for exists.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { labTerminalStrings } from '../../src/data/lab-terminal-strings.ts';
import { ROOT } from './dist.ts';

const I18N = join(ROOT, 'src/content/i18n');
const dictionaries = Object.fromEntries(
  readdirSync(I18N)
    .filter((name) => name.endsWith('.json'))
    .map((name) => [
      name.replace(/\.json$/, ''),
      JSON.parse(readFileSync(join(I18N, name), 'utf8')) as Record<string, string>,
    ]),
);

describe('the i18n dictionaries', () => {
  it('have English and Korean, with the same keys', () => {
    expect(Object.keys(dictionaries).sort()).toEqual(['en', 'ko']);
    expect(Object.keys(dictionaries.ko!).sort()).toEqual(Object.keys(dictionaries.en!).sort());
  });

  it('hold every key of the lab terminal, and no empty string', () => {
    for (const dictionary of Object.values(dictionaries)) {
      expect(labTerminalStrings.parse(dictionary)).toBeTruthy();
      expect(Object.values(dictionary).filter((text) => !text.trim())).toEqual([]);
    }
  });

  it('keep the markers a component fills in (<cmd>, <path>, <lines>) in every language', () => {
    const markers = (text: string) => [...text.matchAll(/<\w+>/g)].map((m) => m[0]).sort();
    for (const key of Object.keys(dictionaries.en!)) {
      expect(markers(dictionaries.ko![key]!), key).toEqual(markers(dictionaries.en![key]!));
    }
  });

  it('name every key LabTerminal asks for', () => {
    const source = readFileSync(join(ROOT, 'src/components/LabTerminal.astro'), 'utf8');
    const asked = [...source.matchAll(/\bt\('([\w.]+)'\)/g)].map((m) => m[1]!);
    expect(asked.length).toBeGreaterThan(10);
    for (const key of asked) expect(Object.keys(labTerminalStrings.shape)).toContain(key);
  });
});
