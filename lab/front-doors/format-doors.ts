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
  out.push(
    fit(
      `the fixture door-cases.mjs through each front door, real runs: function timeout ${report.functionTimeoutMs} ms, reserved concurrency ${report.reservedConcurrency}`,
      columns,
    ),
  );
  const row = (head: string, cells: string[]) =>
    [head.padEnd(CASE_WIDTH), ...cells.map((c) => fit(c, cell))].join(' '.repeat(GAP)).trimEnd();
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
  out.push(
    paint(
      io,
      'dim',
      row(
        '',
        doors.map((d) => setup(d)),
      ),
    ),
  );
  for (const kase of report.cases) {
    const runs = doors.map((d) => report.runs.find((r) => r.door === d.door && r.case === kase));
    out.push(
      row(
        kase,
        runs.map((r) => (r ? summary(r) : '—')),
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
    out.push(fit(`  ${d.label}: ${clock}; response limit ${mb(d.limits.responseBytes)}`, columns));
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
  out.push(
    paint(
      io,
      'dim',
      fit('`lab doors --json`: every run with its headers, body and source; lab/front-doors/ is the model.', columns),
    ),
  );
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
  return bytes >= 1_048_576 ? `${(bytes / 1_048_576).toFixed(bytes % 1_048_576 === 0 ? 0 : 1)} MB` : `${bytes} B`;
}

function fit(text: string, width: number): string {
  return text.length > width ? `${text.slice(0, Math.max(1, width - 1))}…` : text.padEnd(width);
}
