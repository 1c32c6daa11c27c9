import { afterAll, describe, expect, it } from 'vitest';
import type { LabIO } from '../../lab/cli/io.ts';
import { LabContext } from '../../lab/cli/lab-context.ts';
import { runCommand } from '../../lab/cli/program.ts';
import { chooseDoor } from '../../lab/cli/front-door-option.ts';
import { loadEvent } from '../../lab/events/index.ts';

// Bad input for --front-door and --gateway-timeout: one line naming the valid choices, exit 2,
// before any function or database starts.

const lab = new LabContext();
afterAll(() => lab.close());

async function run(args: string[]): Promise<{ code: number; stderr: string; stdout: string }> {
  const io = { stdout: '', stderr: '', color: false } as LabIO & { stdout: string; stderr: string };
  io.out = (t) => void (io.stdout += t);
  io.err = (t) => void (io.stderr += t);
  const code = await runCommand(args, io, lab);
  return { code, stderr: io.stderr, stdout: io.stdout };
}

describe('--front-door and --gateway-timeout', () => {
  it.each([
    [['budget', '--front-door', 'cloudfront'], /expected one of rest, http, url, alb, got "cloudfront"/],
    [['retry', '--front-door', 'nope'], /expected one of rest, http, url, alb/],
    [
      ['invoke', 'alb-single-value', '--front-door', 'url'],
      /an ALB event cannot go through --front-door url: choose alb/,
    ],
    [['invoke', 'apigw-v2-get', '--front-door', 'rest'], /cannot go through --front-door rest: choose http or url/],
    [
      ['budget', '--front-door', 'http', '--gateway-timeout', '40000'],
      /HTTP API integration timeout is 50 to 30000 ms, got 40000/,
    ],
    [
      ['retry', '--front-door', 'rest', '--gateway-timeout', '10'],
      /REST API integration timeout is 50 to 900000 ms, got 10/,
    ],
    [
      ['budget', '--front-door', 'url', '--gateway-timeout', '1000'],
      /Function URL has no timeout of its own .* choose --front-door rest\|http/,
    ],
    [['budget', '--gateway-timeout', 'soon'], /expected a whole number of ms, got "soon"/],
  ])('lab %j: one line, exit 2', async (args, message) => {
    const { code, stderr, stdout } = await run(args);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toMatch(message);
  });

  it('REST accepts an integration timeout beyond 29 s (regional and private APIs, since 2024); HTTP API stops at 30 s', async () => {
    const event = (await loadEvent('apigw-v1-get')).event;
    expect(chooseDoor(event, undefined, 120_000)).toEqual({ door: 'rest', integrationTimeoutMs: 120_000 });
    expect(chooseDoor(event, 'http', 30_000)).toEqual({ door: 'http', payload: '1.0', integrationTimeoutMs: 30_000 });
    expect(() => chooseDoor(event, 'http', 30_001)).toThrow(/50 to 30000/);
  });
});
