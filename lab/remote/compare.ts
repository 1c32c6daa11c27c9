import { paint, type LabIO } from '../cli/io.ts';
import { formatMs } from '../milliseconds.ts';
import type { InvocationRecord } from '../runtime/invocation.ts';
import { forTerminal } from '../cli/sanitize.ts';

/**
 * `lab invoke --compare`: the lab's run and the deployed function's run of one event, side by
 * side, in the REPORT's own terms. Both columns are measurements: the lab's from its containers,
 * AWS's from the REPORT line in the function's log tail.
 */
export function formatComparison(io: LabIO, lab: InvocationRecord, aws: InvocationRecord): string {
  const rows: Array<[string, string, string]> = [
    ['', 'lab', 'AWS Lambda'],
    ['status', statusOf(lab), statusOf(aws)],
    ['start', startOf(lab), startOf(aws)],
    ['Init Duration', initOf(lab), initOf(aws)],
    ['Duration', formatMs(lab.durationMs, 2), formatMs(aws.durationMs, 2)],
    ['Billed Duration', `${lab.billedDurationMs} ms`, `${aws.billedDurationMs} ms`],
    [
      'Max Memory Used',
      `${lab.maxMemoryUsedMb}/${lab.memorySizeMb} MB`,
      `${aws.maxMemoryUsedMb}/${aws.memorySizeMb} MB`,
    ],
  ];
  // An error type is what the function answered: shown escaped, before any colour is added.
  for (const row of rows) row.forEach((cell, column) => (row[column] = forTerminal(cell)));
  const width = [0, 1, 2].map((column) => Math.max(...rows.map((row) => row[column]!.length)));
  const lines = rows.map((row, index) => {
    const text = row
      .map((cell, column) => cell.padEnd(width[column]!))
      .join('   ')
      .trimEnd();
    return index === 0 ? paint(io, 'bold', text) : text;
  });
  return lines.join('\n') + '\n';
}

function statusOf(r: InvocationRecord): string {
  return r.status === 'ok' ? 'ok' : `${r.status}${r.errorType ? ` (${r.errorType})` : ''}`;
}

function startOf(r: InvocationRecord): string {
  if (r.status === 'throttled') return 'throttled';
  if (!r.coldStart) return 'warm';
  return r.suppressedInit ? 'cold (suppressed init)' : 'cold';
}

function initOf(r: InvocationRecord): string {
  return r.initDurationMs === null ? '-' : formatMs(r.initDurationMs, 2);
}
