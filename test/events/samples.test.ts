import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  AlbMultiValueHeadersSchema,
  AlbSchema,
  APIGatewayProxyEventSchema,
  APIGatewayProxyEventV2Schema,
  LambdaFunctionUrlSchema,
} from '@aws-lambda-powertools/parser/schemas';
import { catalog, listSamples, loadEvent, type HttpEventSource } from '../../lab/events/index.ts';

const samplesDir = new URL('../../lab/events/samples/', import.meta.url);
// `any`: tests poke at fields of several event shapes; the schema tests check the shapes.
const sample = (name: string): Record<string, any> =>
  JSON.parse(readFileSync(new URL(`${name}.json`, samplesDir), 'utf8'));

function schemaFor(source: HttpEventSource, event: Record<string, unknown>) {
  if (source === 'apigw-v1') return APIGatewayProxyEventSchema;
  if (source === 'apigw-v2') return APIGatewayProxyEventV2Schema;
  if (source === 'function-url') return LambdaFunctionUrlSchema;
  return event.multiValueHeaders ? AlbMultiValueHeadersSchema : AlbSchema;
}

// The 64 bytes both binary samples carry: 200..255 then 0..7, not valid UTF-8.
const BINARY = Buffer.from([...Array.from({ length: 56 }, (_, i) => 200 + i), 0, 1, 2, 3, 4, 5, 6, 7]);

describe('the sample catalog', () => {
  it('has one JSON file per catalog entry and no file without an entry', () => {
    const files = readdirSync(samplesDir)
      .filter((f) => f.endsWith('.json'))
      .map((f) => f.slice(0, -5));
    expect(files.sort()).toEqual(catalog.map((e) => e.name).sort());
  });

  it('keeps the names lessons and tests rely on', () => {
    const names = listSamples().map((s) => s.name);
    expect(names).toEqual(
      expect.arrayContaining([
        'apigw-v1-get',
        'apigw-v1-post-json',
        'apigw-v1-binary-post',
        'apigw-v1-named-stage',
        'apigw-v2-get',
        'apigw-v2-post',
        'apigw-v2-named-stage',
        'apigw-v2-cookies',
        'apigw-v2-binary',
        'alb-multi-value',
        'alb-single-value',
        'function-url',
        'users-alice',
        'users-anonymous',
        'reports-slow',
        'health',
      ]),
    );
    expect(new Set(names).size).toBe(names.length);
  });

  it('lists name, source, method, path and description, read from each file', () => {
    for (const s of listSamples()) {
      expect(Object.keys(s).sort()).toEqual(['description', 'method', 'name', 'path', 'source']);
      expect(s.method).toMatch(/^(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)$/);
      expect(s.path).toMatch(/^\//);
      expect(s.description).not.toMatch(/\n/);
      expect(s.description.length).toBeGreaterThan(10);
    }
    expect(listSamples().find((s) => s.name === 'apigw-v1-get')).toMatchObject({
      source: 'apigw-v1',
      method: 'GET',
      path: '/echo/hello',
    });
    expect(listSamples().find((s) => s.name === 'apigw-v2-named-stage')).toMatchObject({
      source: 'apigw-v2',
      path: '/beta/echo/stage',
    });
  });

  it('names each sample for its source', () => {
    for (const { name, source } of listSamples()) {
      const expected = name.startsWith('apigw-v1-')
        ? 'apigw-v1'
        : name.startsWith('alb-')
          ? 'alb'
          : name.startsWith('function-url')
            ? 'function-url'
            : 'apigw-v2';
      expect({ name, source }).toEqual({ name, source: expected });
    }
  });
});

describe('every sample passes the matching powertools parser schema', () => {
  for (const { name, source } of listSamples()) {
    it(`${name} (${source})`, () => {
      const event = sample(name);
      const result = schemaFor(source, event).safeParse(event);
      expect(result.error?.issues ?? []).toEqual([]);
      if (name.startsWith('alb-multi')) expect(AlbMultiValueHeadersSchema.safeParse(event).success).toBe(true);
    });
  }
});

describe('the samples show what their names promise', () => {
  it('apigw-v1-get: last value in queryStringParameters, all of them in the multi-value map, stage in requestContext.path', () => {
    const e = sample('apigw-v1-get');
    expect(e.queryStringParameters).toEqual({ name: 'ada', tag: 'b' });
    expect(e.multiValueQueryStringParameters).toEqual({ name: ['ada'], tag: ['a', 'b'] });
    expect(e.headers.Cookie).toBe('theme=dark; lang=en');
    expect(e.multiValueHeaders.Cookie).toEqual(['theme=dark; lang=en']);
    expect(e).toMatchObject({ path: '/echo/hello', requestContext: { stage: 'prod', path: '/prod/echo/hello' } });
  });

  it('apigw-v1-post-json and apigw-v2-post carry the JSON order', () => {
    for (const name of ['apigw-v1-post-json', 'apigw-v2-post']) {
      const e = sample(name);
      expect(JSON.parse(e.body)).toEqual({ item: 'book', quantity: 2 });
      expect(e.isBase64Encoded).toBe(false);
      const headers = Object.fromEntries(Object.entries(e.headers).map(([k, v]) => [k.toLowerCase(), v]));
      expect(headers['content-type']).toBe('application/json');
      expect(headers['idempotency-key']).toBeTruthy();
      expect(headers['content-length']).toBe(String(Buffer.byteLength(e.body)));
    }
  });

  it('the binary samples carry 64 non-UTF-8 bytes in base64', () => {
    for (const name of ['apigw-v1-binary-post', 'apigw-v2-binary']) {
      const e = sample(name);
      expect(e.isBase64Encoded).toBe(true);
      expect(Buffer.from(e.body, 'base64')).toEqual(BINARY);
      expect(Buffer.from(Buffer.from(e.body, 'base64').toString('utf8'))).not.toEqual(BINARY);
    }
  });

  it('apigw-v1-named-stage: stage v1 under a /{proxy+} resource', () => {
    expect(sample('apigw-v1-named-stage')).toMatchObject({
      resource: '/{proxy+}',
      path: '/echo/stage',
      pathParameters: { proxy: 'echo/stage' },
      requestContext: { stage: 'v1', path: '/v1/echo/stage' },
    });
  });

  it('apigw-v2-get: rawQueryString keeps both tags, queryStringParameters joins them with a comma', () => {
    const e = sample('apigw-v2-get');
    expect(e.rawQueryString).toBe('name=ada&tag=a&tag=b');
    expect(e.queryStringParameters).toEqual({ name: 'ada', tag: 'a,b' });
    expect(e.requestContext.stage).toBe('$default');
  });

  it('apigw-v2-named-stage: the stage stays in rawPath', () => {
    expect(sample('apigw-v2-named-stage')).toMatchObject({
      rawPath: '/beta/echo/stage',
      routeKey: 'ANY /{proxy+}',
      requestContext: { stage: 'beta', http: { path: '/beta/echo/stage' } },
    });
  });

  it('apigw-v2-cookies: cookies[] and no cookie header', () => {
    const e = sample('apigw-v2-cookies');
    expect(e.cookies).toEqual(['session=abc123', 'theme=dark', 'lang=en']);
    expect(e.headers.cookie).toBeUndefined();
  });

  it('alb-multi-value has two cookie lines and two colors; alb-single-value one of each', () => {
    const multi = sample('alb-multi-value');
    expect(multi.headers).toBeUndefined();
    expect(multi.multiValueHeaders.cookie).toHaveLength(2);
    expect(multi.multiValueQueryStringParameters).toEqual({ color: ['red', 'blue'] });
    const single = sample('alb-single-value');
    expect(single.multiValueHeaders).toBeUndefined();
    expect(single.queryStringParameters).toEqual({ color: 'red' });
  });

  it('function-url: a lambda-url domain and cookies[]', () => {
    const e = sample('function-url');
    expect(e.requestContext.domainName).toMatch(/^[a-z0-9]{32}\.lambda-url\.us-east-1\.on\.aws$/);
    expect(e).toMatchObject({ rawPath: '/echo/url', rawQueryString: 'x=1', cookies: ['session=abc123'] });
  });

  it('users-alice carries a bearer token and users-anonymous none', () => {
    expect(sample('users-alice').headers.authorization).toBe('Bearer alice');
    expect(sample('users-anonymous').headers.authorization).toBeUndefined();
  });

  it('reports-slow asks for 200 ms', () => {
    expect(sample('reports-slow')).toMatchObject({ rawPath: '/reports/slow', queryStringParameters: { ms: '200' } });
  });

  it('loads every sample by name with the source listSamples gives', async () => {
    for (const { name, source } of listSamples()) {
      const loaded = await loadEvent(name);
      expect({ name: loaded.name, source: loaded.source }).toEqual({ name, source });
      expect(loaded.event).toEqual(sample(name));
    }
  });
});
