// "progress n/10 · next: NN", printed after every check and shown in the sidebar, from one function.
import { describe, expect, it } from 'vitest';
import { progressSummary, type SummaryEntry } from '../../lab/exercises-runner/progress-summary.ts';

const entries = (statuses: SummaryEntry['status'][]): SummaryEntry[] =>
  statuses.map((status, i) => ({ id: `0${i + 1}-x`, status }));

describe('the progress summary', () => {
  it('counts only exercises whose last check passed', () => {
    expect(progressSummary(entries(['passed', 'failed', 'unchecked', 'passed']))).toMatchObject({
      passed: 2,
      total: 4,
    });
  });

  it('names the next exercise not passed after the one just checked', () => {
    const list = entries(['passed', 'unchecked', 'passed', 'unchecked']);
    expect(progressSummary(list, '03-x').next?.id).toBe('04-x');
    expect(progressSummary(list, '01-x').next?.id).toBe('02-x');
  });

  it('goes back to one left behind once the later ones pass, and to none when all pass', () => {
    expect(progressSummary(entries(['passed', 'failed', 'passed', 'passed']), '04-x').next?.id).toBe('02-x');
    expect(progressSummary(entries(['passed', 'passed'])).next).toBeNull();
  });
});
