import { fileURLToPath } from 'node:url';
import { LabContext } from '../../lab/cli/lab-context.ts';
import { runCommand } from '../../lab/cli/program.ts';

export const fixture = (path: string) => fileURLToPath(new URL(`../fixtures/verify-apps/${path}`, import.meta.url));

export interface VerifyRun {
  code: number;
  stdout: string;
  stderr: string;
  ms: number;
}

export interface VerifyJson {
  ok: boolean;
  routes: Array<{ method: string; path: string }>;
  // `any`: the report's JSON as a CI job reads it; each test checks the fields it names.
  answers: Array<{ id: string; verdict: 'yes' | 'no'; evidence: string[]; detail: Record<string, any> }>;
}

/** `lab verify …` in this process, as a shell client's command runs in the lab. */
export async function runVerify(args: string[], columns = 100): Promise<VerifyRun> {
  const lab = new LabContext();
  let stdout = '';
  let stderr = '';
  const startedAt = performance.now();
  try {
    const code = await runCommand(
      ['verify', ...args],
      { out: (s) => (stdout += s), err: (s) => (stderr += s), color: false, cwd: process.cwd(), columns },
      lab,
    );
    return { code, stdout, stderr, ms: Math.round(performance.now() - startedAt) };
  } finally {
    await lab.close();
  }
}

export function answerOf(run: VerifyRun, id: string): VerifyJson['answers'][number] {
  const report = JSON.parse(run.stdout) as VerifyJson;
  const answer = report.answers.find((a) => a.id === id);
  if (!answer) throw new Error(`no answer ${id} in ${run.stdout.slice(0, 200)}`);
  return answer;
}
