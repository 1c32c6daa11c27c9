// The verification quiz (src/data/quiz.ts): one right answer per question, wrong answers that are
// not giveaways by their length, an explanation for every option that names the command (or the
// exercise check) that settles it, and every learner-facing string written in Korean too.
import { describe, expect, it } from 'vitest';
import { evidence, quizIn } from '../../src/data/quiz.ts';

const COMMAND = /npm run (lab -- \w+|check \d\d)/;
const HANGUL = /[가-힣]/;

describe('the verification quiz', () => {
  const english = quizIn('en');
  const korean = quizIn('ko');

  it('asks the three questions, each with one right answer among at least three', () => {
    expect(english).toHaveLength(3);
    for (const q of english) {
      expect(q.options.length).toBeGreaterThanOrEqual(3);
      expect(q.options.filter((o) => o.correct)).toHaveLength(1);
    }
  });

  it('does not give the answer away by its length: the right one is the longest in fewer than half the questions', () => {
    for (const lang of ['en', 'ko'] as const) {
      const longestIsRight = quizIn(lang).filter((q) => {
        const longest = Math.max(...q.options.map((o) => o.text.length));
        const right = q.options.find((o) => o.correct)!;
        return right.text.length === longest;
      });
      expect(longestIsRight.length, lang).toBeLessThan(english.length / 2);
      // And no option is more than twice as long as the shortest of its question.
      for (const q of quizIn(lang)) {
        const lengths = q.options.map((o) => o.text.length);
        expect(Math.max(...lengths), `${lang}: ${q.question}`).toBeLessThanOrEqual(2 * Math.min(...lengths));
      }
    }
  });

  it('explains every option with the command that proves it, in both languages', () => {
    for (const q of [...english, ...korean]) {
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
    for (const q of korean) expect(q.question).toMatch(HANGUL);
  });
});
