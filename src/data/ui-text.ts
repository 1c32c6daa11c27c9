// The fixed text of the page's lab components (budget bar, exercise box; the terminal's and
// the timeline's are Starlight i18n keys, src/data/lab-terminal-strings.ts), in one place per language. A component picks its language from the page's locale
// (`Astro.currentLocale`), so a lesson never passes it; strings its client script needs travel in
// a data attribute. The type makes every key exist in both languages.
export type UiLang = 'en' | 'ko';

export function langOf(locale: string | undefined): UiLang {
  return locale === 'ko' ? 'ko' : 'en';
}

const en = {
  budgetLabel: 'Time budget used by the last invocation',
  budgetIdle: "The function's timeout is its budget. Run an invocation in the lab terminal and watch it being spent.",
  /** {used}, {budget} are filled in by the script. */
  budgetRunning: 'running: {used} of a {budget} budget',
  budgetTimedOut:
    'timed out: the whole {budget} budget spent, the environment killed (Task timed out after {s} seconds)',
  budgetThrottled: 'throttled: no environment was free, no budget spent',
  budgetAnswered: 'answered in {took}: {left} of the {budget} budget left',
  budgetFailed: 'failed in {took}: {left} of the {budget} budget left',
  exercise: 'Exercise',
  hint: 'Hint',
  more: 'More',
  'exercise.passed': '<strong>passed ✓</strong> — run {solution} to compare',
  'exercise.failedAfterPass':
    '<strong>the last check failed</strong>; it passed before, so {solution} shows the reference',
  'exercise.failed': '<strong>not passed yet</strong>: the last check failed',
  'exercise.none': '<strong>not passed yet</strong>',
};

export type UiKey = keyof typeof en;

const ko: Record<UiKey, string> = {
  budgetLabel: '마지막 호출이 쓴 시간 예산',
  budgetIdle: '함수의 timeout이 곧 예산입니다. lab 터미널에서 호출을 실행하고 예산이 줄어드는 것을 보세요.',
  budgetRunning: '실행 중: 예산 {budget} 중 {used}',
  budgetTimedOut: 'timeout: 예산 {budget}를 모두 쓰고 환경이 종료되었습니다(Task timed out after {s} seconds)',
  budgetThrottled: 'throttle: 빈 환경이 없어 예산을 쓰지 않았습니다',
  budgetAnswered: '{took} 만에 응답: 예산 {budget} 중 {left} 남음',
  budgetFailed: '{took} 만에 실패: 예산 {budget} 중 {left} 남음',
  exercise: '실습',
  hint: '힌트',
  more: '힌트 더 보기',
  'exercise.passed': '<strong>통과 ✓</strong> — {solution}으로 참고 답안과 비교해 보세요',
  'exercise.failedAfterPass':
    '<strong>마지막 검사는 실패했습니다</strong>. 전에 통과했으니 {solution}으로 참고 답안을 볼 수 있습니다',
  'exercise.failed': '<strong>아직 통과하지 못했습니다</strong>: 마지막 검사가 실패했습니다',
  'exercise.none': '<strong>아직 통과하지 못했습니다</strong>',
};

export const uiText: Record<UiLang, Record<UiKey, string>> = { en, ko };

/** `{name}` placeholders filled from `values`. */
export function fill(template: string, values: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => values[name] ?? whole);
}
