import { createHash } from 'node:crypto';
import { describe, it } from 'vitest';
import type { InvocationRecord } from '../../lab/runtime/invocation.ts';
import { http, sample } from '../support/app-function.ts';
import { describeRecord, exerciseLab, expectBehaviour, statusCode } from './support.ts';

// The property: nothing the event carries is lost on the way to Nest and back. Misconceptions
// each check catches (test/exercises/mutants/06-event-mapping/):
// - the stage name written down ('beta'): another stage name is sent too;
// - the first path segment always dropped: a $default-stage request must keep its path;
// - only a lowercase `cookie` key joined: a REST API sends `Cookie`;
// - one binary type listed (octet-stream): a PNG must come back byte for byte too.
// Answering every body base64-encoded is right: bodies are read decoded.
const lab = exerciseLab('06-event-mapping');

/** The body as the client reads it: API Gateway decodes a base64 body before sending it on. */
function bodyOf(record: InvocationRecord): Buffer {
  const result = http(record.result);
  return result.isBase64Encoded ? Buffer.from(result.body, 'base64') : Buffer.from(result.body, 'utf8');
}

function echoOf(record: InvocationRecord): Echo {
  return JSON.parse(bodyOf(record).toString('utf8')) as Echo;
}

interface Echo {
  path: string;
  cookies: Record<string, string>;
}

describe('04 event mapping', () => {
  it('routes a request on a named HTTP API stage', async () => {
    const record = await lab.fn().invoke(await sample('apigw-v2-named-stage'));
    expectBehaviour(
      statusCode(record) === 200,
      `GET /beta/echo/stage on the "beta" stage of an HTTP API answered ${describeRecord(record)}: Nest got the stage in the path, and no route matches it.`,
    );
    const path = echoOf(record).path;
    expectBehaviour(path === '/echo/stage', `Nest saw the path ${JSON.stringify(path)}; the route is /echo/stage.`);
  });

  it('routes on any stage name, and leaves a $default-stage path alone', async () => {
    const other = await sample('apigw-v2-named-stage', (event) => {
      event.requestContext.stage = 'prod-eu';
      event.rawPath = '/prod-eu/echo/stage';
      event.requestContext.http.path = '/prod-eu/echo/stage';
    });
    const record = await lab.fn().invoke(other);
    const path = statusCode(record) === 200 ? echoOf(record).path : null;
    expectBehaviour(
      path === '/echo/stage',
      `GET /prod-eu/echo/stage on a stage named "prod-eu" answered ${describeRecord(record)}${path ? ` with the path ${JSON.stringify(path)}` : ''}: the prefix to drop is the event's own requestContext.stage, whatever its name.`,
    );
    const plain = await lab.fn().invoke(await sample('apigw-v2-get'));
    const seen = statusCode(plain) === 200 ? echoOf(plain).path : null;
    expectBehaviour(
      seen === '/echo/hello',
      `GET /echo/hello on the $default stage (no prefix in the path) answered ${describeRecord(plain)}${seen ? ` with the path ${JSON.stringify(seen)}` : ''}: only a named stage puts its name in rawPath.`,
    );
  });

  it('keeps every Cookie line an ALB sends', async () => {
    const record = await lab.fn().invoke(await sample('alb-multi-value'));
    expectBehaviour(statusCode(record) === 200, `GET /echo/alb through an ALB answered ${describeRecord(record)}.`);
    const cookies = echoOf(record).cookies;
    expectBehaviour(
      cookies.session === 'abc123' && cookies.theme === 'dark',
      `Two Cookie lines (session=abc123, theme=dark) reached Nest as ${JSON.stringify(cookies)}: joined with "," they read as one cookie.`,
    );
  });

  it("keeps every Cookie line whatever the header name's case", async () => {
    // A REST API (and some ALB setups) send the name as `Cookie`; header names are case-insensitive.
    const event = await sample('alb-multi-value', (e) => {
      const headers = e.multiValueHeaders as Record<string, string[]>;
      headers.Cookie = headers.cookie!;
      delete headers.cookie;
    });
    const record = await lab.fn().invoke(event);
    expectBehaviour(statusCode(record) === 200, `GET /echo/alb through an ALB answered ${describeRecord(record)}.`);
    const cookies = echoOf(record).cookies;
    expectBehaviour(
      cookies.session === 'abc123' && cookies.theme === 'dark',
      `Two lines of a header named "Cookie" (capital C) reached Nest as ${JSON.stringify(cookies)}: find the header by name without regard to case.`,
    );
  });

  it('downloads a binary file byte for byte', async () => {
    const record = await lab.fn().invoke(await sample('files-bytes'));
    expectBehaviour(statusCode(record) === 200, `GET /files/bytes.bin answered ${describeRecord(record)}.`);
    const result = http(record.result);
    const bytes = bodyOf(record);
    const expected = Buffer.from(Array.from({ length: 256 }, (_, i) => i));
    const digest = (b: Buffer) => createHash('sha256').update(b).digest('hex').slice(0, 12);
    expectBehaviour(
      bytes.equals(expected),
      `GET /files/bytes.bin (application/octet-stream, 256 bytes) reached the client as ${bytes.length} bytes (sha256 ${digest(bytes)}…, expected ${digest(expected)}…), isBase64Encoded: ${String(result.isBase64Encoded)}. Binary bodies must travel base64-encoded.`,
    );
    const png = await lab.fn().invoke(
      await sample('files-bytes', (e) => {
        e.rawPath = '/files/pixel.png';
        e.requestContext.http.path = '/files/pixel.png';
        e.routeKey = 'GET /files/pixel.png';
        e.requestContext.routeKey = 'GET /files/pixel.png';
      }),
    );
    const pngBytes = bodyOf(png);
    expectBehaviour(
      statusCode(png) === 200 &&
        pngBytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])),
      `GET /files/pixel.png (image/png) answered ${describeRecord(png)} and does not start with the PNG signature, isBase64Encoded: ${String(http(png.result).isBase64Encoded)}: every body that is not text must travel base64-encoded, not only one content type.`,
    );
  });
});
