import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { appFunction, http, json, sample } from '../support/app-function.ts';
import { runLab } from '../cli/run-lab.ts';

const fn = appFunction();
afterAll(() => fn.shutdown());

describe('bad events', () => {
  it('lab map: a file that is not JSON, or no known shape, is one clear line and exit code 2', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'lab-map-'));
    await writeFile(join(dir, 'broken.json'), '{ "httpMethod": "GET", ');
    await writeFile(join(dir, 'sqs.json'), JSON.stringify({ Records: [{ eventSource: 'aws:sqs', body: 'x' }] }));
    const broken = await runLab(['map', join(dir, 'broken.json')]);
    expect(broken.code).toBe(2);
    expect(broken.stderr).toMatch(/is not JSON/);
    const sqs = await runLab(['map', join(dir, 'sqs.json')]);
    expect(sqs.code).toBe(2);
    expect(sqs.stderr).toMatch(/"aws:sqs" records, not an HTTP request/);
    expect(sqs.stderr).not.toMatch(/at .*\.ts:\d+/);
  });

  it('the handler refuses an event of no known shape with a clear invocation error, and stays warm', async () => {
    await fn.invoke(await sample('health'));
    const record = await fn.invoke({ hello: 'world' });
    expect(record.status).toBe('error');
    expect(record.errorMessage).toMatch(/^Not an HTTP event: expected API Gateway REST v1/);
    // The same reason `lab invoke` gives for a file: one classifier answers both.
    expect(record.errorMessage).toMatch(/; it has no "httpMethod" or "requestContext\.http"\.$/);
    const sqs = await fn.invoke({ Records: [{ eventSource: 'aws:sqs', body: 'x' }] });
    expect(sqs.errorMessage).toMatch(/; it is a batch of "aws:sqs" records, not an HTTP request\.$/);
    const next = await fn.invoke(await sample('health'));
    expect(next).toMatchObject({ status: 'ok', coldStart: false, containerId: record.containerId });
  });

  it('headers: null is an empty header map (v2 crashed with default options)', async () => {
    for (const name of ['apigw-v2-get', 'apigw-v1-get', 'alb-single-value']) {
      const result = http(
        (await fn.invoke(await sample(name, (e) => ((e.headers = null), (e.multiValueHeaders = null))))).result,
      );
      expect(result.statusCode).toBe(200);
    }
  });

  it('a malformed % in an ALB query is a clean 400 with a message, not a 500', async () => {
    const result = http(
      (await fn.invoke(await sample('alb-single-value', (e) => (e.queryStringParameters = { discount: '100%' }))))
        .result,
    );
    expect(result.statusCode).toBe(400);
    expect(json(result)).toMatchObject({
      statusCode: 400,
      message: expect.stringContaining('"discount" has a malformed percent-encoding'),
    });
  });

  it('a malformed % in the path reaches Nest as a 4xx, never a crash', async () => {
    for (const name of ['apigw-v1-get', 'apigw-v2-get', 'alb-single-value']) {
      const event = await sample(name, (e) => {
        if (e.rawPath) e.rawPath = '/echo/100%';
        else e.path = '/echo/100%';
        if (e.pathParameters?.proxy) e.pathParameters.proxy = 'echo/100%';
      });
      const record = await fn.invoke(event);
      expect(record.status).toBe('ok');
      expect(http(record.result).statusCode).toBeGreaterThanOrEqual(400);
      expect(http(record.result).statusCode).toBeLessThan(500);
    }
  });

  it('isBase64Encoded with a body that is not base64 is a 400 that says so', async () => {
    const result = http(
      (await fn.invoke(await sample('apigw-v2-binary', (e) => (e.body = 'Hello from Lambda!')))).result,
    );
    expect(result.statusCode).toBe(400);
    expect(json(result).message).toBe('The event says isBase64Encoded: true, but its body is not valid base64.');
  });
});
