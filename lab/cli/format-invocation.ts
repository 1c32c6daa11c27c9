import type { InvocationRecord } from '../runtime/invocation.ts';
import { paint, type LabIO } from './io.ts';
import { formatMs } from '../milliseconds.ts';
import { forTerminal } from './sanitize.ts';
import { outputWidth, packed } from './layout.ts';

/** The learner's view of one invocation: the CloudWatch lines, a COLD/WARM marker, the response. */
export function formatInvocation(io: LabIO, record: InvocationRecord, options: { showBody?: boolean } = {}): string {
  const lines: string[] = [];
  // The function's log lines, headers, body and error can all repeat what the event carried.
  for (const raw of record.logs) {
    const line = forTerminal(raw, { multiline: true });
    if (line.startsWith('REPORT ')) lines.push(paint(io, 'cyan', line));
    else if (line.startsWith('START ') || line.startsWith('END ')) lines.push(paint(io, 'dim', line));
    else lines.push(line);
  }
  const response = record.result as {
    statusCode?: number;
    body?: string;
    isBase64Encoded?: boolean;
    headers?: Record<string, string>;
  } | null;
  const isHttp = typeof response === 'object' && response !== null && 'statusCode' in response;
  // A learner's own handler (--handler) may return anything: shown as the JSON the caller gets.
  if (record.status === 'ok' && !isHttp && options.showBody !== false)
    lines.push(previewBody(JSON.stringify(record.result), false));
  if (record.status === 'ok' && response && isHttp && options.showBody !== false) {
    const contentType = response.headers?.['content-type'] ?? response.headers?.['Content-Type'] ?? '';
    lines.push(
      `${paint(io, 'bold', `HTTP ${forTerminal(String(response.statusCode ?? '?'))}`)} ${forTerminal(String(contentType))}`.trimEnd(),
    );
    if (typeof response.body === 'string' && response.body.length > 0)
      lines.push(forTerminal(previewBody(response.body, response.isBase64Encoded === true), { multiline: true }));
  }
  // Last, so the verdict of the call is what stays on screen.
  lines.push(summary(io, record));
  return lines.join('\n') + '\n';
}

function summary(io: LabIO, r: InvocationRecord): string {
  const marker =
    r.status === 'throttled'
      ? paint(io, 'red', 'THROTTLED')
      : r.coldStart
        ? paint(io, 'yellow', 'COLD')
        : paint(io, 'green', 'WARM');
  const parts = [marker];
  if (r.containerId) parts.push(`container ${r.containerId.slice(0, 8)}`);
  // Managed Instances: which worker thread of the environment served it.
  if (r.worker !== undefined) parts.push(`worker ${r.worker}`);
  if (r.initDurationMs !== null) parts.push(`init ${formatMs(r.initDurationMs, 2)}`);
  // No Init Duration to show: init ran inside this call, in its duration and its timeout.
  if (r.suppressedInit) parts.push('suppressed init');
  if (r.status !== 'throttled')
    parts.push(`duration ${formatMs(r.durationMs, 2)}`, `memory ${r.maxMemoryUsedMb}/${r.memorySizeMb} MB`);
  if (r.status !== 'ok')
    parts.push(paint(io, 'red', forTerminal(`${r.status}: ${r.errorType ?? ''} ${r.errorMessage ?? ''}`.trim())));
  // Each part whole on its line: "init 312.40 ms" is one fact, not two words to fold apart.
  return packed(parts, outputWidth(io)).join('\n');
}

const PREVIEW_CHARS = 600;
const PREVIEW_LINES = 14;

function previewBody(body: string, base64: boolean): string {
  if (base64) {
    const bytes = Buffer.from(body, 'base64');
    return `<${bytes.length} bytes, base64> ${bytes.subarray(0, 16).toString('hex').replace(/(..)/g, '$1 ').trim()}${bytes.length > 16 ? ' …' : ''}`;
  }
  let text = body;
  try {
    text = JSON.stringify(JSON.parse(body), null, 2);
  } catch {
    // Not JSON: shown as it is.
  }
  const lines = text.split('\n');
  if (lines.length > PREVIEW_LINES)
    return `${lines.slice(0, PREVIEW_LINES).join('\n')}\n… (${lines.length - PREVIEW_LINES} more lines; --json shows it all)`;
  return text.length > PREVIEW_CHARS
    ? `${text.slice(0, PREVIEW_CHARS)}… (${text.length} chars; --json shows it all)`
    : text;
}
