// The verification quiz (seed section 5): for each question, which evidence answers it.
// The questions are the seed's (English and Korean originals); the options are ours, in both
// languages. Each wrong option is a belief a learner really holds — the ones the exercises' checks
// catch — and each explanation names the command that settles it. Checked in the page, no server.
import { verificationQuestions } from './seed.ts';
import { ko } from './seed-ko.ts';
import { evidence, type Lang, type Text } from './quiz-options.ts';

export type { Lang };

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

const questions: Text[] = verificationQuestions.map((en: string, i: number) => ({
  en,
  ko: ko.verificationQuestions[i] ?? en,
}));

/** The quiz in one language. */
export function quizIn(lang: Lang): QuizQuestion[] {
  return questions.map((question, i) => {
    const q = evidence[i]!;
    return {
      question: question[lang],
      howToCheck: q.howToCheck[lang],
      options: q.options.map((o) => ({ text: o.text[lang], correct: o.correct, why: o.why[lang] })),
    };
  });
}

export const quiz: QuizQuestion[] = quizIn('en');
