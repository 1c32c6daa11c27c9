// The learner's handler deployed through the real local Lambda (lab/runtime/) with the probe
// preloaded: the function's own settings, plus NODE_OPTIONS=--import and the probe's two
// variables. Each verification question makes its own function (a fresh environment), so one
// question's calls are no part of another's counts.

import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { functionConfig } from '../runtime/function-config.ts';
import type { InvocationRecord } from '../runtime/invocation.ts';
import { LocalFunction } from '../runtime/local-function.ts';
import { nestProbeScripts } from './nest-probe/build.ts';
import { PROBE_ENV, type ProbeRecord } from './nest-probe/records.ts';

export interface VerifyTarget {
  /** The module the environment loads (for a `.ts` handler, its unbundled build: see verify.ts). */
  modulePath: string;
  exportName: string;
  /** The function's own environment variables (--env, the lab's DATABASE_URL for the lab's own code). */
  environment: Record<string, string>;
}

export interface ProbedFunction {
  fn: LocalFunction;
  invoke(event: unknown): Promise<InvocationRecord>;
  /** Every record the probe wrote so far, in order. */
  records(): Promise<ProbeRecord[]>;
  close(): Promise<void>;
}

export async function probedFunction(
  target: VerifyTarget,
  options: { failFirstBootstrap?: boolean; perEnvironmentConcurrency?: number; timeoutMs?: number } = {},
): Promise<ProbedFunction> {
  const { preloadUrl } = await nestProbeScripts();
  const dir = await mkdtemp(join(tmpdir(), 'lab-verify-'));
  const recordsFile = join(dir, 'records.jsonl');
  const fn = new LocalFunction(
    functionConfig({
      functionName: basename(target.modulePath).replace(/\.[^.]+$/, '') || 'function',
      handlerPath: target.modulePath,
      handlerExport: target.exportName,
      timeoutMs: options.timeoutMs ?? 10_000,
      ...(options.perEnvironmentConcurrency
        ? { perExecutionEnvironmentMaxConcurrency: options.perEnvironmentConcurrency, reservedConcurrency: 1 }
        : {}),
      environment: {
        ...target.environment,
        NODE_OPTIONS: `--import=${preloadUrl}`,
        [PROBE_ENV.records]: recordsFile,
        ...(options.failFirstBootstrap ? { [PROBE_ENV.failFirst]: join(dir, 'failed-once') } : {}),
      },
    }),
  );
  return {
    fn,
    invoke: (event) => fn.invoke(event),
    records: () => readRecords(recordsFile),
    async close() {
      await fn.shutdown();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

export async function readRecords(file: string): Promise<ProbeRecord[]> {
  const text = await readFile(file, 'utf8').catch(() => '');
  const records: ProbeRecord[] = [];
  for (const line of text.split('\n')) {
    if (!line) continue;
    try {
      records.push(JSON.parse(line) as ProbeRecord);
    } catch {
      // A line cut short by a killed environment: the rest still counts.
    }
  }
  return records;
}
