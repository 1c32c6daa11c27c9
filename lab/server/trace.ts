// What the page gets for one invocation: the record without its logs and response (the
// terminal already printed those), plus the function's timeout, which is the budget it had.
import type { FunctionConfig } from '../runtime/function-config.ts';
import type { InvocationRecord } from '../runtime/invocation.ts';
import type { CurrentCommand } from '../cli/current-command.ts';
import type { LabTrace } from './protocol.ts';

export function toTrace(
  record: InvocationRecord,
  settings: Pick<FunctionConfig, 'timeoutMs'>,
  origin: LabTrace['origin'],
  command?: CurrentCommand,
): LabTrace {
  return {
    requestId: record.requestId,
    containerId: record.containerId,
    coldStart: record.coldStart,
    suppressedInit: record.suppressedInit,
    status: record.status,
    ...(record.errorType ? { errorType: record.errorType } : {}),
    durationMs: record.durationMs,
    initDurationMs: record.initDurationMs,
    billedDurationMs: record.billedDurationMs,
    memorySizeMb: record.memorySizeMb,
    maxMemoryUsedMb: record.maxMemoryUsedMb,
    timeoutMs: settings.timeoutMs,
    spans: record.spans.map(({ name, startMs, durationMs }) => ({ name, startMs, durationMs })),
    origin,
    ...(command ? { command: { id: command.id, line: command.line } } : {}),
    at: Date.now(),
  };
}
