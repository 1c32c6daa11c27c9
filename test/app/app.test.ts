import pg from 'pg';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import type { LocalFunction } from '../../lab/runtime/local-function.ts';
import { appFunction, http, json, sample } from '../support/app-function.ts';

let fn: LocalFunction | undefined;
afterEach(async () => {
  await fn?.shutdown();
  fn = undefined;
});

const db = new pg.Pool({ connectionString: inject('databaseUrl'), max: 1 });
afterAll(() => db.end());

describe('the Nest app behind the cached handler', () => {
  it('bootstraps Nest once per container, not per invocation', async () => {
    fn = appFunction();
    const event = await sample('apigw-v2-get');
    const records = [await fn.invoke(event), await fn.invoke(event), await fn.invoke(event)];
    const bootstraps = records.map((r) => r.spans.filter((s) => s.name === 'init:nest-bootstrap').length);
    expect(bootstraps).toEqual([1, 0, 0]);
    expect(new Set(records.map((r) => r.containerId)).size).toBe(1);
    // A second container bootstraps its own app.
    const [a, b] = await Promise.all([fn.invoke(event), fn.invoke(event)]);
    const cold = [a!, b!].filter((r) => r.coldStart);
    expect(cold).toHaveLength(1);
    expect(cold[0]!.spans.filter((s) => s.name === 'init:nest-bootstrap')).toHaveLength(1);
  });

  it('traces a request through guard, interceptor, controller, provider and db', async () => {
    fn = appFunction();
    const record = await fn.invoke(await sample('users-alice'));
    expect(http(record.result).statusCode).toBe(200);
    const names = record.spans.map((s) => s.name);
    for (const name of [
      'init',
      'init:bundle-load',
      'init:nest-bootstrap',
      'adapter:request',
      'guard',
      'interceptor',
      'controller',
      'provider',
      'db',
      'adapter:response',
    ]) {
      expect(names).toContain(name);
    }
    for (const span of record.spans) expect(span.durationMs).toBeGreaterThanOrEqual(0);
  });

  it('times the controller after the pipes, and shows none when a pipe rejected the request', async () => {
    fn = appFunction();
    const valid = await fn.invoke(await sample('apigw-v2-post'));
    const pipe = valid.spans.find((s) => s.name === 'pipe')!;
    const controller = valid.spans.find((s) => s.name === 'controller')!;
    expect(controller.startMs).toBeGreaterThanOrEqual(pipe.startMs + pipe.durationMs - 0.01);
    const invalid = await fn.invoke(await sample('orders-invalid'));
    expect(http(invalid.result).statusCode).toBe(400);
    expect(invalid.spans.map((s) => s.name)).toContain('pipe');
    expect(invalid.spans.map((s) => s.name)).not.toContain('controller');
  });

  it('rejects a request without a bearer token with 401', async () => {
    fn = appFunction();
    const record = await fn.invoke(await sample('users-anonymous'));
    expect(http(record.result).statusCode).toBe(401);
    expect(json<{ message: string }>(record.result).message).toContain('Bearer');
  });

  it('stores a valid order in PostgreSQL and rejects an invalid one with 400', async () => {
    fn = appFunction();
    const item = `book-${Date.now()}`;
    const created = await fn.invoke(
      await sample('apigw-v2-post', (e) => (e.body = JSON.stringify({ item, quantity: 3 }))),
    );
    expect(http(created.result).statusCode).toBe(201);
    const order = json<{ id: number; item: string }>(created.result);
    const { rows } = await db.query('select item, quantity from orders where id = $1', [order.id]);
    expect(rows).toEqual([{ item, quantity: 3 }]);
    const invalid = await fn.invoke(await sample('orders-invalid'));
    expect(http(invalid.result).statusCode).toBe(400);
    expect(invalid.spans.map((s) => s.name)).toContain('pipe');
  });

  it('runs a real pg_sleep for /reports/slow', async () => {
    fn = appFunction();
    const record = await fn.invoke(await sample('reports-slow', (e) => (e.rawQueryString = 'ms=300')));
    expect(http(record.result).statusCode).toBe(200);
    const db = record.spans.find((s) => s.name === 'db');
    expect(db!.durationMs).toBeGreaterThanOrEqual(295);
  });

  it('answers the echo route with the request as Nest saw it', async () => {
    fn = appFunction();
    const record = await fn.invoke(await sample('apigw-v2-get'));
    const echo = json<{ method: string; path: string; awsRequestId: string; bodySha256: string }>(record.result);
    expect(echo.method).toBe('GET');
    expect(echo.path).toBe('/echo/hello');
    expect(echo.awsRequestId).toBe(record.requestId);
  });

  it('serves binary downloads and uploads', async () => {
    fn = appFunction();
    const upload = await fn.invoke(await sample('apigw-v2-binary'));
    const { event } = { event: await sample('apigw-v2-binary') } as { event: { body: string } };
    const bytes = Buffer.from(event.body, 'base64');
    const { createHash } = await import('node:crypto');
    expect(json(upload.result)).toEqual({
      length: bytes.length,
      sha256: createHash('sha256').update(bytes).digest('hex'),
    });
  });
});
