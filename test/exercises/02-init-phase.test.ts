import { describe, it } from 'vitest';
import type { InvocationRecord } from '../../lab/runtime/invocation.ts';
import { sample } from '../support/app-function.ts';
import { countSpans, describeRecord, exerciseLab, expectBehaviour, statusCode } from './support.ts';

const lab = exerciseLab('02-init-phase');
/** The configuration fetch in app.ts takes 150 ms (a timer: the same on a busy machine). */
const CONFIG_FETCH_MS = 150;

function numbers(cold: InvocationRecord): string {
  return `Init Duration ${cold.initDurationMs} ms, first call Duration ${cold.durationMs} ms`;
}

async function coldCall(): Promise<InvocationRecord> {
  const record = await lab.fn().invoke(await sample('health'));
  expectBehaviour(
    statusCode(record) === 200,
    `GET /health should answer 200 on a cold call, got ${describeRecord(record)}.`,
  );
  expectBehaviour(record.coldStart && record.initDurationMs !== null, 'The first call should be a cold start.');
  return record;
}

describe('02 init phase vs first call', () => {
  it('builds the app in the init phase', async () => {
    const cold = await coldCall();
    const bootstrap = cold.spans.find((s) => s.name === 'init:nest-bootstrap');
    const initEnd = cold.initDurationMs!;
    const bootstrapEnd = bootstrap ? bootstrap.startMs + bootstrap.durationMs : null;
    expectBehaviour(
      bootstrapEnd !== null && bootstrapEnd <= initEnd + 1,
      bootstrapEnd === null || bootstrapEnd > initEnd + 1
        ? `The Nest bootstrap did not finish inside the init phase (${numbers(cold)}${bootstrapEnd !== null ? `, the bootstrap ended ${Math.round(bootstrapEnd)} ms after the start` : ''}). The init phase ends when the handler module has loaded.`
        : '',
    );
  });

  it('answers the first call without waiting for the bootstrap', async () => {
    const cold = await coldCall();
    // Waiting for the app costs the configuration fetch plus the Nest bootstrap (as measured in
    // this very record), so a machine that is busy slows the limit down with the call.
    const bootstrapMs = cold.spans.find((s) => s.name === 'init:nest-bootstrap')?.durationMs ?? 0;
    const limit = CONFIG_FETCH_MS + bootstrapMs;
    expectBehaviour(
      cold.durationMs < limit,
      `The first call still waited for the app: ${numbers(cold)}, where the configuration fetch and the bootstrap take ${Math.round(limit)} ms. Its Duration should be just the request; the build belongs to Init Duration.`,
    );
  });

  it('reuses the app on warm calls', async () => {
    const fn = lab.fn();
    const event = await sample('health');
    const records = [await fn.invoke(event), await fn.invoke(event), await fn.invoke(event)];
    for (const r of records)
      expectBehaviour(statusCode(r) === 200, `GET /health should answer 200, got ${describeRecord(r)}.`);
    const again = countSpans(records.slice(1), 'init:nest-bootstrap');
    expectBehaviour(
      again === 0,
      `The warm calls ran the Nest bootstrap ${again} more times; the app built in the init phase should serve them all.`,
    );
  });
});
