// The columns a line takes on a terminal, measured independently of lab/cli/layout.ts: colour
// and cursor codes stripped, a redrawn line (\r) measured from its last start, a tab run to the
// next stop of 8, East Asian wide characters (Hangul) counted as two.
import stringWidth from 'string-width';

export function visibleWidth(line: string): number {
  const shown = line.slice(line.lastIndexOf('\r') + 1).replace(/\u001b\[[0-9;?]*[A-Za-z]/g, '');
  let column = 0;
  for (const char of shown) {
    if (char === '\t') column += 8 - (column % 8);
    else column += stringWidth(char);
  }
  return column;
}

/** The lines of `text` wider than `width`, for a failure message that shows them. */
export function widerThan(text: string, width: number): string[] {
  return text.split('\n').filter((line) => visibleWidth(line) > width);
}
