// The suggested commands under each lesson's terminal and what each one shows: the one list
// both the page (LabTerminal's buttons, English and Korean) and the browser test that clicks them
// read, so a lesson's button and its check cannot drift apart (test/e2e/lesson-commands.test.ts
// runs them all in order, then in reverse order, and checks every claim below).
//
// Every claim must hold whatever ran before: a command whose story is a cold start carries
// `--cold` (it retires the function's warm environments first, as a deployment does), a scenario
// deploys its own function for every run. What holds only right after the suggestion before it
// (an environment that call left warm) is `afterPrevious`, checked when they ran in that order.

/** What a suggested command's output shows, as its lesson says. Lessons are keyed by number ("01"). */
export interface Claim {
  /** The COLD/WARM markers of the invocation summary lines, in order: exactly these. */
  starts?: readonly ('COLD' | 'WARM')[];
  /** A scenario's `verdict: <word>` line. */
  verdict?: string;
  /** Regular expressions (multiline) the output matches. */
  shows?: readonly string[];
  /** Regular expressions the output must not match. */
  never?: readonly string[];
}

export interface Suggestion {
  /** The line the button types into the page's terminal (no `npm run lab --` prefix). */
  command: string;
  /** What it shows whatever ran before. */
  claim: Claim;
  /** What it shows right after the lesson's previous suggestion ran. */
  afterPrevious?: Claim;
}

const listing: Claim = { shows: ['container +pid +state|No execution environments in this lab yet'] };
const listingAfterInvoke: Claim = { shows: ['^boundary-lab \\(', 'container +pid +state', ' frozen '] };
const http = (status: number): string => `^HTTP ${status} `;

export const LESSON_SUGGESTIONS = {
  '01': [
    { command: 'invoke apigw-v2-get --cold', claim: { starts: ['COLD'], shows: ['Init Duration: [\\d.]+ ms'] } },
    {
      command: 'invoke apigw-v2-get',
      claim: { shows: [http(200), '^(COLD|WARM) +container'] },
      afterPrevious: { starts: ['WARM'], never: ['Init Duration'] },
    },
    { command: 'containers', claim: listing, afterPrevious: listingAfterInvoke },
  ],
  '02': [
    { command: 'invoke apigw-v2-get --repeat 2 --cold', claim: { starts: ['COLD', 'WARM'] } },
    { command: 'invoke users-alice', claim: { shows: [http(200), '"name": "alice"'] } },
  ],
  '03': [
    { command: 'invoke apigw-v2-get --repeat 3 --cold', claim: { starts: ['COLD', 'WARM', 'WARM'] } },
    { command: 'containers', claim: listing, afterPrevious: listingAfterInvoke },
  ],
  '04': [
    { command: 'invoke apigw-v2-get --concurrency 3 --cold', claim: { starts: ['COLD', 'COLD', 'COLD'] } },
    {
      command: 'containers',
      claim: listing,
      // The three environments the call before started, each frozen now.
      afterPrevious: { shows: [...listingAfterInvoke.shows!, '(?:[^\\n]* frozen [^\\n]*\\n){3}'] },
    },
    { command: 'leak --variant buggy', claim: { verdict: 'leak', shows: ['answered as alice[^>]*LEAK'] } },
  ],
  '05': [
    { command: 'invoke apigw-v2-get --repeat 2 --cold', claim: { starts: ['COLD', 'WARM'], shows: ['/512 MB'] } },
    { command: 'invoke apigw-v2-get --repeat 2 --unbundled --cold', claim: { starts: ['COLD', 'WARM'] } },
    {
      command: 'invoke apigw-v2-get --repeat 2 --memory 1024 --cold',
      claim: { starts: ['COLD', 'WARM'], shows: ['memory \\d+/1024 MB'] },
    },
  ],
  '06': [
    { command: 'events', claim: { shows: ['^apigw-v2-named-stage '] } },
    { command: 'map apigw-v2-named-stage', claim: { shows: ['stage-in-path', 'losses with the lab handler: none'] } },
    {
      command: 'conformance',
      claim: {
        // The lab handler's only losses are REST's binary download, which no handler can fix (lesson 6).
        shows: ['events with a loss: defaults [1-9]\\d* of \\d+, lab handler \\d+ of \\d+', 'no handler can\\s+fix it'],
      },
    },
  ],
  '07': [
    { command: 'leak --variant buggy', claim: { verdict: 'leak' } },
    { command: 'leak --variant fixed', claim: { verdict: 'ok' } },
    { command: 'invoke users-alice', claim: { shows: [http(200), '"name": "alice"'] } },
    {
      command: 'invoke users-anonymous',
      claim: { shows: [http(401)], never: ['"name": "alice"'] },
      afterPrevious: { starts: ['WARM'] },
    },
  ],
  '08': [
    { command: 'idle --variant buggy', claim: { verdict: 'dead-connection' } },
    { command: 'idle --variant fixed', claim: { verdict: 'ok' } },
    { command: 'idle --drop network', claim: { verdict: 'dead-connection' } },
    {
      command: 'storm --variant buggy',
      claim: { verdict: 'connection-storm', shows: ['refused a connection \\(53300\\): [1-9]'] },
    },
    { command: 'storm --variant fixed', claim: { verdict: 'ok', shows: ['calls: 24, 0 failed'] } },
  ],
  '09': [
    { command: 'invoke reports-slow --timeout 1000', claim: { shows: [http(200)], never: ['Status: timeout'] } },
    {
      command: 'invoke reports-slow --timeout 100',
      claim: { shows: ['Status: timeout', 'Task timed out after 0\\.10 seconds'] },
    },
    { command: 'budget --variant buggy', claim: { verdict: 'lambda-timeout' } },
  ],
  '09b': [
    // Each door's own answers: the REST API's 504, the HTTP API's 503, the function URL's 429.
    { command: 'doors', claim: { shows: ['\\b504\\b', '\\b503\\b', '\\b429\\b'] } },
    { command: 'map apigw-v1-named-stage', claim: { shows: ['needs-binaryMediaTypes'], never: ['stage-in-path'] } },
    { command: 'map apigw-v2-named-stage', claim: { shows: ['stage-in-path'] } },
  ],
  '10': [
    { command: 'retry --variant buggy', claim: { verdict: 'duplicate-order' } },
    { command: 'retry --variant fixed', claim: { verdict: 'ok' } },
  ],
  '10b': [
    { command: 'invoke health --repeat 2 --cold', claim: { starts: ['COLD', 'WARM'] } },
    {
      command: 'invoke apigw-v2-get --repeat 2 --memory 1024 --cold',
      claim: { starts: ['COLD', 'WARM'], shows: ['/1024 MB'] },
    },
  ],
  '11': [
    { command: 'check', claim: { shows: ['^checking 10 exercises', '^([0-9]|10)/10 passed'] } },
    {
      command: 'invoke apigw-v2-get --repeat 2 --cold',
      claim: { starts: ['COLD', 'WARM'], shows: ['Init Duration'] },
    },
  ],
} as const satisfies Record<string, readonly Suggestion[]>;

export type LessonWithTerminal = keyof typeof LESSON_SUGGESTIONS;

export function suggestionsFor(lesson: LessonWithTerminal): readonly Suggestion[] {
  return LESSON_SUGGESTIONS[lesson];
}
