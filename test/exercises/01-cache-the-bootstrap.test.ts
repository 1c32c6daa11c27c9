import { describe, it } from 'vitest';
import { sample } from '../support/app-function.ts';
import { countSpans, describeRecord, exerciseLab, expectBehaviour, sleep, statusCode } from './support.ts';

const lab = exerciseLab('01-cache-the-bootstrap');
const BOOTSTRAP = 'init:nest-bootstrap';

describe('01 cache the bootstrap', () => {
  it('reuses the Nest app on warm calls', async () => {
    const fn = lab.fn();
    const event = await sample('health');
    const records = [await fn.invoke(event), await fn.invoke(event), await fn.invoke(event)];
    for (const r of records)
      expectBehaviour(statusCode(r) === 200, `GET /health should answer 200, got ${describeRecord(r)}.`);
    expectBehaviour(
      new Set(records.map((r) => r.containerId)).size === 1,
      'The three calls should have run in one warm environment.',
    );
    const bootstraps = countSpans(records, BOOTSTRAP);
    expectBehaviour(
      bootstraps === 1,
      `Three calls in a row on one environment ran the Nest bootstrap ${bootstraps} times; the warm calls should reuse the app the cold call built.`,
    );
  });

  it('shares one bootstrap between calls that arrive together', async () => {
    // One environment that serves several requests at once (Lambda Managed Instances).
    const fn = lab.fn({ perExecutionEnvironmentMaxConcurrency: 4, reservedConcurrency: 1 });
    const event = await sample('health');
    const first = fn.invoke(event);
    // As soon as the environment has loaded the handler, the first call starts building the
    // app; three more calls arrive while it builds.
    while (fn.containerInfo()[0]?.state === 'initializing') await sleep(1);
    const rest = [fn.invoke(event), fn.invoke(event), fn.invoke(event)];
    const records = await Promise.all([first, ...rest]);
    for (const r of records)
      expectBehaviour(statusCode(r) === 200, `GET /health should answer 200, got ${describeRecord(r)}.`);
    const bootstraps = countSpans(records, BOOTSTRAP);
    expectBehaviour(
      bootstraps === 1,
      `Four calls that arrived together on one environment ran the Nest bootstrap ${bootstraps} times; they should all await the one bootstrap the first call started.`,
    );
  });

  it('tries again after a bootstrap failed', async () => {
    const fn = lab.fn({ environment: { FAIL_FIRST_BOOTSTRAP: '1' } });
    const event = await sample('health');
    const failed = await fn.invoke(event);
    expectBehaviour(
      statusCode(failed) !== 200,
      'The first bootstrap was set up to fail, yet the first call answered 200.',
    );
    const retried = await fn.invoke(event);
    const again = await fn.invoke(event);
    expectBehaviour(
      statusCode(retried) === 200 && statusCode(again) === 200,
      `The first bootstrap failed (the configuration fetch timed out) and the next call still failed (${describeRecord(retried)}): a rejected promise stays cached. The call after a failure should build the app again.`,
    );
    expectBehaviour(
      countSpans([retried, again], BOOTSTRAP) === 1,
      'After the retry succeeded, the next call should reuse that app.',
    );
  });
});
