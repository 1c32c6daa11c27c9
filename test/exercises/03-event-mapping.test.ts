import { createHash } from 'node:crypto';
import { describe, it } from 'vitest';
import { http, json, sample } from '../support/app-function.ts';
import { describeRecord, exerciseLab, expectBehaviour, statusCode } from './support.ts';

const lab = exerciseLab('03-event-mapping');

interface Echo {
  path: string;
  cookies: Record<string, string>;
}

describe('03 event mapping', () => {
  it('routes a request on a named HTTP API stage', async () => {
    const record = await lab.fn().invoke(await sample('apigw-v2-named-stage'));
    expectBehaviour(
      statusCode(record) === 200,
      `GET /beta/echo/stage on the "beta" stage of an HTTP API answered ${describeRecord(record)}: Nest got the stage in the path, and no route matches it.`,
    );
    const path = json<Echo>(record.result).path;
    expectBehaviour(path === '/echo/stage', `Nest saw the path ${JSON.stringify(path)}; the route is /echo/stage.`);
  });

  it('keeps every Cookie line an ALB sends', async () => {
    const record = await lab.fn().invoke(await sample('alb-multi-value'));
    expectBehaviour(statusCode(record) === 200, `GET /echo/alb through an ALB answered ${describeRecord(record)}.`);
    const cookies = json<Echo>(record.result).cookies;
    expectBehaviour(
      cookies.session === 'abc123' && cookies.theme === 'dark',
      `Two Cookie lines (session=abc123, theme=dark) reached Nest as ${JSON.stringify(cookies)}: joined with "," they read as one cookie.`,
    );
  });

  it('downloads a binary file byte for byte', async () => {
    const record = await lab.fn().invoke(await sample('files-bytes'));
    expectBehaviour(statusCode(record) === 200, `GET /files/bytes.bin answered ${describeRecord(record)}.`);
    const result = http(record.result);
    const bytes = result.isBase64Encoded ? Buffer.from(result.body, 'base64') : Buffer.from(result.body, 'utf8');
    const expected = Buffer.from(Array.from({ length: 256 }, (_, i) => i));
    const digest = (b: Buffer) => createHash('sha256').update(b).digest('hex').slice(0, 12);
    expectBehaviour(
      bytes.equals(expected),
      `GET /files/bytes.bin (application/octet-stream, 256 bytes) reached the client as ${bytes.length} bytes (sha256 ${digest(bytes)}…, expected ${digest(expected)}…), isBase64Encoded: ${String(result.isBase64Encoded)}. Binary bodies must travel base64-encoded.`,
    );
  });
});
