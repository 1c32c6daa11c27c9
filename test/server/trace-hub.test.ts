// The hub only listens: a function it observes runs exactly as one it does not, retries included.
import { afterEach, describe, expect, it } from 'vitest';
import { LabContext } from '../../lab/cli/lab-context.ts';
import type { LocalFunction } from '../../lab/runtime/local-function.ts';
import type { ServerMessage } from '../../lab/server/protocol.ts';
import { TraceHub } from '../../lab/server/trace-hub.ts';
import { fixtureFunction, sleep } from '../runtime/helpers.ts';

let fn: LocalFunction | undefined;
let lab: LabContext | undefined;
afterEach(async () => {
  await fn?.shutdown();
  await lab?.close();
  fn = lab = undefined;
});

describe('the trace hub', () => {
  it("keeps a retried request id: every attempt of Lambda's async retries carries the first one", async () => {
    lab = new LabContext();
    const hub = new TraceHub(lab);
    const messages: ServerMessage[] = [];
    hub.subscribe((m) => messages.push(m));
    fn = fixtureFunction('logger');
    await sleep(0); // functions are announced on the next microtask
    const first = await fn.invoke({ n: 1 });
    const retries = [await fn.invoke({ n: 1 }, { requestId: first.requestId })];
    retries.push(await fn.invoke({ n: 1 }, { requestId: first.requestId }));
    hub.close();
    expect(retries.map((r) => r.requestId)).toEqual([first.requestId, first.requestId]);
    expect(retries.every((r) => r.logs[0] === `START RequestId: ${first.requestId} Version: $LATEST`)).toBe(true);
    // Each attempt reaches the page as a start, then its trace, all under the first id.
    expect(
      messages.map((m) => [
        m.type,
        m.type === 'trace' ? m.trace.requestId : m.type === 'invoke-start' ? m.start.requestId : undefined,
      ]),
    ).toEqual(
      Array.from({ length: 3 }, () => [
        ['invoke-start', first.requestId],
        ['trace', first.requestId],
      ]).flat(),
    );
  });
});
