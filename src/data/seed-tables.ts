// Markdown table parsing for the seed, with no build-tool imports, so plain Node and the tests
// can use it too.

export interface SeedTable {
  /** The `## ...` heading the table sits under. */
  section: string;
  header: string[];
  rows: string[][];
}

/** Splits a markdown table row into trimmed cells: `| a | b |` → ['a', 'b']. */
function cells(line: string): string[] {
  return line
    .trim()
    .replace(/^\|/, '')
    .replace(/\|$/, '')
    .split('|')
    .map((cell) => cell.trim());
}

export function parseSeedTables(markdown: string): SeedTable[] {
  const tables: SeedTable[] = [];
  let section = '';
  const lines = markdown.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.startsWith('## ')) section = line.slice(3).trim();
    const next = lines[i + 1] ?? '';
    if (line.trim().startsWith('|') && /^\s*\|[\s:|-]+\|\s*$/.test(next)) {
      const table: SeedTable = { section, header: cells(line), rows: [] };
      i += 2;
      while (i < lines.length && lines[i]!.trim().startsWith('|')) table.rows.push(cells(lines[i++]!));
      tables.push(table);
    }
  }
  return tables;
}
