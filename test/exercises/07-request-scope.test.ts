import { describe, it } from 'vitest';
import type { InvocationRecord } from '../../lab/runtime/invocation.ts';
import { json, sample } from '../support/app-function.ts';
import { describeRecord, exerciseLab, expectBehaviour, statusCode } from './support.ts';

// The property: what one invocation knows and starts stays inside it. Misconceptions each check
// catches (test/exercises/mutants/07-request-scope/):
// - a singleton field overwritten (or cleared) by every call: an anonymous call follows alice;
// - a singleton read early into a local: overlapping calls interleave between guard and handler
//   (a slow step there), not only when the runtime's scheduling happens to make them;
// - the name fixed but the ids still from getCurrentInvoke() (the latest invoke, not this one);
// - the audit left running (void, .then, a race with a short timer): it must log in its own call.
const lab = exerciseLab('07-request-scope');

interface Me {
  user: string | null;
  awsRequestId: string;
}

function me(user: string | null) {
  return sample('health', (event) => {
    event.rawPath = '/me';
    event.routeKey = 'GET /me';
    event.requestContext.http.path = '/me';
    event.requestContext.routeKey = 'GET /me';
    if (user) event.headers.authorization = `Bearer ${user}`;
  });
}

function answer(record: InvocationRecord, sentAs: string | null): Me {
  expectBehaviour(
    statusCode(record) === 200,
    `GET /me as ${sentAs ?? 'an anonymous caller'} should answer 200, got ${describeRecord(record)}.`,
  );
  return json<Me>(record.result);
}

describe('05 request scope', () => {
  it('answers each caller as themselves, one after another', async () => {
    const fn = lab.fn();
    const alice = answer(await fn.invoke(await me('alice')), 'alice');
    const anonymousRecord = await fn.invoke(await me(null));
    const anonymous = answer(anonymousRecord, null);
    expectBehaviour(alice.user === 'alice', `alice's call was answered as ${JSON.stringify(alice.user)}.`);
    expectBehaviour(
      anonymous.user === null,
      `An anonymous call right after alice's, in the same warm environment, was answered as ${JSON.stringify(anonymous.user)}: the singleton kept alice's name.`,
    );
    expectBehaviour(
      anonymous.awsRequestId === anonymousRecord.requestId,
      "The answer should carry its own invocation's awsRequestId.",
    );
  });

  it('keeps overlapping callers apart in one environment', async () => {
    // A 30 ms step between guard and handler (lab/variants/leak/slow-step.interceptor.ts), so the
    // two calls interleave there whatever order the runtime delivers them in.
    const fn = lab.fn({
      perExecutionEnvironmentMaxConcurrency: 4,
      reservedConcurrency: 1,
      environment: { LAB_STEP_BEFORE_HANDLER_MS: '30' },
    });
    answer(await fn.invoke(await me(null)), null); // builds the app
    const [aliceEvent, bobEvent] = await Promise.all([me('alice'), me('bob')]);
    for (let round = 0; round < 3; round++) {
      const [aliceRecord, bobRecord] = await Promise.all([fn.invoke(aliceEvent), fn.invoke(bobEvent)]);
      const [alice, bob] = [answer(aliceRecord, 'alice'), answer(bobRecord, 'bob')];
      expectBehaviour(
        alice.user === 'alice' && bob.user === 'bob',
        `alice and bob called at the same time on one environment (Lambda Managed Instances) and were answered as ${JSON.stringify(alice.user)} and ${JSON.stringify(bob.user)}: one provider instance held one name for both.`,
      );
      expectBehaviour(
        alice.awsRequestId === aliceRecord.requestId && bob.awsRequestId === bobRecord.requestId,
        'Overlapping calls swapped their awsRequestIds.',
      );
    }
  });

  it('finishes its own work inside its own invocation', async () => {
    const fn = lab.fn();
    const aliceRecord = await fn.invoke(await me('alice'));
    answer(aliceRecord, 'alice');
    const next = await fn.invoke(await me(null));
    const audited = (record: InvocationRecord) => record.logs.some((line) => line.includes('audit: visit recorded'));
    const forAlice = aliceRecord.logs.find((line) => line.includes('audit: visit recorded'));
    expectBehaviour(
      !forAlice || (forAlice.includes('"alice"') && forAlice.includes(aliceRecord.requestId)),
      `The audit line logged in alice's call does not name alice and her awsRequestId ${aliceRecord.requestId}: ${forAlice}`,
    );
    expectBehaviour(
      audited(aliceRecord) && !audited(next),
      audited(next)
        ? "The audit of alice's visit was logged during the NEXT call: it was still running when her response went out, the environment froze, and it finished after the thaw."
        : "The audit of alice's visit was not logged during her call: it was still running when her response went out, and the frozen environment finishes it in some later call, or never. Await it.",
    );
  });
});
