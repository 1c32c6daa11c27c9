// The verification quiz's options (src/data/quiz-options.ts): one right answer per question, wrong
// answers that are not giveaways by their length, an explanation for every option that names the
// command (or the exercise check) that settles it, and every learner-facing string in Korean too.
// (The questions are the seed's own, in both languages: korean.test.ts checks them.)
import { describe, expect, it } from 'vitest';
import { evidence, type Lang } from '../../src/data/quiz-options.ts';

const COMMAND = /npm run (lab -- \w+|check \d\d)/;
const HANGUL = /[가-힣]/;

const inLang = (lang: Lang) =>
  evidence.map((q) => ({
    howToCheck: q.howToCheck[lang],
    options: q.options.map((o) => ({ text: o.text[lang], correct: o.correct, why: o.why[lang] })),
  }));

describe('the verification quiz', () => {
  it('has three questions, each with one right answer among at least three', () => {
    expect(evidence).toHaveLength(3);
    for (const q of inLang('en')) {
      expect(q.options.length).toBeGreaterThanOrEqual(3);
      expect(q.options.filter((o) => o.correct)).toHaveLength(1);
    }
  });

  it('does not give the answer away by its length: the right one is the longest in fewer than half the questions', () => {
    for (const lang of ['en', 'ko'] as const) {
      const quiz = inLang(lang);
      const longestIsRight = quiz.filter((q) => {
        const longest = Math.max(...q.options.map((o) => o.text.length));
        return q.options.find((o) => o.correct)!.text.length === longest;
      });
      expect(longestIsRight.length, lang).toBeLessThan(quiz.length / 2);
      // And no option is more than twice as long as the shortest of its question.
      for (const q of quiz) {
        const lengths = q.options.map((o) => o.text.length);
        expect(Math.max(...lengths), `${lang}: ${q.options[0]!.text}`).toBeLessThanOrEqual(2 * Math.min(...lengths));
      }
    }
  });

  it('explains every option with the command that proves it, in both languages', () => {
    for (const q of [...inLang('en'), ...inLang('ko')]) {
      for (const option of q.options) expect(option.why, option.text).toMatch(COMMAND);
      expect(q.howToCheck).toMatch(COMMAND);
    }
  });

  it('has every option, explanation and how-to-check in Korean', () => {
    for (const q of evidence) {
      expect(q.howToCheck.ko).toMatch(HANGUL);
      for (const option of q.options) {
        expect(option.text.ko, option.text.en).toMatch(HANGUL);
        expect(option.why.ko, option.text.en).toMatch(HANGUL);
      }
    }
  });
});
