import type { ReportFields } from '../runtime/log-lines.ts';

/**
 * The REPORT record Lambda writes after every invocation, read back from a real function's log
 * tail. Two shapes, one per LogFormat (docs: monitoring-cloudwatchlogs-logformat.html):
 * - Text: `REPORT RequestId: … Duration: … ms Billed Duration: … ms Memory Size: … MB
 *   Max Memory Used: … MB [Init Duration: … ms] [Status: timeout|error [Error Type: …]]`
 *   (tab-separated in CloudWatch, shown with spaces on AWS's pages; both are read);
 * - JSON: `{"type":"platform.report","record":{"requestId","metrics":{durationMs,
 *   billedDurationMs, memorySizeMB, maxMemoryUsedMB, initDurationMs?},"status","errorType"?}}`
 *   (docs: telemetry-schema-reference.html, platform.report).
 * The lab writes the Text shape itself (lab/runtime/log-lines.ts); this reads what AWS wrote.
 */
/** The fields of a REPORT line: the ones the lab writes (log-lines.ts), read back from AWS. */
export type ReportRecord = ReportFields;

const NUMBER = String.raw`(\d+(?:\.\d+)?)`;
const TEXT_REPORT = new RegExp(
  String.raw`^REPORT RequestId: (\S+)\s+Duration: ${NUMBER} ms\s+Billed Duration: ${NUMBER} ms\s+` +
    String.raw`Memory Size: ${NUMBER} MB\s+Max Memory Used: ${NUMBER} MB` +
    String.raw`(?:\s+Init Duration: ${NUMBER} ms)?(?:\s+Status: (timeout|error))?(?:\s+Error Type: (\S+))?`,
);

/** One REPORT line in either format; undefined for any other line. */
export function parseReportLine(line: string): ReportRecord | undefined {
  const trimmed = line.trim();
  if (trimmed.startsWith('{')) return parseJsonReport(trimmed);
  const m = TEXT_REPORT.exec(trimmed);
  if (!m) return undefined;
  const [, requestId, duration, billed, memorySize, maxUsed, init, status, errorType] = m;
  return {
    requestId: requestId!,
    durationMs: Number(duration),
    billedDurationMs: Number(billed),
    memorySizeMb: Number(memorySize),
    maxMemoryUsedMb: Number(maxUsed),
    initDurationMs: init === undefined ? null : Number(init),
    ...(status ? { status: status as 'timeout' | 'error' } : {}),
    ...(errorType ? { errorType } : {}),
  };
}

function parseJsonReport(text: string): ReportRecord | undefined {
  let event: unknown;
  try {
    event = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!isObject(event) || event.type !== 'platform.report' || !isObject(event.record)) return undefined;
  const record = event.record;
  const metrics = isObject(record.metrics) ? record.metrics : {};
  const number = (key: string): number | undefined => (typeof metrics[key] === 'number' ? metrics[key] : undefined);
  const durationMs = number('durationMs');
  const billedDurationMs = number('billedDurationMs');
  const memorySizeMb = number('memorySizeMB');
  const maxMemoryUsedMb = number('maxMemoryUsedMB');
  if (typeof record.requestId !== 'string' || durationMs === undefined || billedDurationMs === undefined)
    return undefined;
  if (memorySizeMb === undefined || maxMemoryUsedMb === undefined) return undefined;
  // success | failure | error | timeout; the Text line says nothing on success, and AWS's own example
  // record has no status at all. The schema calls it a Status object: read a string or `{ status }`.
  const raw = isObject(record.status) ? record.status.status : record.status;
  const status = raw === undefined || raw === 'success' ? undefined : raw === 'timeout' ? 'timeout' : 'error';
  const errorType = isObject(record.status) ? record.status.errorType : record.errorType;
  return {
    requestId: record.requestId,
    durationMs,
    billedDurationMs,
    memorySizeMb,
    maxMemoryUsedMb,
    initDurationMs: number('initDurationMs') ?? null,
    ...(status ? { status } : {}),
    ...(typeof errorType === 'string' ? { errorType } : {}),
  };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The last REPORT in a log tail (the tail is the log's last 4 KB, so the REPORT is in it). */
export function findReport(lines: readonly string[]): ReportRecord | undefined {
  for (let i = lines.length - 1; i >= 0; i--) {
    const report = parseReportLine(lines[i]!);
    if (report) return report;
  }
  return undefined;
}
