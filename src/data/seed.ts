// The source document, parsed once. Every table the lessons show comes from here, so a lesson
// cannot drift from the seed (test/site/seed-tables.test.ts checks the built pages against the
// same file). src/data/seed/serverless-nest.en.md is a verbatim copy of the shared seed.
import seedText from './seed/serverless-nest.en.md?raw';
import { parseSeedTables, type SeedTable } from './seed-tables.ts';

const tables = parseSeedTables(seedText);

function tableIn(sectionStart: string): SeedTable {
  const table = tables.find((t) => t.section.startsWith(sectionStart));
  if (!table) throw new Error(`The seed has no table under "## ${sectionStart}..."`);
  return table;
}

export const stations = tableIn('1.').rows.map(([station = '', what = '']) => ({ station, what }));

export const lifecycleSteps = tableIn('2.').rows.map(([step = '', name = '', what = '', keyword = '']) => ({
  step,
  name,
  what,
  keyword,
}));

export interface ReuseItem {
  boundary: string;
  item: string;
  note: string;
}
export const reuseItems: ReuseItem[] = tableIn('3.').rows.map(([boundary = '', item = '', note = '']) => ({
  boundary,
  item,
  note,
}));

export const failureModes = tableIn('4.').rows.map(([symptom = '', looksLike = '', check = '']) => ({
  symptom,
  looksLike,
  check,
}));

/** The three numbered verification questions of section 5. */
export const verificationQuestions = seedText
  .slice(seedText.indexOf('## 5.'))
  .split(/\r?\n/)
  .filter((line) => /^\d+\.\s/.test(line))
  .map((line) => line.replace(/^\d+\.\s+/, '').trim());

/** The thesis line (the bold sentence under "## Title"). */
export const thesis = /\*\*(.+?)\*\*/.exec(seedText)?.[1] ?? '';

/** The two rules written on the map (section 1). */
export const mapRules = seedText
  .slice(seedText.indexOf('Two rules written on the map'))
  .split(/\r?\n/)
  .slice(1)
  .filter((line) => line.startsWith('- '))
  .slice(0, 2)
  .map((line) => line.slice(2).replace(/;$/, '').replace(/\.$/, ''));
