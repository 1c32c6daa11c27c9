// The verification's two faces: text fitted to the terminal (the width the client gave, else
// 100 columns), and one JSON object for CI. Text from the app (routes, values it answered with)
// reaches a terminal only through forTerminal().

import { paint, type LabIO } from '../cli/io.ts';
import { forTerminal } from '../cli/sanitize.ts';
import { formatMs } from '../milliseconds.ts';
import { QUESTION_IDS, type Answer, type QuestionId } from './verdict.ts';
import type { VerifyReport } from './verify.ts';

const TITLES: Record<QuestionId, string> = {
  'lossless-mapping': 'Lossless mapping',
  'bootstrap-once': 'Bootstrap once',
  'request-state': 'No request state outlives its request',
};

export function reportJson(report: VerifyReport): string {
  return JSON.stringify({ ...report, ok: report.answers.every((a) => a.verdict === 'yes') });
}

export function reportText(io: LabIO, report: VerifyReport, handlerShown: string): string {
  const width = Math.max(40, Math.min(io.columns ?? 100, 160));
  const lines: string[] = [];
  lines.push(
    ...wrap(
      `lab verify ${handlerShown} (export ${report.exportName}): ${plural(report.routes.length, 'route')}, doors ${report.doors.join(', ')}, ${formatMs(report.durationMs)}`,
      width,
      '',
    ).map((l) => paint(io, 'bold', l)),
  );
  for (const answer of report.answers) {
    lines.push('');
    const head = `${QUESTION_IDS.indexOf(answer.id) + 1}. ${TITLES[answer.id]}`;
    const verdict = answer.verdict === 'yes' ? paint(io, 'green', 'yes') : paint(io, 'red', 'no');
    lines.push(`${paint(io, 'bold', head)}${' '.repeat(Math.max(1, width - head.length - 3))}${verdict}`);
    lines.push(...wrap(answer.question, width, '   ').map((l) => paint(io, 'dim', l)));
    for (const line of answer.evidence) lines.push(...wrap(forTerminal(line), width, '   · ', '     '));
    const lead = answer.verdict === 'no' ? 'the fix' : 'why';
    lines.push(...wrap(`${lead}: lesson ${answer.lesson.title} (/${answer.lesson.slug}/)`, width, '   ', '     '));
  }
  const no = report.answers.filter((a: Answer) => a.verdict === 'no').length;
  lines.push('');
  lines.push(
    no === 0
      ? paint(io, 'green', allYes(report.answers.length))
      : paint(
          io,
          'red',
          report.answers.length === 1
            ? 'The answer is no.'
            : `${no} of ${report.answers.length} answers ${no === 1 ? 'is' : 'are'} no.`,
        ),
  );
  return lines.join('\n') + '\n';
}

function allYes(answered: number): string {
  if (answered === QUESTION_IDS.length) return 'All three answers are yes.';
  return `${answered === 1 ? 'The answer is' : 'Both answers are'} yes (${answered} of ${QUESTION_IDS.length} questions asked; without --question, all three).`;
}

/** Words to lines of at most `width` columns; a word longer than a line is cut. */
export function wrap(text: string, width: number, first: string, rest = first): string[] {
  const lines: string[] = [];
  let line = first;
  let empty = true;
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const room = width - line.length - (empty ? 0 : 1);
    if (word.length <= room) {
      line += (empty ? '' : ' ') + word;
      empty = false;
      continue;
    }
    if (!empty) lines.push(line);
    let rem = word;
    line = rest;
    while (rem.length > width - rest.length) {
      lines.push(rest + rem.slice(0, width - rest.length));
      rem = rem.slice(width - rest.length);
    }
    line = rest + rem;
    empty = false;
  }
  if (!empty) lines.push(line);
  return lines;
}

export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
