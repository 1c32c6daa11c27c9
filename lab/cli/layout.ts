// Text laid out for the width of the terminal that will show it: a shell's (`process.stdout.columns`,
// `COLUMNS` when not a TTY), a page terminal's (xterm's columns after fit), 80 when nothing says.
// Every printer lays out its tables and prose here, and runCommand passes everything a command
// writes through `fitToWidth()`, so no line is wider than the terminal: a terminal that wraps a
// line itself puts a table's cell under the wrong heading and splits words anywhere.
//
// A printer asks for the width once and lays out with it:
//   const width = outputWidth(io);
//   io.out(table([{ header: 'door' }, { header: 'status', keep: true }, { header: 'what the client gets' }],
//     rows, width, { headerStyle: (h) => paint(io, 'bold', h) }).join('\n') + '\n');
//   io.out(wrap(prose, width, { indent: 2, hanging: 4 }).join('\n') + '\n');
//
// Width is what the terminal shows, not `.length`: ANSI colour takes no column, Hangul and other
// East Asian wide characters take two (string-width, the measure wrap-ansi wraps by), a tab
// runs to the next multiple of 8.
import stringWidth from 'string-width';
import wrapAnsi from 'wrap-ansi';
import { validColumns, type LabIO } from './io.ts';

/** The width when the terminal gives none (a pipe without COLUMNS): what terminals open at. */
export const DEFAULT_COLUMNS = 80;
/** Narrower than this, a line cannot say anything: layout uses this much and a terminal wraps the rest. */
export const MIN_COLUMNS = 20;
const TAB = 8;

/** The width a command lays its output out for. */
export function outputWidth(io: Pick<LabIO, 'columns'>): number {
  return Math.max(MIN_COLUMNS, validColumns(io.columns) ?? DEFAULT_COLUMNS);
}

/** Columns a terminal gives `text` (one line): colour codes none, wide characters two, tabs to the next stop. */
export function displayWidth(text: string): number {
  if (!text.includes('\t')) return stringWidth(text);
  let column = 0;
  for (const [i, part] of text.split('\t').entries()) {
    if (i > 0) column += TAB - (column % TAB);
    column += stringWidth(part);
  }
  return column;
}

/** `text` padded with spaces to `width` columns (left-aligned unless `align` is right). */
export function pad(text: string, width: number, align: 'left' | 'right' = 'left'): string {
  const room = ' '.repeat(Math.max(0, width - displayWidth(text)));
  return align === 'right' ? room + text : text + room;
}

/** One line of at most `width` columns: cut at a word if it can be, with "…" to say so. */
export function truncate(text: string, width: number): string {
  if (displayWidth(text) <= width) return text;
  if (width <= 1) return '…'.slice(0, width);
  const [first = ''] = wrapAnsi(text, width - 1, { hard: true, trim: true }).split('\n');
  return `${first}…`;
}

export interface WrapOptions {
  /** Spaces before the first line. */
  indent?: number;
  /** Spaces before every following line (default: the indent). */
  hanging?: number;
}

/**
 * Prose folded at word boundaries into lines of at most `width` columns (a word longer than a
 * line is cut). Each paragraph ("\n") folds on its own; colour carries over a fold.
 */
export function wrap(text: string, width: number, options: WrapOptions = {}): string[] {
  const out: string[] = [];
  for (const line of text.split('\n')) {
    if (line.trim() === '') {
      out.push('');
      continue;
    }
    // Spaces the text starts with are indent (wrap-ansi would trim them away).
    const paragraph = line.trimStart();
    const indent = fitIndent((options.indent ?? 0) + line.length - paragraph.length, width);
    const hanging = fitIndent(options.hanging ?? indent, width);
    const [first = '', ...rest] = wrapAnsi(paragraph, width - indent, { hard: true, trim: true }).split('\n');
    out.push(' '.repeat(indent) + first);
    if (rest.length === 0) continue;
    if (hanging <= indent) {
      out.push(...rest.map((line) => ' '.repeat(hanging) + line));
      continue;
    }
    // A deeper hanging indent leaves less room: the text after the first line folds again at
    // its own width (cut from the paragraph itself, so a word cut at the first fold stays whole).
    const remainder = afterVisible(paragraph, stringWidth(first)).trimStart();
    for (const line of wrapAnsi(remainder, width - hanging, { hard: true, trim: true }).split('\n'))
      out.push(' '.repeat(hanging) + line);
  }
  return out;
}

const SGR = /^\u001b\[[0-9;]*m/;

/**
 * The text after its first `columns` visible columns, opened with the colour in force there
 * (wrap-ansi closes a colour at a fold and reopens it on the next line).
 */
function afterVisible(text: string, columns: number): string {
  let seen = 0;
  let style = '';
  let i = 0;
  while (i < text.length && seen < columns) {
    const code = SGR.exec(text.slice(i));
    if (code) {
      style = /^\u001b\[0?m$/.test(code[0]) ? '' : code[0];
      i += code[0].length;
      continue;
    }
    const char = String.fromCodePoint(text.codePointAt(i)!);
    seen += stringWidth(char);
    i += char.length;
  }
  // Codes right at the cut belong to what follows.
  return style + text.slice(i);
}

/** An indent that leaves at least half the line for the text. */
function fitIndent(indent: number, width: number): number {
  return Math.max(0, Math.min(indent, Math.floor(width / 2)));
}

/** "label: value" with the value's continuation lines under the value's start (or 2 in, when the label is long). */
export function labelled(label: string, value: string, width: number, labelWidth = displayWidth(label)): string[] {
  const head = pad(label, labelWidth) + ' ';
  if (displayWidth(head) > width / 3) return wrap(head + value, width, { hanging: 2 });
  // The value folds in its own column, right of the label.
  const [first = '', ...rest] = wrap(value, width - displayWidth(head));
  return [head + first, ...rest.map((line) => ' '.repeat(displayWidth(head)) + line)];
}

/**
 * Short parts ("init 312.40 ms", "memory 94/512 MB") on as few lines as they fit, joined by
 * `separator`, a part never split unless it is wider than a line; continuation lines 2 in.
 */
export function packed(parts: string[], width: number, separator = '  '): string[] {
  const lines: string[] = [];
  let current = '';
  for (const part of parts) {
    const joined = current ? current + separator + part : part;
    if (displayWidth(joined) <= width || !current) {
      current = joined;
      continue;
    }
    lines.push(current);
    current = '  ' + part;
  }
  if (current) lines.push(current);
  return lines.flatMap((line) =>
    displayWidth(line) <= width ? [line] : wrap(line.trimStart(), width, { hanging: 2 }),
  );
}

export interface TableColumn {
  header: string;
  align?: 'left' | 'right';
  /** Never folded (a number, an id): the column keeps its full width and the others fold. */
  keep?: boolean;
}

export interface TableOptions {
  /** Spaces between columns (2). */
  gap?: number;
  /** Spaces before every line. */
  indent?: number;
  /** Applied to the heading line(s) and, stacked, to each label. */
  headerStyle?: (text: string) => string;
  /** A folded column keeps at least this many columns; below that the table is stacked (8). */
  minCell?: number;
}

/**
 * Rows under headings, fitted to `width`: at full width when it fits, else with the widest
 * foldable columns folded at word boundaries (a cell may take several lines), and when even that
 * cannot fit, stacked: one record per row, one "heading: value" line per cell. Cells may hold
 * colour and "\n".
 */
export function table(columns: TableColumn[], rows: string[][], width: number, options: TableOptions = {}): string[] {
  const gap = options.gap ?? 2;
  const indent = options.indent ?? 0;
  const minCell = options.minCell ?? 8;
  const style = options.headerStyle ?? ((text: string) => text);
  const room = width - indent - gap * (columns.length - 1);
  const natural = columns.map((column, i) =>
    Math.max(displayWidth(column.header), ...rows.map((row) => widest(row[i] ?? ''))),
  );
  const widths = fitColumns(columns, natural, room, minCell);
  if (!widths) return stacked(columns, rows, width, indent, style);
  const lead = ' '.repeat(indent);
  const render = (cells: string[]): string[] => {
    const folded = cells.map((cell, i) => (natural[i]! <= widths[i]! ? cell.split('\n') : foldCell(cell, widths[i]!)));
    const height = Math.max(1, ...folded.map((lines) => lines.length));
    return Array.from({ length: height }, (_, line) =>
      (
        lead + folded.map((lines, i) => pad(lines[line] ?? '', widths[i]!, columns[i]!.align)).join(' '.repeat(gap))
      ).trimEnd(),
    );
  };
  return [...render(columns.map((c) => c.header)).map(style), ...rows.flatMap((row) => render(row))];
}

function widest(cell: string): number {
  return Math.max(0, ...cell.split('\n').map(displayWidth));
}

function foldCell(cell: string, width: number): string[] {
  return cell.split('\n').flatMap((line) => wrap(line, width));
}

/** Each column's width within `room`, or undefined when the folded columns would go below `minCell`. */
function fitColumns(columns: TableColumn[], natural: number[], room: number, minCell: number): number[] | undefined {
  const total = natural.reduce((a, b) => a + b, 0);
  if (total <= room) return natural;
  // A heading's words are never cut: a folded column keeps at least its longest one.
  const floor = natural.map((n, i) =>
    columns[i]!.keep ? n : Math.max(Math.min(n, minCell), ...columns[i]!.header.split(/\s+/).map(displayWidth)),
  );
  let spare = room - floor.reduce((a, b) => a + b, 0);
  if (spare < 0) return undefined;
  // Spare columns go one at a time to the column furthest, in proportion, from its full width.
  const widths = [...floor];
  while (spare > 0) {
    let best = -1;
    for (let i = 0; i < widths.length; i++) {
      if (widths[i]! >= natural[i]!) continue;
      if (best < 0 || (natural[i]! - widths[i]!) / natural[i]! > (natural[best]! - widths[best]!) / natural[best]!)
        best = i;
    }
    if (best < 0) break;
    widths[best]! += 1;
    spare -= 1;
  }
  return widths;
}

function stacked(
  columns: TableColumn[],
  rows: string[][],
  width: number,
  indent: number,
  style: (text: string) => string,
): string[] {
  const labelWidth = Math.max(...columns.map((c) => displayWidth(c.header) + 1));
  const out: string[] = [];
  for (const [r, row] of rows.entries()) {
    if (r > 0) out.push('');
    for (const [i, column] of columns.entries()) {
      const value = (row[i] ?? '').split('\n').join(' ');
      if (!value.trim()) continue;
      const label = column.header ? `${column.header}:` : '';
      const lines = labelled(label, value, width - indent, labelWidth <= (width - indent) / 3 ? labelWidth : 0);
      // The label styled, the value as it is: the label is the start of the first line.
      const [first = '', ...rest] = lines;
      const styledFirst = label ? style(first.slice(0, label.length)) + first.slice(label.length) : first;
      out.push(...[styledFirst, ...rest].map((line) => ' '.repeat(indent) + line));
    }
  }
  return out;
}

/**
 * Every line of `text` at most `width` columns. A line that fits is left exactly as it is; a
 * wider one folds at word boundaries with its continuation 2 spaces deeper than its own indent,
 * and a tab-separated line (CloudWatch's REPORT) folds at its tabs first.
 */
export function fitLine(line: string, width: number): string {
  if (displayWidth(line) <= width) return line;
  const indent = fitIndent(leadingSpaces(line), width);
  const hanging = fitIndent(indent + 2, width);
  if (!line.includes('\t')) return wrap(line.slice(indent), width, { indent, hanging }).join('\n');
  const out: string[] = [];
  let current = '';
  for (const field of line.split('\t')) {
    const joined = current ? `${current}\t${field}` : field;
    if (displayWidth(joined) <= width) {
      current = joined;
      continue;
    }
    if (current) out.push(current);
    const text = field.trimStart();
    // A field that fits a line but not behind the hanging indent (a request id) starts the line.
    const deep = displayWidth(text) + hanging <= width ? hanging : 0;
    const pieces = wrap(text, width, { indent: out.length === 0 ? indent : deep, hanging });
    current = pieces.pop() ?? '';
    out.push(...pieces);
  }
  if (current) out.push(current);
  return out.join('\n');
}

function leadingSpaces(line: string): number {
  return /^ */.exec(line.replace(/\u001b\[[0-9;]*m/g, ''))![0].length;
}

/**
 * A LabIO whose output never has a line wider than the terminal: each line is fitted as it is
 * written (a command's output streams, so nothing waits for the end). A line written in pieces
 * is measured as a whole; a "\r" (a redrawn progress line) starts the line again.
 */
export function fitToWidth(io: LabIO): LabIO {
  const width = outputWidth(io);
  const fitter = () => {
    let column = 0;
    return (text: string): string => {
      const segments = text.split('\n');
      return segments
        .map((segment, i) => {
          if (i > 0) column = 0;
          const cr = segment.lastIndexOf('\r');
          const head = cr >= 0 ? segment.slice(0, cr + 1) : '';
          const tail = cr >= 0 ? segment.slice(cr + 1) : segment;
          if (cr >= 0) column = 0;
          const shown = displayWidth(tail);
          if (column + shown <= width) {
            column += shown;
            return head + tail;
          }
          // The start of this line was written earlier: go on from a new line rather than run over.
          const fitted = fitLine(tail, width);
          const prefix = column > 0 ? '\n' : '';
          column = displayWidth(fitted.slice(fitted.lastIndexOf('\n') + 1));
          return head + prefix + fitted;
        })
        .join('\n');
    };
  };
  const out = fitter();
  const err = fitter();
  return { ...io, columns: width, out: (text) => io.out(out(text)), err: (text) => io.err(err(text)) };
}
