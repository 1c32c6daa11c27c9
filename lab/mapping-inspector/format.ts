// Terminal text for `lab map` and `lab conformance`. Pure functions of the data, so the shell,
// the REPL and the browser terminal print the same thing.

import { paint, type LabIO } from '../cli/io.ts';
import { forTerminal } from '../cli/sanitize.ts';
import type { ConformanceRow, HandlerName } from './conformance.ts';
import type { Loss } from './inspect.ts';
import type { Observation } from './observe.ts';
import type { PlatformRequest } from './platform.ts';
import { rules } from './rules/index.ts';

export interface MapColumn {
  handler: HandlerName;
  observation: Observation;
  losses: Loss[];
  /** The event as it is, on its own route. */
  result: unknown;
}

const CELL = 38;

export function formatMap(
  io: LabIO,
  name: string,
  platform: PlatformRequest,
  columns: MapColumn[],
  mounted: boolean,
): string {
  const out: string[] = [];
  // The method, the path, every cell and every loss's evidence come from the event.
  out.push(
    `${paint(io, 'bold', forTerminal(name))}  ${platform.source}  ${forTerminal(`${platform.method} ${platform.segments.join('/') || '/'}`)}`,
  );
  if (mounted)
    out.push(
      paint(io, 'dim', '(re-rooted under /echo for the request column: the echo route answers with what Nest saw)'),
    );
  const head = [
    '',
    'the platform sent',
    ...columns.map((c) => (c.handler === 'default' ? 'defaults: Nest / client' : 'lab handler: Nest / client')),
  ];
  const rows: string[][] = [head];
  const cell = (c: MapColumn, f: (o: Observation) => string) => f(c.observation);
  const seen = (c: MapColumn) => c.observation.request.seen;
  rows.push([
    'path',
    `/${platform.segments.slice(1).join('/')}${platform.stagePrefix ? `  (stage ${platform.stagePrefix})` : ''}`,
    ...columns.map(
      (c) =>
        seen(c)?.path ??
        (c.observation.request.notFoundPath
          ? `${c.observation.request.notFoundPath} → 404`
          : statusOf(c.observation.request)),
    ),
  ]);
  rows.push([
    'query',
    JSON.stringify(platform.query),
    ...columns.map((c) => (seen(c) ? JSON.stringify(seen(c)!.query) : '—')),
  ]);
  rows.push([
    'cookies',
    JSON.stringify(platform.cookies),
    ...columns.map((c) => (seen(c) ? JSON.stringify(seen(c)!.cookies) : '—')),
  ]);
  rows.push([
    'body',
    platform.body === 'invalid-base64' ? 'isBase64Encoded, NOT base64' : `${platform.body.length} bytes`,
    ...columns.map((c) => (seen(c) ? `${seen(c)!.bodyLength} bytes` : statusOf(c.observation.request))),
  ]);
  rows.push(['result', '', ...columns.map((c) => resultLine(c.result))]);
  rows.push([
    'Set-Cookie ×2',
    'GET /cookies',
    ...columns.map((c) => cell(c, (o) => `${o.cookies.response?.headers['set-cookie']?.length ?? 0} arrive`)),
  ]);
  rows.push([
    'bytes 0..255',
    'GET /files/bytes.bin',
    ...columns.map((c) =>
      cell(
        c,
        (o) =>
          `${o.bytes.response?.body.length ?? 0} bytes, base64 ${Boolean((o.bytes.record.result as { isBase64Encoded?: boolean })?.isBase64Encoded)}`,
      ),
    ),
  ]);
  const safeRows = rows.map((row) => row.map((text) => forTerminal(text)));
  const widths = head.map((_, i) => Math.min(CELL, Math.max(...safeRows.map((r) => (r[i] ?? '').length))));
  for (const [i, row] of safeRows.entries()) {
    const line = row.map((text, j) => fit(text, widths[j]!)).join('  ');
    out.push(i === 0 ? paint(io, 'bold', line) : line);
  }
  for (const c of columns) {
    out.push('');
    out.push(
      paint(io, 'bold', c.handler === 'default' ? 'losses with default options:' : 'losses with the lab handler:') +
        (c.losses.length ? '' : ` ${paint(io, 'green', 'none')}`),
    );
    for (const loss of c.losses) out.push(`  ${paint(io, 'red', loss.rule)}  ${forTerminal(loss.evidence)}`);
  }
  return out.join('\n') + '\n';
}

export function formatConformance(io: LabIO, rows: ConformanceRow[]): string {
  const out: string[] = [];
  const fixtures = [...new Set(rows.map((r) => r.fixture))];
  const width = Math.max(...fixtures.map((f) => f.length));
  // The lab column holds `ok` or a REST row's needs-binaryMediaTypes.
  const labWidth = Math.max(4, ...rows.filter((r) => r.handler === 'lab').map((r) => r.losses.join(', ').length));
  out.push(
    paint(io, 'bold', `${'fixture'.padEnd(width)}  ${'source'.padEnd(12)}  ${'lab'.padEnd(labWidth)}  defaults`),
  );
  const verdict = (r: ConformanceRow | undefined, pad = 0) =>
    !r
      ? '—'.padEnd(pad)
      : r.losses.length
        ? paint(io, 'red', r.losses.join(', ').padEnd(pad))
        : paint(io, 'green', 'ok'.padEnd(pad));
  for (const fixture of fixtures) {
    const d = rows.find((r) => r.fixture === fixture && r.handler === 'default');
    const l = rows.find((r) => r.fixture === fixture && r.handler === 'lab');
    out.push(`${fixture.padEnd(width)}  ${(d ?? l)!.source.padEnd(12)}  ${verdict(l, labWidth)}  ${verdict(d)}`);
  }
  out.push('');
  const rw = Math.max(...rules.map((r) => r.name.length));
  out.push(paint(io, 'bold', `${'rule'.padEnd(rw)}  defaults  lab   (events with this loss, of ${fixtures.length})`));
  for (const rule of rules) {
    const count = (h: HandlerName) => rows.filter((r) => r.handler === h && r.losses.includes(rule.name)).length;
    const [d, l] = [count('default'), count('lab')];
    out.push(
      `${rule.name.padEnd(rw)}  ${String(d).padStart(8)}  ${String(l).padStart(3)}   ${paint(io, 'dim', rule.summary)}`,
    );
  }
  const total = (h: HandlerName) => rows.filter((r) => r.handler === h && r.losses.length > 0).length;
  out.push('');
  out.push(
    `events with a loss: defaults ${total('default')} of ${fixtures.length}, lab handler ${total('lab')} of ${fixtures.length}`,
  );
  return out.join('\n') + '\n';
}

function statusOf(probe: Observation['request']): string {
  return probe.response
    ? `HTTP ${probe.response.statusCode}`
    : `${probe.record.status}${probe.record.errorMessage ? `: ${probe.record.errorMessage}` : ''}`;
}

function resultLine(result: unknown): string {
  const r = result as { statusCode?: number; isBase64Encoded?: boolean; body?: string } | undefined;
  if (!r || typeof r.statusCode !== 'number') return 'no HTTP result';
  return `HTTP ${r.statusCode}${r.isBase64Encoded ? ' (base64)' : ''} ${(r.body ?? '').slice(0, 60)}`;
}

function fit(text: string, width: number): string {
  return text.length > width ? `${text.slice(0, width - 1)}…` : text.padEnd(width);
}
