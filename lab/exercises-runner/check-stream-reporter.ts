// A vitest reporter for `lab check`: as each exercise's test file ends, one line on stdout with
// its result in the JSON reporter's shape (the fields run-check.ts reads), so the check of
// several exercises prints each verdict as it is known instead of after the last file. The JSON
// report written at the end stays the record of the run.
import type { Reporter, TestModule } from 'vitest/node';

/** What starts each of this reporter's lines (other output of the run is ignored). */
export const STREAM_PREFIX = '@@boundary-lab-check ';

export default class CheckStreamReporter implements Reporter {
  onTestModuleEnd(testModule: TestModule): void {
    const tests = [...testModule.children.allTests()];
    const assertionResults = tests.map((test) => {
      const result = test.result();
      return {
        title: test.name,
        status: result.state,
        failureMessages: (result.errors ?? []).map((e) => e.stack || e.message),
      };
    });
    const failed = testModule.state() === 'failed' || assertionResults.some((a) => a.status === 'failed');
    process.stdout.write(
      STREAM_PREFIX +
        JSON.stringify({
          name: testModule.moduleId,
          status: failed ? 'failed' : 'passed',
          message: testModule.errors()[0]?.message ?? '',
          startTime: 0,
          endTime: Math.round(testModule.diagnostic().duration),
          assertionResults,
        }) +
        '\n',
    );
  }
}
