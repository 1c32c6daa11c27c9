import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { LabInputError, loadEvent } from '../../lab/events/index.ts';
import { MAX_EVENT_FILE_BYTES } from '../../lab/events/load-event.ts';

const dir = mkdtempSync(join(tmpdir(), 'lab-events-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const sampleText = (name: string) =>
  readFileSync(new URL(`../../lab/events/samples/${name}.json`, import.meta.url), 'utf8');

function file(name: string, content: string | Buffer): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

// Loads and expects a LabInputError whose message is one line; returns that line.
async function refusal(nameOrPath: string): Promise<string> {
  const error = await loadEvent(nameOrPath).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(LabInputError);
  const { message, hint } = error as LabInputError;
  expect(message).not.toMatch(/\n/);
  expect(hint.length).toBeGreaterThan(0);
  expect(message.endsWith(hint)).toBe(true);
  return message;
}

describe('loadEvent accepts', () => {
  it('a sample name', async () => {
    const loaded = await loadEvent('apigw-v2-get');
    expect(loaded).toMatchObject({ name: 'apigw-v2-get', source: 'apigw-v2', event: { rawPath: '/echo/hello' } });
  });

  it('a path to a JSON file, named as given', async () => {
    const path = file('mine.json', sampleText('alb-multi-value'));
    expect(await loadEvent(path)).toMatchObject({ name: path, source: 'alb' });
  });

  it('a path relative to the working directory', async () => {
    const path = file('relative.json', sampleText('function-url'));
    const given = relative(process.cwd(), path);
    expect(await loadEvent(given)).toMatchObject({ name: given, source: 'function-url' });
  });

  it('a file that starts with a UTF-8 BOM', async () => {
    const path = file('bom.json', '\uFEFF' + sampleText('apigw-v1-get'));
    const loaded = await loadEvent(path);
    expect(loaded.source).toBe('apigw-v1');
    expect(loaded.event).toEqual(JSON.parse(sampleText('apigw-v1-get')));
  });

  it('a REST v1 console test event with headers: null', async () => {
    const event = {
      ...JSON.parse(sampleText('apigw-v1-get')),
      headers: null,
      multiValueHeaders: null,
      queryStringParameters: null,
      multiValueQueryStringParameters: null,
    };
    const loaded = await loadEvent(file('console.json', JSON.stringify(event)));
    expect(loaded.source).toBe('apigw-v1');
    expect(loaded.event.headers).toBeNull();
  });
});

describe('loadEvent refuses bad input with one line saying what is wrong and what to do', () => {
  it('an unknown sample name', async () => {
    expect(await refusal('foo')).toBe(
      'No sample or file named "foo". Run "lab events" to list the samples, or give a path to a JSON event.',
    );
  });

  it('a misspelt sample name, with the nearest name', async () => {
    expect(await refusal('apigw-v2-gte')).toBe(
      'No sample or file named "apigw-v2-gte". Did you mean "apigw-v2-get"? Run "lab events" to list the samples, or give a path to a JSON event.',
    );
  });

  it('a missing file', async () => {
    const path = join(dir, 'missing.json');
    expect(await refusal(path)).toBe(
      `No file at ${path} (looked in ${path}). Check the path, or run "lab events" to list the samples.`,
    );
  });

  it('nothing at all', async () => {
    expect(await refusal('  ')).toBe(
      'No event given. Name a sample from "lab events", or give a path to a JSON event.',
    );
  });

  it('a directory', async () => {
    mkdirSync(join(dir, 'events'));
    expect(await refusal(join(dir, 'events'))).toBe(
      `${join(dir, 'events')} is a directory, not a JSON file. Give a path to one JSON event, or a sample name from "lab events".`,
    );
  });

  it('a device, refused before a byte is read (/dev/zero grew the lab to 24 GB)', async () => {
    expect(await refusal('/dev/zero')).toBe(
      '/dev/zero is not a regular file (a device). Give a path to one JSON event file, or a sample name from "lab events".',
    );
  });

  it('a FIFO, refused without blocking on it', async () => {
    const fifo = join(dir, 'pipe.json');
    execFileSync('mkfifo', [fifo]);
    const began = Date.now();
    expect(await refusal(fifo)).toMatch(/is not a regular file \(a FIFO\)\./);
    expect(Date.now() - began).toBeLessThan(1_000);
  });

  it('a file bigger than the payload limit plus its margin, refused before it is read', async () => {
    const big = file('big.json', Buffer.alloc(MAX_EVENT_FILE_BYTES + 1, 0x20));
    expect(await refusal(big)).toBe(
      `${big} is 7.0 MiB: an event file may be at most 7 MiB (Lambda's payload limit is 6 MB, plus room for formatting). Pick a smaller event, or a sample from "lab events".`,
    );
    // At the limit it is read (and here found empty: only blanks).
    const edge = file('edge.json', Buffer.alloc(MAX_EVENT_FILE_BYTES, 0x20));
    expect(await refusal(edge)).toMatch(/is empty\./);
  });

  it('an empty file, or one with only a BOM and blanks', async () => {
    const empty = file('empty.json', '');
    expect(await refusal(empty)).toBe(
      `${empty} is empty. Put one JSON event in it, or pick a sample from "lab events".`,
    );
    expect(await refusal(file('blank.json', '\uFEFF \n'))).toMatch(/is empty\./);
  });

  it('a file that is not JSON, with the line of the mistake', async () => {
    const path = file('comma.json', '{\n  "httpMethod": "GET",\n}\n');
    expect(await refusal(path)).toBe(
      `${path} is not JSON (Expected double-quoted property name at line 3, column 1). Fix the file or pick a sample from "lab events".`,
    );
  });

  it('a stray character, even where V8 gives no position', async () => {
    const quotes = file('quotes.json', '{\n  "httpMethod": \'GET\'\n}');
    expect(await refusal(quotes)).toBe(
      `${quotes} is not JSON (Unexpected character "'" at line 2, column 17). Fix the file or pick a sample from "lab events".`,
    );
    const comment = file('comment.json', '{\n  // a comment\n  "a": 1\n}');
    expect(await refusal(comment)).toMatch(/is not JSON \(.+ at line 2, column 3\)/);
    const literal = file('literal.json', '{\n  "a": tru\n}');
    expect(await refusal(literal)).toMatch(/is not JSON \(Unexpected character "\\n" at line 2, column 11\)/);
  });

  it('a file cut short', async () => {
    const path = file('short.json', '{\n  "version": "2.0",\n  "rawPath": "/x"');
    expect(await refusal(path)).toMatch(/is not JSON \(.* at line 3, column \d+\)\. Fix the file/);
  });

  it('a UTF-16 file', async () => {
    const path = file('utf16.json', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('{}', 'utf16le')]));
    expect(await refusal(path)).toBe(
      `${path} is UTF-16 text. Save it as UTF-8 (a BOM is fine) and run the command again.`,
    );
  });

  const KNOWN =
    'is JSON but no event the adapter knows (expected API Gateway REST v1, HTTP API v2, ALB or Function URL:';
  const cases: Array<[string, string, string]> = [
    ['an object with neither shape', '{"hello":"world"}', 'it has no "httpMethod" or "requestContext.http"'],
    ['a JSON array', JSON.stringify([JSON.parse(sampleText('health'))]), 'it is an array, not one event object'],
    ['null', 'null', 'it is null'],
    ['a string', '"GET /health"', 'it is a string, not an object'],
    ['a number', '42', 'it is a number, not an object'],
    [
      'an SQS batch',
      '{"Records":[{"messageId":"1","eventSource":"aws:sqs","body":"hi"}]}',
      'it is a batch of "aws:sqs" records, not an HTTP request',
    ],
    [
      'a v1 shape without httpMethod',
      '{"path":"/","requestContext":{"stage":"prod"}}',
      'it has a "requestContext" but no "httpMethod"',
    ],
    [
      'a v2 shape without requestContext.http',
      '{"version":"2.0","rawPath":"/","requestContext":{}}',
      'it says "version": "2.0" but has no "requestContext.http.method"',
    ],
    [
      'an ALB shape without a path',
      '{"httpMethod":"GET","requestContext":{"elb":{"targetGroupArn":"arn"}}}',
      'it has an "httpMethod" but no "path"',
    ],
  ];
  for (const [what, content, why] of cases) {
    it(`JSON that is ${what}`, async () => {
      const path = file(`${what.replaceAll(/\W+/g, '-')}.json`, content);
      expect(await refusal(path)).toBe(`${path} ${KNOWN} ${why}). Run "lab events" for a sample of each shape.`);
    });
  }
});
