import { afterEach, describe, expect, it } from 'vitest';
import type { LocalFunction } from '../../lab/runtime/local-function.ts';
import { fixtureFunction } from './helpers.ts';

let fn: LocalFunction | undefined;
afterEach(async () => {
  await fn?.shutdown();
  fn = undefined;
});

// Source: AWS docs, monitoring-cloudwatchlogs-logformat.html (LogFormat JSON) and the runtime
// client's LogPatch.js (formatJsonMessage, AWS_LAMBDA_LOG_FORMAT, the JSON error logger).
describe('LogFormat JSON: the function own lines as JSON', () => {
  it('console.log becomes { timestamp, level, requestId, message }', async () => {
    fn = fixtureFunction('logger', { logFormat: 'JSON' });
    const record = await fn.invoke({ n: 7 });
    const lines = record.logs.filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines).toContainEqual({
      timestamp: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      level: 'INFO',
      requestId: record.requestId,
      message: 'handling 7',
    });
    expect(lines).toContainEqual(expect.objectContaining({ level: 'ERROR', message: 'a warning line' }));
  });

  it('a thrown error is logged as the error itself, with errorType and stackTrace', async () => {
    fn = fixtureFunction('failing', { logFormat: 'JSON' });
    const record = await fn.invoke({ kind: 'error' });
    const line = record.logs.find((l) => l.includes('"errorType"'));
    expect(JSON.parse(line!)).toMatchObject({
      level: 'ERROR',
      requestId: record.requestId,
      message: { errorType: 'TypeError', errorMessage: 'bad input', stackTrace: expect.any(Array) },
    });
  });
});
