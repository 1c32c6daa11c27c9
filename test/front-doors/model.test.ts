import { describe, expect, it } from 'vitest';
import {
  clientAnswer,
  doorOfEvent,
  doorsFor,
  SOURCES,
  whyNotTimeout,
  type ClientAnswer,
  type DoorSettings,
  type Outcome,
} from '../../lab/front-doors/index.ts';
import { ALB_502_BODY } from '../../lab/front-doors/alb.ts';
import { requestEvent } from '../../lab/front-doors/events.ts';
import { loadEvent } from '../../lab/events/index.ts';

// Every row of the gateway model, pinned to the page (or the observed issue) it comes from.

const REST: DoorSettings = { door: 'rest' };
const HTTP2: DoorSettings = { door: 'http', payload: '2.0' };
const HTTP1: DoorSettings = { door: 'http', payload: '1.0' };
const URL: DoorSettings = { door: 'url' };
const ALB: DoorSettings = { door: 'alb', albMultiValue: false };
const ALB_MV: DoorSettings = { door: 'alb', albMultiValue: true };

const ok = (result: unknown): Outcome => ({ kind: 'returned', result });
const threw: Outcome = { kind: 'threw', errorType: 'Error', errorMessage: 'boom' };
const crashed: Outcome = { kind: 'crashed', errorType: 'Runtime.ExitError', errorMessage: 'exit status 1' };
const FAILURES: Outcome[] = [threw, crashed, { kind: 'function-timeout' }, { kind: 'oversized' }];

const view = (a: ClientAnswer) => ({ status: a.statusCode, body: a.body.toString('utf8'), by: a.answeredBy });
const BYTES = Buffer.from(Array.from({ length: 256 }, (_, i) => i));
const binary = {
  statusCode: 200,
  headers: { 'content-type': 'application/octet-stream' },
  body: BYTES.toString('base64'),
  isBase64Encoded: true,
};

describe('REST API (payload 1.0)', () => {
  it('a function error, crash, timeout or oversized result: 502 {"message": "Internal server error"} (services-apigateway-errors.html)', () => {
    for (const outcome of FAILURES) {
      const a = clientAnswer(REST, outcome);
      expect(view(a)).toEqual({ status: 502, body: '{"message":"Internal server error"}', by: 'door' });
      expect(a.source).toBe(SOURCES.apigwLambdaErrors);
    }
  });

  it('a throttled or rejected invocation (the Lambda API refused it): 500, same body (services-apigateway-errors.html)', () => {
    for (const outcome of [
      { kind: 'throttled' },
      { kind: 'rejected', errorType: 'RequestTooLargeException' },
    ] as Outcome[]) {
      expect(view(clientAnswer(REST, outcome))).toEqual({
        status: 500,
        body: '{"message":"Internal server error"}',
        by: 'door',
      });
    }
  });

  it('its own timeout: 504 {"message": "Endpoint request timed out"} (observed: serverless/serverless#3171)', () => {
    const a = clientAnswer(REST, { kind: 'door-timeout' });
    expect(view(a)).toEqual({ status: 504, body: '{"message":"Endpoint request timed out"}', by: 'door' });
    expect(a.source).toMatchObject({ kind: 'observed', url: 'https://github.com/serverless/serverless/issues/3171' });
  });

  it('a malformed result (no statusCode): 502, "Malformed Lambda proxy response" (observed: aws/aws-lambda-go#72)', () => {
    const a = clientAnswer(REST, ok({ hello: 'world' }));
    expect(view(a)).toEqual({ status: 502, body: '{"message":"Internal server error"}', by: 'door' });
    expect(a.source.kind).toBe('observed');
  });

  it('a normal result: its status, headers and multiValueHeaders merged, its body (set-up-lambda-proxy-integrations.html)', () => {
    const a = clientAnswer(
      REST,
      ok({
        statusCode: 201,
        headers: { 'X-One': 'a' },
        multiValueHeaders: { 'Set-Cookie': ['a=1', 'b=2'] },
        body: 'made',
      }),
    );
    expect(view(a)).toEqual({ status: 201, body: 'made', by: 'function' });
    expect(a.headers).toEqual({ 'x-one': ['a'], 'set-cookie': ['a=1', 'b=2'] });
    expect(a.source).toBe(SOURCES.restProxyFormat);
  });

  it('binary: the base64 TEXT without binaryMediaTypes, the bytes when the first Accept type matches (api-gateway-payload-encodings-workflow.html)', () => {
    const without = clientAnswer(REST, ok(binary), { accept: '*/*' });
    expect(without.body.toString('utf8')).toBe(BYTES.toString('base64'));
    expect(without.source).toBe(SOURCES.restBinary);
    const matching = clientAnswer({ ...REST, binaryMediaTypes: ['application/octet-stream'] }, ok(binary), {
      accept: 'application/octet-stream',
    });
    expect(matching.body.equals(BYTES)).toBe(true);
    // Only the FIRST Accept type counts: a browser's `image/webp,*/*` does not match octet-stream.
    const second = clientAnswer({ ...REST, binaryMediaTypes: ['application/octet-stream'] }, ok(binary), {
      accept: 'text/html,application/octet-stream',
    });
    expect(second.body.toString('utf8')).toBe(BYTES.toString('base64'));
    expect(clientAnswer({ ...REST, binaryMediaTypes: ['*/*'] }, ok(binary), {}).body.equals(BYTES)).toBe(true);
  });

  it('a timeout range of 50 ms to 29 s by default, raisable beyond for regional and private APIs (api-gateway-execution-service-limits-table.html)', () => {
    expect(whyNotTimeout('rest', 29_000)).toBeUndefined();
    expect(whyNotTimeout('rest', 120_000)).toBeUndefined();
    expect(whyNotTimeout('rest', 49)).toMatch(/50 to 900000/);
  });
});

describe('HTTP API', () => {
  it('a function error, crash, timeout, throttle or oversized result: 500 {"message":"Internal Server Error"} (http-api-troubleshooting-lambda.html)', () => {
    for (const settings of [HTTP1, HTTP2])
      for (const outcome of [...FAILURES, { kind: 'throttled' } as Outcome]) {
        const a = clientAnswer(settings, outcome);
        expect(view(a)).toEqual({ status: 500, body: '{"message":"Internal Server Error"}', by: 'door' });
        expect(a.source).toBe(SOURCES.httpApiErrors);
      }
  });

  it('its own timeout: 503 {"message":"Service Unavailable"} (observed: anomalyco/sst#2232), at most 30 s (http-api-quotas.html)', () => {
    const a = clientAnswer(HTTP2, { kind: 'door-timeout' });
    expect(view(a)).toEqual({ status: 503, body: '{"message":"Service Unavailable"}', by: 'door' });
    expect(a.source.kind).toBe('observed');
    expect(whyNotTimeout('http', 30_000)).toBeUndefined();
    expect(whyNotTimeout('http', 30_001)).toMatch(/50 to 30000/);
  });

  it('payload 2.0 infers a result without statusCode: 200, application/json, the result as body (http-api-develop-integrations-lambda.html)', () => {
    const object = clientAnswer(HTTP2, ok({ message: 'Hello from Lambda!' }));
    expect(view(object)).toEqual({ status: 200, body: '{"message":"Hello from Lambda!"}', by: 'function' });
    expect(object.headers).toEqual({ 'content-type': ['application/json'] });
    expect(view(clientAnswer(HTTP2, ok('Hello from Lambda!')))).toEqual({
      status: 200,
      body: 'Hello from Lambda!',
      by: 'function',
    });
    // Payload 1.0 has no inference: the same result is malformed.
    expect(view(clientAnswer(HTTP1, ok({ message: 'Hello from Lambda!' })))).toMatchObject({ status: 500, by: 'door' });
  });

  it('2.0: cookies[] become Set-Cookie lines; isBase64Encoded bodies are decoded', () => {
    const a = clientAnswer(HTTP2, ok({ statusCode: 200, cookies: ['a=1', 'b=2'], body: 'x' }));
    expect(a.headers['set-cookie']).toEqual(['a=1', 'b=2']);
    expect(clientAnswer(HTTP2, ok(binary)).body.equals(BYTES)).toBe(true);
  });
});

describe('Function URL', () => {
  it('a function error, crash, timeout or oversized result: 502 "Internal Server Error" (observed: awsdocs/aws-lambda-developer-guide#430)', () => {
    for (const outcome of FAILURES) {
      const a = clientAnswer(URL, outcome);
      expect(view(a)).toEqual({ status: 502, body: 'Internal Server Error', by: 'door' });
      expect(a.source.kind).toBe('observed');
    }
  });

  it('throttled: 429, no body invented (urls-configuration.html documents the status only)', () => {
    const a = clientAnswer(URL, { kind: 'throttled' });
    expect(view(a)).toEqual({ status: 429, body: '', by: 'door' });
    expect(a.source).toBe(SOURCES.urlThrottle);
  });

  it('a string result is inferred as its JSON text (urls-invocation.html: "Hello, world!" arrives quoted, 15 bytes)', () => {
    expect(clientAnswer(URL, ok('Hello, world!')).body.length).toBe(15);
  });

  it('has no clock of its own: --gateway-timeout does not apply', () => {
    expect(whyNotTimeout('url', 1_000)).toMatch(/no timeout of its own/);
  });
});

describe('ALB', () => {
  it('every failure, a throttle and a malformed result: 502 with its HTML page (load-balancer-troubleshooting.html; page observed: awslabs/aws-lambda-go-api-proxy#79)', () => {
    for (const outcome of [...FAILURES, { kind: 'throttled' } as Outcome, ok({ statusCode: '200' })]) {
      const a = clientAnswer(ALB, outcome);
      expect(view(a)).toEqual({ status: 502, body: ALB_502_BODY, by: 'door' });
      expect(a.headers['server']).toEqual(['awselb/2.0']);
    }
  });

  it('a response JSON over 1 MB is a 502 (lambda-functions.html), one under it passes', () => {
    const big = (n: number) => ok({ statusCode: 200, headers: {}, body: 'x'.repeat(n) });
    expect(clientAnswer(ALB, big(1_048_576)).statusCode).toBe(502);
    expect(clientAnswer(ALB, big(1_000_000)).statusCode).toBe(200);
    expect(clientAnswer(REST, big(1_048_576)).statusCode).toBe(200);
  });

  it('single-value reads headers only, multi-value reads multiValueHeaders (lambda-functions.html)', () => {
    const result = { statusCode: 200, headers: { a: 'one' }, multiValueHeaders: { a: ['one', 'two'] }, body: '' };
    expect(clientAnswer(ALB, ok(result)).headers).toEqual({ a: ['one'] });
    expect(clientAnswer(ALB_MV, ok(result)).headers).toEqual({ a: ['one', 'two'] });
  });

  it('a request body over 1 MB never reaches the function: 413', () => {
    expect(clientAnswer(ALB, { kind: 'rejected', errorType: 'RequestTooLargeException' }).statusCode).toBe(413);
  });
});

describe('the event picks the door', () => {
  it('by the one classifier, plus the version field of an HTTP API on payload 1.0', async () => {
    expect(doorOfEvent((await loadEvent('apigw-v1-get')).event)).toEqual(REST);
    expect(doorOfEvent((await loadEvent('apigw-v2-get')).event)).toEqual(HTTP2);
    expect(doorOfEvent((await loadEvent('function-url')).event)).toEqual(URL);
    expect(doorOfEvent((await loadEvent('alb-single-value')).event)).toEqual(ALB);
    expect(doorOfEvent((await loadEvent('alb-multi-value')).event)).toEqual(ALB_MV);
    expect(doorOfEvent(requestEvent(HTTP1, { method: 'GET', path: '/' }))).toEqual(HTTP1);
  });

  it('each built request event is classified as the door it was built for', () => {
    for (const settings of [REST, HTTP1, HTTP2, URL, ALB, ALB_MV])
      expect(doorOfEvent(requestEvent(settings, { method: 'GET', path: '/health', query: { a: '1' } }))).toEqual(
        settings,
      );
  });

  it('a door carries only events of its payload shape', async () => {
    expect(doorsFor((await loadEvent('alb-single-value')).event)).toEqual(['alb']);
    expect(doorsFor((await loadEvent('apigw-v1-get')).event)).toEqual(['rest', 'http']);
    expect(doorsFor((await loadEvent('function-url')).event)).toEqual(['http', 'url']);
  });

  it('an invocation that outlasted the integration timeout is the door timeout', () => {
    const record = { status: 'ok', durationMs: 900, result: { statusCode: 200, body: '' } } as never;
    expect(clientAnswer({ ...REST, integrationTimeoutMs: 500 }, record).statusCode).toBe(504);
    expect(clientAnswer({ ...REST, integrationTimeoutMs: 1_000 }, record).statusCode).toBe(200);
  });
});

describe('request limits', () => {
  it("an ALB refuses a request body over 1 MB with 413 before the function runs (load-balancer-troubleshooting.html); API Gateway's doors carry it", () => {
    const record = { status: 'ok', durationMs: 5, result: { statusCode: 200, body: '' } } as never;
    expect(clientAnswer(ALB, record, { bodyBytes: 1_048_577 }).statusCode).toBe(413);
    expect(clientAnswer(REST, record, { bodyBytes: 1_048_577 }).statusCode).toBe(200);
  });

  it('reads the body size and Accept of an event as the client sent them', async () => {
    const { requestView } = await import('../../lab/front-doors/index.ts');
    const event = (await loadEvent('apigw-v1-binary-post')).event;
    expect(requestView(event).bodyBytes).toBe(64);
    expect(requestView((await loadEvent('apigw-v1-get')).event).accept).toBe('*/*');
  });
});
