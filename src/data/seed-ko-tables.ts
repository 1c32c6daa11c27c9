// The Korean original of the seed (src/data/seed/serverless-nest.ko.txt, a verbatim copy of the
// shared serverless-nest.ko.txt) is the text of a web page, not Markdown: its four tables are runs
// of lines, and a row's cells are joined by spaces. This parser splits them using the English
// rendering's tables (same rows, same order, and the same English keys: "cold start", "Nest app",
// "timeout"…) and throws as soon as the Korean text stops lining up, so it can never drift
// silently. No build-tool imports: plain Node and the tests use it too.
import type { SeedTable } from './seed-tables.ts';

export interface KoreanSeed {
  thesis: string;
  stations: Array<{ key: string; name: string; what: string }>;
  lifecycleSteps: Array<{ step: string; name: string; what: string; keyword: string }>;
  reuseItems: Array<{ boundary: string; item: string; note: string }>;
  failureModes: Array<{ symptom: string; looksLike: string; check: string }>;
  verificationQuestions: string[];
  mapRules: string[];
}

/** The "(the boundary itself)" item of the English reuse table, in Korean. */
export const KO_BOUNDARY_ITSELF = '(경계 자체)';

/** Where a failure-mode line's "what it looks like" cell ends (the Korean page runs the cells together). */
const KO_LOOKS_LIKE: Record<string, string> = {
  'cold start': 'init duration 증가',
  timeout: 'Lambda 예산 초과',
  payload: 'event mapping 오류',
  retry: '중복 실행',
};

function fail(what: string): never {
  throw new Error(`serverless-nest.ko.txt: ${what}`);
}

function between(lines: string[], start: string, end: string): string[] {
  const from = lines.findIndex((line) => line === start);
  const to = lines.findIndex((line, i) => i > from && line === end);
  if (from < 0 || to < 0) fail(`no section between "${start}" and "${end}"`);
  return lines.slice(from + 1, to);
}

export function parseKoreanSeed(text: string, english: SeedTable[]): KoreanSeed {
  const lines = text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean);
  const table = (n: string) => english.find((t) => t.section.startsWith(n)) ?? fail(`no English table ${n}`);

  // 1. 실행 경계 지도: a label line, the flow paragraph, then four stations of two lines each.
  const map = between(lines, '실행 경계 지도', 'Lambda 수명 주기');
  const stationLines = map.slice(2);
  if (stationLines.length !== 8) fail(`expected 4 stations, got ${stationLines.length} lines`);
  const stations = [0, 2, 4, 6].map((i) => {
    const [key = '', ...name] = stationLines[i]!.split(' ');
    return { key, name: name.join(' '), what: stationLines[i + 1]! };
  });
  const flow = map[1] ?? '';
  const rules = ['request 상태는 invocation 밖으로 새면 안 된다', 'app bootstrap과 connection pool은 warm 재사용 후보'];
  for (const rule of rules) if (!flow.includes(rule)) fail(`the map has no rule "${rule}"`);

  // 2. Lambda 수명 주기: "cold vs warm", then four steps of four lines (number, name, what, keyword).
  const life = between(lines, 'Lambda 수명 주기', '상태 보존 경계').slice(1);
  if (life.length !== 16) fail(`expected 4 lifecycle steps, got ${life.length} lines`);
  const lifecycleSteps = [0, 4, 8, 12].map((i) => ({
    step: life[i]!,
    name: life[i + 1]!,
    what: life[i + 2]!,
    keyword: life[i + 3]!,
  }));

  // 3. 상태 보존 경계 and 4. failure modes: "reuse map", nine reuse lines, four failure lines.
  const rest = between(lines, '상태 보존 경계', '검증 질문').slice(1);
  const reuseEnglish = table('3.').rows;
  const failEnglish = table('4.').rows;
  if (rest.length !== reuseEnglish.length + failEnglish.length)
    fail(`expected ${reuseEnglish.length} + ${failEnglish.length} lines in section 3/4`);
  const reuseItems = reuseEnglish.map(([boundary = '', item = ''], i) => {
    const line = rest[i]!;
    const itself = item.startsWith('(');
    const key = itself ? boundary : item;
    if (!line.startsWith(`${key} `)) fail(`reuse line ${i + 1} does not start with "${key}"`);
    return { boundary, item: itself ? KO_BOUNDARY_ITSELF : item, note: line.slice(key.length + 1) };
  });
  const failureModes = failEnglish.map(([symptom = ''], i) => {
    const line = rest[reuseEnglish.length + i]!;
    const looksLike = KO_LOOKS_LIKE[symptom] ?? fail(`no Korean split for "${symptom}"`);
    const head = `${symptom} ${looksLike} `;
    if (!line.startsWith(head)) fail(`failure line ${i + 1} does not start with "${head}"`);
    return { symptom, looksLike, check: line.slice(head.length) };
  });

  // 5. 검증 질문: the framing sentence, then three bulleted questions.
  const verify = lines.slice(lines.indexOf('검증 질문') + 1);
  const verificationQuestions = verify.filter((line) => line.startsWith('•')).map((line) => line.replace(/^•\s*/, ''));
  if (verificationQuestions.length !== 3)
    fail(`expected 3 verification questions, got ${verificationQuestions.length}`);

  return {
    thesis: lines[1] ?? '',
    stations,
    lifecycleSteps,
    reuseItems,
    failureModes,
    verificationQuestions,
    mapRules: rules,
  };
}

/** Every table row of the Korean seed as its cells, for tests: stations, lifecycle, reuse, failures. */
export function koreanSeedRows(seed: KoreanSeed): string[][] {
  return [
    ...seed.stations.map((s) => [s.key, s.name, s.what]),
    ...seed.lifecycleSteps.map((s) => [s.step, s.name, s.what, s.keyword]),
    ...seed.reuseItems.map((r) => [r.boundary, r.item === KO_BOUNDARY_ITSELF ? '' : r.item, r.note].filter(Boolean)),
    ...seed.failureModes.map((f) => [f.symptom, f.looksLike, f.check]),
  ];
}
