// The verification quiz (seed section 5): for each question, which evidence answers it.
// The questions are the seed's; the options are ours. Checked in the page, no server.
import { verificationQuestions } from './seed.ts';
import { lab } from './lab-commands.ts';

export interface QuizOption {
  text: string;
  correct: boolean;
  why: string;
}

export interface QuizQuestion {
  question: string;
  howToCheck: string;
  options: QuizOption[];
}

const evidence: Array<Omit<QuizQuestion, 'question'>> = [
  {
    howToCheck: `${lab('map apigw-v1-named-stage')} names every loss; ${lab('conformance')} runs the 25 real upstream events.`,
    options: [
      {
        text: 'The app answers 200 to a GET on its health route.',
        correct: false,
        why: 'A 200 on one simple GET says nothing about the stage path, repeated headers, cookies or binary bodies.',
      },
      {
        text: 'For each kind of event, the request Nest saw and the response returned match the event, with no named loss.',
        correct: true,
        why: 'Right: compare the event, the request as Nest saw it and the result, for every event shape you serve.',
      },
      {
        text: 'The Lambda did not time out.',
        correct: false,
        why: 'A mapping loss is silent: the call succeeds, with the wrong path, a lost header or a corrupted body.',
      },
    ],
  },
  {
    howToCheck: `${lab('invoke apigw-v2-get --repeat 3')}: only the first REPORT line has Init Duration, and the warm Duration is a small fraction of the cold one.`,
    options: [
      {
        text: 'Nest logs "Nest application successfully started" on every call.',
        correct: false,
        why: 'That log line on every call is the symptom: the app is being built per request.',
      },
      {
        text: 'Two calls in a row on one container: Init Duration appears only on the first, and the second does not run NestFactory.',
        correct: true,
        why: 'Right: the bootstrap belongs to the cold start; a warm call awaits the cached server.',
      },
      {
        text: 'The bundle is smaller than 1 MB.',
        correct: false,
        why: 'Bundle size changes how long a cold start takes, not whether the bootstrap repeats.',
      },
    ],
  },
  {
    howToCheck: `${lab('leak --variant buggy')} then ${lab('leak --variant fixed')}: two users on one warm container, does B ever see A?`,
    options: [
      {
        text: 'Two different users call one after the other on the same warm container, and neither ever sees the other’s identity.',
        correct: true,
        why: 'Right: only a warm container reusing a singleton can show the leak, so that is the test.',
      },
      {
        text: 'Every unit test of the service passes.',
        correct: false,
        why: 'Unit tests build a fresh instance per test: they never see state surviving into the next invocation.',
      },
      {
        text: 'The provider is marked @Injectable().',
        correct: false,
        why: '@Injectable() with the default scope is exactly a singleton: it lives as long as the container.',
      },
    ],
  },
];

export const quiz: QuizQuestion[] = verificationQuestions.map((question, i) => ({ question, ...evidence[i]! }));
