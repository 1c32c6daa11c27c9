import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { afterAll, describe, expect, it } from 'vitest';
import { caseVariant } from '../../lab/app/event-to-request/single-value-alb-result.ts';
import { UPSTREAM_DIR } from '../../lab/mapping-inspector/corpus.ts';
import { mountOnEcho } from '../../lab/mapping-inspector/probes.ts';
import { retarget } from '../../lab/mapping-inspector/probes.ts';
import { appFunction, http, json, sample } from '../support/app-function.ts';

const fn = appFunction();
afterAll(() => fn.shutdown());

// `any`: upstream fixtures of four shapes, edited field by field in the tests.
async function fixture(file: string): Promise<Record<string, any>> {
  return JSON.parse((await readFile(`${UPSTREAM_DIR}${file}`, 'utf8')).replace(/^\uFEFF/, ''));
}

async function call(event: Record<string, unknown>) {
  const record = await fn.invoke(event);
  expect(record.status).toBe('ok');
  return http(record.result);
}

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
const COOKIES = [
  'session=abc123; Path=/; HttpOnly; Secure',
  'theme=dark; Path=/; Expires=Wed, 21 Oct 2037 07:28:00 GMT',
];

describe('round trips through the lab handler', () => {
  it.each(['apigw-v1-binary-post', 'apigw-v2-binary'])(
    'a binary upload (%s) reaches POST /files with the sha256 of the event body',
    async (name) => {
      const event = await sample(name);
      const answer = json<{ length: number; sha256: string }>(await call(event));
      const sent = Buffer.from(String(event.body), 'base64');
      expect(answer).toEqual({ length: sent.length, sha256: sha256(sent) });
    },
  );

  it('an ALB binary PUT (values-put-binary-alb-request, BOM and all) arrives byte for byte', async () => {
    const event = await fixture('aws-lambda-dotnet/values-put-binary-alb-request.json');
    const echo = json<{ bodySha256: string }>(await call(mountOnEcho(event)));
    expect(echo.bodySha256).toBe(sha256(Buffer.from(event.body, 'base64')));
  });

  it.each(['files-bytes', 'apigw-v1-get', 'alb-single-value', 'alb-multi-value', 'function-url'])(
    'GET /files/bytes.bin in the shape of %s comes back isBase64Encoded and decodes to 0..255',
    async (name) => {
      const result = await call(retarget(await sample(name), 'GET', '/files/bytes.bin'));
      expect(result.isBase64Encoded).toBe(true);
      expect([...Buffer.from(result.body, 'base64')]).toEqual(Array.from({ length: 256 }, (_, i) => i));
    },
  );

  it('two Set-Cookie headers survive REST v1 (multiValueHeaders)', async () => {
    const result = await call(retarget(await sample('apigw-v1-get'), 'GET', '/cookies'));
    expect(result.multiValueHeaders?.['set-cookie']).toEqual(COOKIES);
    expect(result.multiValueHeaders?.['x-lab-repeated']).toEqual(['one', 'two']);
  });

  it('two Set-Cookie headers survive HTTP API v2 (cookies[])', async () => {
    const result = await call(retarget(await sample('apigw-v2-get'), 'GET', '/cookies'));
    expect(result.cookies).toEqual(COOKIES);
    expect(result.headers?.['x-lab-repeated']).toBe('one,two');
  });

  it('two Set-Cookie headers survive ALB with multi-value headers on', async () => {
    const result = await call(retarget(await sample('alb-multi-value'), 'GET', '/cookies'));
    expect(result.headers).toBeUndefined();
    expect(result.multiValueHeaders?.['set-cookie']).toEqual(COOKIES);
  });

  it('two Set-Cookie headers survive ALB with multi-value headers off, under two spellings of the name', async () => {
    const result = await call(retarget(await sample('alb-single-value'), 'GET', '/cookies'));
    expect(result.multiValueHeaders).toBeUndefined();
    expect(result.headers?.['set-cookie']).toBe(COOKIES[0]);
    expect(result.headers?.['Set-cookie']).toBe(COOKIES[1]);
    expect(result.headers?.['x-lab-repeated']).toBe('one, two');
    expect([0, 1, 2, 3].map((i) => caseVariant('Set-Cookie', i))).toEqual([
      'set-cookie',
      'Set-cookie',
      'sEt-cookie',
      'SEt-cookie',
    ]);
  });

  it.each([
    ['apigw-v1-get', 'tag', ['a', 'b']],
    ['apigw-v2-get', 'tag', ['a', 'b']],
    ['alb-multi-value', 'color', ['red', 'blue']],
  ])('repeated query keys (%s) arrive as arrays', async (name, key, values) => {
    const echo = json<{ query: Record<string, unknown> }>(await call(await sample(name)));
    expect(echo.query[key]).toEqual(values);
  });

  it('a REST v1 event with only queryStringParameters keeps its query ("hello world")', async () => {
    const event = await fixture('aws-lambda-dotnet/encode-space-in-resource-path-and-query.json');
    const echo = json<{ query: Record<string, unknown>; path: string }>(await call(mountOnEcho(event)));
    expect(echo.query).toEqual({ greeting: 'hello world' });
    expect(echo.path).toBe('/echo/foo%20bar');
  });

  it.each([
    ['aws-lambda-dotnet/encode-slash-in-resource-path.json', '/echo/api/resourcepath/encoding/a%2Fb'],
    ['aws-lambda-dotnet/encode-slash-in-resource-path-httpapi-v2.json', '/echo/api/resourcepath/encoding/a%2Fb'],
    ['aws-lambda-dotnet/rawtarget-escaped-percent-slash-in-path-alb.json', '/echo/foo%25%2Fbar'],
    ['aws-lambda-rust-runtime/apigw_request_path_with_space.json', '/echo/my/path-with%20space'],
  ])('an encoded slash, percent or space reaches the route as the platform meant: %s', async (file, path) => {
    const echo = json<{ path: string }>(await call(mountOnEcho(await fixture(file))));
    // `a%2Fb` stays ONE segment (the route sees "a/b", not "a" then "b"); a literal space is %20.
    expect(echo.path).toBe(path);
  });

  it('an HTTP API named stage is stripped from rawPath, so the route matches', async () => {
    const echo = json<{ path: string }>(await call(await sample('apigw-v2-named-stage')));
    expect(echo.path).toBe('/echo/stage');
  });

  it('two REST v1 Cookie lines reach Nest as two cookies', async () => {
    const event = await sample('apigw-v1-get', (e) => (e.multiValueHeaders.Cookie = ['theme=dark', 'lang=en']));
    const echo = json<{ cookies: Record<string, string>; headers: Record<string, string> }>(await call(event));
    expect(echo.cookies).toEqual({ theme: 'dark', lang: 'en' });
    expect(echo.headers.cookie).toBe('theme=dark; lang=en');
  });
});
