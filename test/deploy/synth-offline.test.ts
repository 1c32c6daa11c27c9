import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../lab/repo-root.ts';
import { ensureDeployInstalled, INSTALL_TIMEOUT_MS } from '../support/deploy-install.ts';

let home: string;

beforeAll(async () => {
  await ensureDeployInstalled();
  home = await mkdtemp(join(tmpdir(), 'lab-no-aws-'));
}, INSTALL_TIMEOUT_MS);

afterAll(async () => {
  await rm(home, { recursive: true, force: true });
});

/** `npm run <script>` as on a machine that never met AWS: an empty home, no AWS_* variable at all. */
function npmRun(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const env: Record<string, string> = { PATH: process.env.PATH ?? '', HOME: home, NO_COLOR: '1' };
  return new Promise((resolve) => {
    execFile('npm', ['run', ...args], { cwd: REPO_ROOT, env, timeout: 240_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
    });
  });
}

describe('npm run deploy:synth', () => {
  it('writes the CloudFormation template with no AWS configuration and exits 0', async () => {
    const template = join(REPO_ROOT, 'deploy', 'cdk.out', 'BoundaryLab.template.json');
    const before = await stat(template).catch(() => undefined);
    const run = await npmRun(['deploy:synth']);
    expect(run.stderr).not.toMatch(/credential|region/i);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`synthesized BoundaryLab`);
    const written = await stat(template);
    if (before) expect(written.mtimeMs).toBeGreaterThan(before.mtimeMs);
    const resources = Object.values(
      (
        JSON.parse(await readFile(template, 'utf8')) as {
          Resources: Record<string, { Type: string; Properties: { Runtime?: string } }>;
        }
      ).Resources,
    );
    expect(resources.find((r) => r.Type === 'AWS::Lambda::Function')?.Properties.Runtime).toBe('nodejs24.x');
    expect(resources.some((r) => r.Type === 'AWS::ApiGatewayV2::Api')).toBe(true);
  }, 240_000);

  it('refuses a mistyped switch in one line, exit 2', async () => {
    const run = await npmRun(['deploy:synth', '--', '-c', 'frontDoor=grpc']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('deploy: frontDoor must be http, rest or none (got "grpc").');
    expect(run.stderr).not.toMatch(/\n\s+at /);
  }, 240_000);
});
