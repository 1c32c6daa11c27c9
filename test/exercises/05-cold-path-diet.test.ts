import { beforeAll, describe, it } from 'vitest';
import { buildExercise, type ExerciseBuild } from '../../lab/exercises-runner/build-exercise.ts';
import { json, sample } from '../support/app-function.ts';
import { median } from '../../lab/stats.ts';
import { describeRecord, exerciseLab, expectBehaviour, statusCode } from './support.ts';

// The property: a cold start that serves a summary never pays for the PDF engine. Misconceptions
// each check catches (test/exercises/mutants/05-cold-path-diet/):
// - the engine loaded in onModuleInit, while Nest boots on the first call: the cold call as a
//   whole is measured, not only Init Duration;
// - a prefetch started at load and left running (setTimeout, a non-awaited import()): same;
// - one loader every route awaits, or a warm-up on the first request of any kind: same, on the
//   summary route;
// - a lazy PDF route that renders something else: the PDF is compared with the starter's.
const lab = exerciseLab('05-cold-path-diet');
/** The stated goal: Init Duration at most this fraction of the starter's. */
const TARGET_RATIO = 0.5;
/**
 * The cold summary call as a whole (Init Duration + Duration) at most this fraction of the
 * starter's. Measured under load on 2 cores: the reference 0.2-0.5, a cost only moved out of init
 * 1.0-1.6.
 */
const WHOLE_RATIO = 0.75;
const COLD_STARTS = 3;

// The starter, built next to the learner's version, is the baseline both checks compare with.
let baseline: ExerciseBuild;
beforeAll(async () => {
  // Its own build folder per copy under test, so runs of different copies never share one.
  baseline = await buildExercise(lab.exercise, 'starters', `baseline-for-${lab.copy}`);
});

function get(path: string) {
  return sample('health', (event) => {
    event.rawPath = path;
    event.routeKey = `GET ${path}`;
    event.requestContext.http.path = path;
    event.requestContext.routeKey = `GET ${path}`;
  });
}

describe('03 the cold path diet', () => {
  it('still renders the invoice PDF exactly as before', async () => {
    const event = await get('/invoices/42/pdf');
    const [mine, theirs] = await Promise.all([lab.fn().invoke(event), lab.fnFor(baseline).invoke(event)]);
    expectBehaviour(statusCode(mine) === 200, `GET /invoices/42/pdf should answer 200, got ${describeRecord(mine)}.`);
    expectBehaviour(
      statusCode(theirs) === 200,
      `The starter's GET /invoices/42/pdf failed: ${describeRecord(theirs)}.`,
    );
    const [got, want] = [JSON.stringify(json(mine.result)), JSON.stringify(json(theirs.result))];
    expectBehaviour(got === want, `GET /invoices/42/pdf rendered ${got}; the starter renders ${want}.`);
  });

  it(
    `brings Init Duration down to at most ${TARGET_RATIO} of the starter's, and the cold call with it`,
    { timeout: 90_000 },
    async () => {
      const event = await get('/invoices/42');
      const mine: ColdCall[] = [];
      const theirs: ColdCall[] = [];
      // In turn, yours then the starter's, so a busy machine slows both alike. Not side by side:
      // two cold starts at once on 2 cores slow the lighter one most (a reference measured 0.57).
      for (let i = 0; i < COLD_STARTS; i++) {
        mine.push(await coldCall(lab.build(), event));
        theirs.push(await coldCall(baseline, event));
      }
      const init = ratioOf(mine, theirs, (c) => c.initMs);
      expectBehaviour(
        init.ratio <= TARGET_RATIO,
        `Init Duration, median of ${COLD_STARTS} cold starts: yours ${init.yours} ms, the starter's ${init.starter} ms (ratio ${init.ratio.toFixed(2)}). The goal is at most ${TARGET_RATIO}: the PDF engine still loads on the cold path.`,
      );
      // Init Duration alone is a stand-in: a cost moved from init into the first call (Nest's
      // onModuleInit, a prefetch right after loading, a loader every route awaits) shrinks it
      // while the client waits as long as before.
      const whole = ratioOf(mine, theirs, (c) => c.initMs + c.durationMs);
      expectBehaviour(
        whole.ratio <= WHOLE_RATIO,
        `Init Duration shrank (ratio ${init.ratio.toFixed(2)}), but the cold GET /invoices/42 as a whole (Init Duration + Duration, median of ${COLD_STARTS}) took ${whole.yours} ms, the starter's ${whole.starter} ms (ratio ${whole.ratio.toFixed(2)}, the goal is at most ${WHOLE_RATIO}): the engine still loads before the summary answers, only later. Load it on the PDF route alone.`,
      );
    },
  );
});

interface ColdCall {
  initMs: number;
  durationMs: number;
}

/** One cold start serving the event: a new function, its one invocation, shut down. */
async function coldCall(build: ExerciseBuild, event: unknown): Promise<ColdCall> {
  const fn = lab.fnFor(build);
  const record = await fn.invoke(event);
  expectBehaviour(
    statusCode(record) === 200 && record.coldStart,
    `GET /invoices/42 should answer 200 on a cold start, got ${describeRecord(record)}.`,
  );
  await fn.shutdown();
  return { initMs: record.initDurationMs!, durationMs: record.durationMs };
}

function ratioOf(mine: ColdCall[], theirs: ColdCall[], measure: (c: ColdCall) => number) {
  const [yours, starter] = [median(mine.map(measure)), median(theirs.map(measure))];
  return { yours: Math.round(yours), starter: Math.round(starter), ratio: yours / starter };
}
