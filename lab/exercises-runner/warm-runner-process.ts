// The process behind `lab check --watch`: one vitest kept open for the whole watch, so a check
// after a save pays only for what the save changed (the exercise's build and its checks), not
// for starting vitest, loading its config, running the global setup and transforming the test
// files again. Measured on exercise 01 (CPU of the whole process tree, so the figure does not
// depend on the machine's load): 4.9-5.2 s a cold check, 3.8-4.1 s a warm one; the rest is the
// build (tsc, esbuild) and the checks' own cold starts. Spawned by warm-checks.ts with the same
// environment a cold run gets (run-check.ts's checkEnv); it answers over IPC.
import { createVitest } from 'vitest/node';
import { CONFIG } from './run-check.ts';

type Request = { type: 'run'; files: string[] } | { type: 'close' };

const report = process.env.LAB_WARM_REPORT;
if (!report || !process.send) {
  process.stderr.write(
    'warm-runner-process.ts is started by warm-checks.ts, with LAB_WARM_REPORT and an IPC channel\n',
  );
  process.exit(2);
}
const send = (message: object) => process.send?.(message);

// Each run still gets a fresh, isolated worker (as a cold check does): a check that leaves a
// timer or a global behind cannot change the verdict of the next one. (A worker kept between runs,
// isolate: false, was measured and saved no CPU: 3.6-4.4 s per check of 01 against 3.8-4.1 s.)
const vitest = await createVitest({ config: CONFIG, watch: false, reporters: ['json'], outputFile: report });
// The reporters' onInit (the JSON reporter keeps its context from it) and the test files' list.
await vitest.standalone();
send({ type: 'ready' });

let queue = Promise.resolve();
process.on('message', (request: Request) => {
  queue = queue.then(async () => {
    if (request.type === 'close') {
      await vitest.close().catch(() => {});
      process.exit(0);
    }
    try {
      await vitest.runTestFiles(request.files);
      send({ type: 'done' });
    } catch (error) {
      send({ type: 'done', error: error instanceof Error ? error.message : String(error) });
    }
  });
});
// The lab went away (the watch ended, the lab stopped): so does this vitest.
process.on('disconnect', () => void vitest.close().finally(() => process.exit(0)));
