// Terminal text for `lab map` and `lab conformance`. Pure functions of the data, so the shell,
// the REPL and the browser terminal print the same thing.

import { paint, type LabIO } from '../cli/io.ts';
import { outputWidth, table, wrap, type TableColumn } from '../cli/layout.ts';
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

/** A map column folded narrower than this is hard to read: below it the map is stacked, one record per row. */
const MIN_MAP_CELL = 12;

export function formatMap(
  io: LabIO,
  name: string,
  platform: PlatformRequest,
  columns: MapColumn[],
  mounted: boolean,
): string {
  const width = outputWidth(io);
  const out: string[] = [];
  // The method, the path, every cell and every loss's evidence come from the event.
  out.push(
    ...wrap(
      `${paint(io, 'bold', forTerminal(name))}  ${platform.source}  ${forTerminal(`${platform.method} ${platform.segments.join('/') || '/'}`)}`,
      width,
      { hanging: 2 },
    ),
  );
  if (mounted)
    out.push(
      ...wrap(
        paint(io, 'dim', '(re-rooted under /echo for the request column: the echo route answers with what Nest saw)'),
        width,
      ),
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
  const [headings, ...cells] = rows.map((row) => row.map((text) => forTerminal(text)));
  const tableColumns: TableColumn[] = headings!.map((header, i) => ({ header, keep: i === 0 }));
  out.push(
    ...table(tableColumns, cells, width, { minCell: MIN_MAP_CELL, headerStyle: (text) => paint(io, 'bold', text) }),
  );
  for (const c of columns) {
    out.push('');
    out.push(
      paint(io, 'bold', c.handler === 'default' ? 'losses with default options:' : 'losses with the lab handler:') +
        (c.losses.length ? '' : ` ${paint(io, 'green', 'none')}`),
    );
    for (const loss of c.losses)
      out.push(
        ...wrap(`${paint(io, 'red', loss.rule)}  ${forTerminal(loss.evidence)}`, width, { indent: 2, hanging: 4 }),
      );
  }
  return out.join('\n') + '\n';
}

/** Below this a conformance column folds too narrow to read: stacked instead. */
const MIN_CONFORMANCE_CELL = 14;

export function formatConformance(io: LabIO, rows: ConformanceRow[]): string {
  const width = outputWidth(io);
  const bold = (text: string) => paint(io, 'bold', text);
  const out: string[] = [];
  const fixtures = [...new Set(rows.map((r) => r.fixture))];
  const verdict = (r: ConformanceRow | undefined) =>
    !r ? '—' : r.losses.length ? paint(io, 'red', r.losses.join(', ')) : paint(io, 'green', 'ok');
  out.push(
    ...table(
      [{ header: 'fixture' }, { header: 'source', keep: true }, { header: 'lab' }, { header: 'defaults' }],
      fixtures.map((fixture) => {
        const d = rows.find((r) => r.fixture === fixture && r.handler === 'default');
        const l = rows.find((r) => r.fixture === fixture && r.handler === 'lab');
        return [fixture, (d ?? l)!.source, verdict(l), verdict(d)];
      }),
      width,
      { minCell: MIN_CONFORMANCE_CELL, headerStyle: bold },
    ),
  );
  out.push('');
  out.push(
    ...table(
      [
        { header: 'rule' },
        { header: 'defaults', align: 'right', keep: true },
        { header: 'lab', align: 'right', keep: true },
        { header: `(events with this loss, of ${fixtures.length})` },
      ],
      rules.map((rule) => {
        const count = (h: HandlerName) => rows.filter((r) => r.handler === h && r.losses.includes(rule.name)).length;
        return [rule.name, String(count('default')), String(count('lab')), paint(io, 'dim', rule.summary)];
      }),
      width,
      { minCell: MIN_CONFORMANCE_CELL, headerStyle: bold },
    ),
  );
  const total = (h: HandlerName) => rows.filter((r) => r.handler === h && r.losses.length > 0).length;
  out.push('');
  out.push(
    ...wrap(
      `events with a loss: defaults ${total('default')} of ${fixtures.length}, lab handler ${total('lab')} of ${fixtures.length}`,
      width,
    ),
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
