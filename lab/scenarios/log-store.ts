import { appendFile, mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { InvocationRecord } from '../runtime/invocation.ts';
import { REPO_ROOT } from '../repo-root.ts';

/**
 * Every scenario appends its invocations here (one JSON object per line), so `lab logs
 * --request <id>` finds them from any lab process: the REPL, the browser terminal, a later
 * shell command. Kept short: the newest KEEP records survive a trim.
 */
export const LOG_FILE = join(REPO_ROOT, '.lab', 'logs', 'invocations.jsonl');
const KEEP = 500;
const TRIM_ABOVE_BYTES = 4 * 1024 * 1024;

export interface StoredInvocation {
  at: string;
  scenario: string;
  variant: string;
  requestId: string;
  /** API Gateway's request id, when the event had one. */
  apiRequestId: string | null;
  status: InvocationRecord['status'];
  logs: string[];
}

export async function storeInvocations(
  scenario: string,
  variant: string,
  entries: Array<{ record: InvocationRecord; apiRequestId?: string | null }>,
  file = LOG_FILE,
): Promise<void> {
  if (entries.length === 0) return;
  await mkdir(join(file, '..'), { recursive: true });
  const lines = entries.map(({ record, apiRequestId }) => {
    const stored: StoredInvocation = {
      at: new Date().toISOString(),
      scenario,
      variant,
      requestId: record.requestId,
      apiRequestId: apiRequestId ?? null,
      status: record.status,
      logs: record.logs,
    };
    return JSON.stringify(stored) + '\n';
  });
  await appendFile(file, lines.join(''));
  if ((await stat(file)).size > TRIM_ABOVE_BYTES) {
    const kept = (await readFile(file, 'utf8')).trimEnd().split('\n').slice(-KEEP);
    await writeFile(file, kept.join('\n') + '\n');
  }
}

/**
 * The stored invocations of one request: by Lambda request id (an async invocation and its
 * retries share one), by API Gateway request id, or by any id a structured log line carries
 * (an idempotency key), oldest first.
 */
export async function findInvocations(id: string, file = LOG_FILE): Promise<StoredInvocation[]> {
  const text = await readFile(file, 'utf8').catch(() => '');
  const found: StoredInvocation[] = [];
  for (const line of text.split('\n')) {
    if (!line.includes(id)) continue;
    try {
      const stored = JSON.parse(line) as StoredInvocation;
      if (stored.requestId === id || stored.apiRequestId === id || stored.logs.some((l) => mentions(l, id)))
        found.push(stored);
    } catch {
      // A line cut short by a crash: skip it.
    }
  }
  return found;
}

function mentions(line: string, id: string): boolean {
  const json = line.slice(line.indexOf('{'));
  if (!json.startsWith('{')) return false;
  try {
    return Object.values(JSON.parse(json) as Record<string, unknown>).some((v) => v === id);
  } catch {
    return false;
  }
}

/** The JSON object a structured log line carries, if it carries one. */
export function jsonOfLine(line: string): Record<string, unknown> | undefined {
  const start = line.indexOf('{');
  if (start < 0) return undefined;
  try {
    const value = JSON.parse(line.slice(start)) as unknown;
    return value && typeof value === 'object' ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
