// An event file is attacker-chosen text: nothing of it may reach the learner's terminal as a
// control sequence (window title, clear screen, hyperlink, clipboard via OSC 52).
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { forTerminal } from '../../lab/cli/sanitize.ts';
import { runLab } from './run-lab.ts';

const TITLE = '\u001b]0;pwned\u0007';
const CLEAR = '\u001b[2J';
const LINK = '\u001b]8;;http://evil.example\u001b\\click\u001b]8;;\u001b\\';
const CLIPBOARD = '\u001b]52;c;ZWNobyBwd25lZA==\u0007';
const HOSTILE = `${TITLE}${CLEAR}${LINK}${CLIPBOARD}\u009b31m\r`;

async function eventFile(event: unknown): Promise<string> {
  const file = join(await mkdtemp(join(tmpdir(), 'lab-escapes-')), 'event.json');
  await writeFile(file, JSON.stringify(event));
  return file;
}

const v2 = (method: string, rawPath: string) => ({
  version: '2.0',
  routeKey: '$default',
  rawPath,
  rawQueryString: '',
  headers: { host: 'abc.execute-api.us-east-1.amazonaws.com' },
  requestContext: {
    domainName: 'abc.execute-api.us-east-1.amazonaws.com',
    http: { method, path: rawPath, protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'x' },
    requestId: 'r',
    routeKey: '$default',
    stage: '$default',
    time: '01/Jan/2026:00:00:00 +0000',
    timeEpoch: 0,
  },
  isBase64Encoded: false,
});

describe('forTerminal', () => {
  it('shows every control character escaped, ESC as \\x1b', () => {
    expect(forTerminal(`a${TITLE}b`)).toBe('a\\x1b]0;pwned\\x07b');
    expect(forTerminal('\u009b\u007f\r\n\t')).toBe('\\x9b\\x7f\\r\\n\\t');
    expect(forTerminal('x\ny\tz\r', { multiline: true })).toBe('x\ny\tz\\r');
    expect(forTerminal('\u202eevil')).toBe('\\u202eevil');
    expect(forTerminal('plain ünïcode → ok')).toBe('plain ünïcode → ok');
  });
});

describe('what an event file can print', () => {
  it('map prints the method and path of a hostile event escaped', async () => {
    const run = await runLab(['map', await eventFile(v2(`GET${HOSTILE}`, `/echo/${HOSTILE}`))]);
    const printed = run.stdout + run.stderr;
    expect(printed).not.toMatch(/[\u001b\u0007\u009b]/);
    expect(printed).toContain('\\x1b]0;pwned');
  }, 60_000);

  it('invoke escapes what the function answers and logs about a hostile path', async () => {
    const run = await runLab(['invoke', await eventFile(v2('GET', `/echo/${HOSTILE}`))]);
    expect(run.stdout + run.stderr).not.toMatch(/[\u001b\u0007\u009b]/);
  }, 60_000);

  it('the "not an HTTP event" error prints Records[0].eventSource escaped', async () => {
    const run = await runLab(['invoke', await eventFile({ Records: [{ eventSource: `aws:sqs${HOSTILE}` }] })]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('aws:sqs\\x1b]0;pwned');
    expect(run.stderr).not.toMatch(/[\u001b\u0007\u009b]/);
  });

  it('a hostile file name or unknown command is printed escaped', async () => {
    const run = await runLab(['invoke', `nope${TITLE}.json`]);
    expect(run.code).toBe(2);
    expect(run.stderr).not.toMatch(/[\u001b\u0007]/);
    const unknown = await runLab([`bogus${CLEAR}`]);
    expect(unknown.stderr).not.toMatch(/\u001b/);
  });
});
