import { describe, it } from 'vitest';
import { sample } from '../support/app-function.ts';
import { countSpans, describeRecord, exerciseLab, expectBehaviour, sleep, statusCode } from './support.ts';

// The property: one app per environment, built once, rebuilt after a failure. Misconceptions
// each check catches (test/exercises/mutants/01-cache-the-bootstrap/):
// - the variable cleared after every call (.finally): warm calls are counted;
// - the app cached, not the promise: calls that arrive together are counted;
// - a rejected promise kept, or one retry written in: the bootstrap fails twice;
// - every waiter on a failed bootstrap starts its own rebuild: bootstraps after a shared failure.
// The four checks run at once, each on its own function (its own environments): the learner's
// loop (`check --watch 01`) waits for the slowest cold start, not for the four in a row.
const lab = exerciseLab('01-cache-the-bootstrap', { concurrent: true });
const BOOTSTRAP = 'init:nest-bootstrap';

describe.concurrent('01 cache the bootstrap', () => {
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

  it('tries again after a bootstrap failed, however often it fails', async () => {
    // Two failures, not one: a single retry written into the bootstrap must not pass.
    const fn = lab.fn({ environment: { FAIL_FIRST_BOOTSTRAP: '2' } });
    const event = await sample('health');
    const records = [];
    for (let i = 0; i < 4; i++) records.push(await fn.invoke(event));
    const firstOk = records.findIndex((r) => statusCode(r) === 200);
    // Retrying inside the call is fine too: what matters is that the environment recovers.
    expectBehaviour(
      firstOk !== -1 && firstOk <= 2,
      `The first two bootstraps were set up to fail (the configuration fetch timed out) and four calls in a row answered ${records.map(describeRecord).join(', ')}: a rejected promise stays cached. The call after a failure should build the app again.`,
    );
    const after = records.slice(firstOk + 1);
    expectBehaviour(
      after.every((r) => statusCode(r) === 200) && countSpans(after, BOOTSTRAP) === 0,
      `Once a bootstrap succeeded, the calls after it answered ${after.map(describeRecord).join(', ')} and ran the bootstrap ${countSpans(after, BOOTSTRAP)} more times: they should reuse that app.`,
    );
  });

  it('retries once for calls that were waiting on a bootstrap that failed', async () => {
    const fn = lab.fn({
      perExecutionEnvironmentMaxConcurrency: 4,
      reservedConcurrency: 1,
      environment: { FAIL_FIRST_BOOTSTRAP: '1' },
    });
    const event = await sample('health');
    const first = fn.invoke(event);
    while (fn.containerInfo()[0]?.state === 'initializing') await sleep(1);
    const records = await Promise.all([first, fn.invoke(event), fn.invoke(event), fn.invoke(event)]);
    const next = await fn.invoke(event);
    expectBehaviour(
      statusCode(next) === 200,
      `After the failed bootstrap, the next call answered ${describeRecord(next)}.`,
    );
    const bootstraps = countSpans([...records, next], BOOTSTRAP);
    expectBehaviour(
      bootstraps === 1,
      `Four calls waited together on a bootstrap that failed; after it, the environment built the app ${bootstraps} times. Each waiter started its own rebuild: they should share one new promise, as they shared the first.`,
    );
  });
});
