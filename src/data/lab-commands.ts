// Which lab command shows each item of the seed's tables. The commands are DESIGN.md's command
// contract; sample names are those of `npm run lab -- events`.
import { lessonOfScenario } from './exercises.ts';

import { lab } from './lab-command-line.ts';

export { lab };

/** Lifecycle step (seed section 2) → the command whose output shows it. */
export const lifecycleCommands: Record<string, string> = {
  '01': lab('invoke apigw-v2-get --repeat 2'),
  '02': lab('invoke apigw-v2-get --repeat 2 --json'),
  '03': lab('map apigw-v2-named-stage'),
  '04': lab('invoke users-alice --json'),
};

/** Reuse-map item (seed section 3, "boundary/item") → the command that shows it. */
export const reuseCommands: Record<string, string> = {
  'cold start/(the boundary itself)': lab('invoke apigw-v2-get --concurrency 3'),
  'cold start/Nest app': lab('invoke apigw-v2-get --repeat 3'),
  'cold start/route metadata': lab('invoke apigw-v2-get --repeat 3 --json'),
  // An invoke rather than `containers`: it shows the reuse even in a lab that has warmed nothing yet.
  'warm invocation/(the boundary itself)': lab('invoke health --repeat 3'),
  'warm invocation/DB pool': lab('idle --variant buggy'),
  'warm invocation/compiled handler': lab('invoke apigw-v2-get --repeat 3'),
  'request only/(the boundary itself)': lab('leak --variant buggy'),
  'request only/user context': lab('leak --variant buggy'),
  'request only/idempotency key': lab('retry --variant buggy'),
};

/** Failure mode (seed section 4, symptom) → lesson slug and command; a scenario's lesson is its exercise's. */
export const failureLinks: Record<string, { lesson: string; command: string }> = {
  'cold start': { lesson: '05-cold-start', command: lab('invoke apigw-v2-get --unbundled') },
  timeout: { lesson: lessonOfScenario('budget'), command: lab('budget --variant buggy') },
  payload: { lesson: '06-event-mapping', command: lab('conformance') },
  retry: { lesson: lessonOfScenario('retry'), command: lab('retry --variant buggy') },
};

/** What each front door's client gets (REST API, HTTP API, Function URL, ALB), side by side: `lab/front-doors/`. */
export const frontDoorsCommand = lab('doors');
/** Lesson 11's three questions, asked of a handler by `lab verify` (README "Verify your own app"). */
export const verifyCommands = {
  /** A typical Nest project: `nest build` turned src/lambda.ts into dist/lambda.js. */
  ownProject: lab('verify --handler dist/lambda.js'),
  /** The lab's own handler: three yes. */
  labHandler: lab('verify --handler lab/handler.ts'),
  /** A scenario's buggy variant: question 3 names CurrentUser.name. */
  leak: lab('verify --handler lab/variants/leak/buggy/handler.ts --front-door http'),
};
