// The `lab doors` table: cases down, doors across, each cell what that door's client got,
// fitted to the terminal's width (columns).

import { paint, type LabIO } from '../cli/io.ts';
import { forTerminal } from '../cli/sanitize.ts';
import type { DoorRun, DoorsReport } from './door-runs.ts';

const CASE_WIDTH = 10;
const GAP = 2;

export function formatDoors(
  io: LabIO,
  report: DoorsReport,
  columns = io.columns ?? process.stdout.columns ?? 100,
): string {
  const doors = report.doors;
  const cell = Math.max(12, Math.floor((columns - CASE_WIDTH - GAP * doors.length) / doors.length));
  const out: string[] = [];
  const header = `the fixture door-cases.mjs through each front door, real runs: function timeout ${report.functionTimeoutMs} ms, reserved concurrency ${report.reservedConcurrency}`;
  out.push(...wrap(header, columns, 3));
  const row = (head: string, cells: string[]) =>
    [head.padEnd(CASE_WIDTH), ...cells.map((c) => fit(c, cell))].join(' '.repeat(GAP));
  out.push(
    paint(
      io,
      'bold',
      row(
        '',
        doors.map((d) => d.label),
      ),
    ),
  );
  out.push(paint(io, 'dim', row('', doors.map(setup))));
  for (const kase of report.cases) {
    const runs = doors.map((d) => report.runs.find((r) => r.door === d.door && r.case === kase));
    // What the client got, over up to two lines of its cell; then who answered, and when.
    const cells = runs.map((r) => wrap(r ? summary(r) : '—', cell, 2));
    out.push(
      row(
        kase,
        cells.map((c) => c[0]!),
      ),
    );
    if (cells.some((c) => c.length > 1))
      out.push(
        row(
          '',
          cells.map((c) => c[1] ?? ''),
        ),
      );
    out.push(
      paint(
        io,
        'dim',
        row(
          '',
          runs.map((r) => (r ? detail(r) : '')),
        ),
      ),
    );
  }
  out.push('');
  out.push(paint(io, 'bold', 'each door:'));
  for (const d of doors) {
    const t = d.timeout;
    const clock = t
      ? `own timeout ${t.defaultMs / 1000} s by default, ${t.minMs} ms to ${t.maxMs / 1000} s (here ${d.settings.integrationTimeoutMs} ms, scaled down)`
      : 'no timeout of its own: it waits for the function (at most 900 s)';
    out.push(
      ...wrap(`${d.label}: ${clock}; response limit ${mb(d.limits.responseBytes)}`, columns - 2, 3).map(
        (l) => `  ${l}`,
      ),
    );
  }
  out.push('');
  out.push(paint(io, 'bold', 'sources (o: observed in a public issue, where AWS documents nothing):'));
  const seen = new Set<string>();
  for (const r of report.runs) {
    const { url, kind } = r.client.source;
    if (!url || seen.has(url)) continue;
    seen.add(url);
    // A URL is one word: cut, it would lead nowhere, so it is the one line left to the terminal to wrap.
    out.push(`  ${kind === 'observed' ? 'o' : ' '} ${url}`);
  }
  const footer = '`lab doors --json`: every run with its headers, body and source; lab/front-doors/ is the model.';
  out.push(...wrap(footer, columns, 2).map((line) => paint(io, 'dim', line)));
  return out.map((line) => forTerminal(line.trimEnd())).join('\n') + '\n';
}

function setup(d: DoorsReport['doors'][number]): string {
  if (d.door === 'rest') return 'no binaryMediaTypes';
  if (d.door === 'http') return `payload ${d.settings.payload}`;
  if (d.door === 'alb') return d.settings.albMultiValue ? 'multi-value headers' : 'single-value headers';
  return 'buffered';
}

function summary(r: DoorRun): string {
  const c = r.client;
  let body: string;
  if (c.bodyEncoding === 'base64') body = `${c.bodyBytes} bytes`;
  else if (c.body.startsWith('<html>')) body = 'HTML error page';
  else if (c.body === '') body = '(empty)';
  else if (r.case === 'oversized' && c.answeredBy === 'function') body = `${mb(c.bodyBytes)} body`;
  else if (r.case === 'binary' && c.answeredBy === 'function') body = `base64 text, ${c.bodyBytes} B`;
  else body = messageOf(c.body);
  return `${c.statusCode} ${body}`;
}

function detail(r: DoorRun): string {
  const who = r.client.answeredBy === 'door' ? 'door' : 'function';
  return `${who}, ${r.atMs} ms`;
}

/** `{"message":"Internal server error"}` → `Internal server error`: the text a client shows. */
function messageOf(body: string): string {
  try {
    const json = JSON.parse(body) as { message?: unknown };
    if (typeof json.message === 'string') return json.message;
  } catch {
    // not JSON: shown as it is
  }
  return body;
}

function mb(bytes: number): string {
  const whole = Math.floor(bytes / 1_048_576);
  const rest = bytes - whole * 1_048_576;
  if (whole === 0) return `${bytes} B`;
  return `${whole} MB${rest ? ` + ${rest} B` : ''}`;
}

/** Words into lines of at most `width`, at most `lines` of them (the last cut with …). */
function wrap(text: string, width: number, lines: number): string[] {
  const out: string[] = [];
  let current = '';
  for (const word of text.split(' ')) {
    const next = current === '' ? word : `${current} ${word}`;
    if (next.length <= width || current === '') current = next;
    else {
      out.push(current);
      current = word;
    }
  }
  out.push(current);
  if (out.length <= lines) return out.map((l) => fit(l, width));
  const kept = out.slice(0, lines);
  kept[lines - 1] = fit(`${kept[lines - 1]} ${out.slice(lines).join(' ')}`, width);
  return kept.map((l) => fit(l, width));
}

function fit(text: string, width: number): string {
  return text.length > width ? `${text.slice(0, Math.max(1, width - 1))}…` : text.padEnd(width);
}
