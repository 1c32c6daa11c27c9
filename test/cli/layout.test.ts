import { describe, expect, it } from 'vitest';
import { clientColumns, type LabIO } from '../../lab/cli/io.ts';
import { displayWidth, fitLine, fitToWidth, outputWidth, packed, table, truncate, wrap } from '../../lab/cli/layout.ts';
import { visibleWidth } from '../support/visible-width.ts';

const RED = (text: string) => `\u001b[31m${text}\u001b[0m`;

describe('the width of text as a terminal shows it', () => {
  it('counts no column for colour, two for Hangul, and runs a tab to the next stop of 8', () => {
    expect(displayWidth(RED('abc'))).toBe(3);
    expect(displayWidth('한국어')).toBe(6);
    expect(displayWidth('ab\tc')).toBe(9);
    expect(displayWidth('REPORT\tDuration')).toBe(16);
  });

  it('takes the TTY width, else COLUMNS, else none; the layout then uses 80', () => {
    expect(clientColumns({ isTTY: true, columns: 73 }, {})).toBe(73);
    expect(clientColumns({ isTTY: false }, { COLUMNS: '40' })).toBe(40);
    expect(clientColumns({ isTTY: false }, { COLUMNS: 'wide' })).toBeUndefined();
    expect(outputWidth({})).toBe(80);
    expect(outputWidth({ columns: 5 })).toBe(20);
  });
});

describe('wrap', () => {
  it('folds prose at word boundaries, never inside a word that fits on a line', () => {
    const text = 'a singleton outlives the request: keep request state per invocation and await all work';
    const lines = wrap(text, 30);
    for (const line of lines) expect(displayWidth(line)).toBeLessThanOrEqual(30);
    expect(lines.join(' ')).toBe(text);
  });

  it('folds Korean by its double width', () => {
    const lines = wrap('한국어 텍스트는 두 칸씩 차지합니다 그래서 줄바꿈이 더 일찍 일어납니다', 20);
    expect(lines.length).toBeGreaterThan(2);
    for (const line of lines) expect(visibleWidth(line)).toBeLessThanOrEqual(20);
  });

  it('indents the first line and hangs the rest, and keeps colour across a fold', () => {
    const lines = wrap(RED('hint: look at where the server is created and how often'), 24, { indent: 2, hanging: 4 });
    expect(lines[0]!.startsWith('  ')).toBe(true);
    for (const line of lines.slice(1)) expect(line.startsWith('    ')).toBe(true);
    for (const line of lines) expect(line).toContain('\u001b[31m');
  });

  it('cuts a word longer than the line rather than letting it run over', () => {
    for (const line of wrap('x'.repeat(50), 20)) expect(displayWidth(line)).toBeLessThanOrEqual(20);
    expect(truncate('a long line of words', 10)).toBe('a long…');
  });
});

describe('table', () => {
  const columns = [{ header: 'name', keep: true }, { header: 'what it is' }, { header: 'n', align: 'right' as const }];
  const rows = [
    ['alpha', 'the first sample, with a description long enough to fold', '1'],
    ['beta', 'short', '22'],
  ];

  it('lines the cells up under their headings when everything fits', () => {
    const lines = table(columns, rows, 120);
    expect(lines).toHaveLength(3);
    const at = lines[0]!.indexOf('what it is');
    expect(lines[1]!.indexOf('the first')).toBe(at);
    expect(lines[2]!.indexOf('short')).toBe(at);
    expect(lines[2]!.endsWith('22')).toBe(true);
  });

  it('folds the wide column inside its own column when the terminal is narrower', () => {
    const lines = table(columns, rows, 40);
    for (const line of lines) expect(displayWidth(line)).toBeLessThanOrEqual(40);
    const at = lines[0]!.indexOf('what it is');
    // Every continuation of the folded cell starts under its heading, not under "name".
    const folded = lines.slice(
      2,
      lines.findIndex((l) => l.startsWith('beta')),
    );
    expect(folded.length).toBeGreaterThan(0);
    for (const line of folded) expect(line.length - line.trimStart().length).toBe(at);
  });

  it('stacks the rows as "heading: value" records below the narrowest readable table', () => {
    const lines = table(columns, rows, 40, { minCell: 30 });
    expect(lines).toContain('name:       alpha');
    expect(lines.some((l) => l.startsWith('what it is: the first'))).toBe(true);
    for (const line of lines) expect(displayWidth(line)).toBeLessThanOrEqual(40);
    // A heading too long for a third of the line is not padded: its value follows it.
    expect(table(columns, rows, 24, { minCell: 16 })).toContain('name: alpha');
  });
});

describe('fitToWidth: the guarantee under every command', () => {
  function capture(columns: number): LabIO & { text: string } {
    const io = {
      text: '',
      color: true,
      columns,
      out: (t: string) => (io.text += t),
      err: (t: string) => (io.text += t),
    };
    return io;
  }

  it('leaves a line that fits exactly as it was written', () => {
    const io = capture(40);
    fitToWidth(io).out('short line\n\tand a tab\n');
    expect(io.text).toBe('short line\n\tand a tab\n');
  });

  it('folds a CloudWatch REPORT line at its tabs', () => {
    const report =
      'REPORT RequestId: 8f4c2d1e-0b6a-4c1f-9a2e-3d5b7c9e1f20\tDuration: 12.34 ms\tBilled Duration: 13 ms\tMemory Size: 512 MB\tMax Memory Used: 80 MB';
    const lines = fitLine(report, 60).split('\n');
    for (const line of lines) expect(visibleWidth(line)).toBeLessThanOrEqual(60);
    expect(lines.some((l) => l.trim() === 'Billed Duration: 13 ms' || l.includes('Billed Duration: 13 ms'))).toBe(true);
  });

  it('measures a line written in pieces as one line, and starts again after a \\r', () => {
    const io = capture(20);
    const fitted = fitToWidth(io);
    fitted.out('0123456789');
    fitted.out(' abcdefghij klmnop\n');
    fitted.out('\r[####....] 4/8\r[########] 8/8\n');
    for (const line of io.text.split('\n')) expect(visibleWidth(line)).toBeLessThanOrEqual(20);
    expect(io.text).toContain('\r[########] 8/8\n');
  });
});

describe('a word longer than the line', () => {
  it('is cut, and its pieces are never joined again with a space', () => {
    const json = '{"method":"GET","path":"/echo/stage","url":"/echo/stage","query":{}}';
    const lines = wrap(`result: HTTP 200 ${json}`, 30, { indent: 0, hanging: 4 });
    for (const line of lines) expect(displayWidth(line)).toBeLessThanOrEqual(30);
    expect(lines.map((l) => l.trim()).join('')).toContain(json);
  });
});

describe('packed', () => {
  it('keeps each part whole and puts as many on a line as fit', () => {
    const parts = ['COLD', 'container 7c486766', 'init 1314.61 ms', 'duration 655.38 ms', 'memory 94/512 MB'];
    expect(packed(parts, 40)).toEqual([
      'COLD  container 7c486766',
      '  init 1314.61 ms  duration 655.38 ms',
      '  memory 94/512 MB',
    ]);
    expect(packed(parts, 200)).toEqual([parts.join('  ')]);
  });
});

describe('text that starts with spaces', () => {
  it('keeps them as its indent, and folds the rest without losing or repeating a word', () => {
    const text =
      '   2000 ms  client gets 502 {"message":"Internal server error"} from API Gateway: the invocation failed';
    const lines = wrap(text, 40, { hanging: 12 });
    expect(lines[0]!.startsWith('   2000 ms')).toBe(true);
    expect(lines.map((l) => l.trim()).join(' ')).toBe(text.trim());
  });
});
