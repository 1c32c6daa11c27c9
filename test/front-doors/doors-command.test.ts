import { beforeAll, describe, expect, it } from 'vitest';
import type { DoorsReport } from '../../lab/front-doors/door-runs.ts';
import { formatDoors } from '../../lab/front-doors/format-doors.ts';
import { ALB_502_BODY } from '../../lab/front-doors/alb.ts';
import { SOURCES } from '../../lab/front-doors/index.ts';
import { runLab } from '../cli/run-lab.ts';

// `lab doors --json`: real runs of the fixture through the four doors. Each cell is pinned to the
// page (or the observed issue) the gateway model cites for it.

let report: DoorsReport;
beforeAll(async () => {
  const run = await runLab(['doors', '--json']);
  expect(run.code, run.stderr).toBe(0);
  report = JSON.parse(run.stdout) as DoorsReport;
}, 60_000);

const BYTES = Buffer.from(Array.from({ length: 256 }, (_, i) => i));
const REST_ERROR = '{"message":"Internal server error"}';
const HTTP_ERROR = '{"message":"Internal Server Error"}';

// door → case → [status, body, source]
const EXPECTED = {
  rest: {
    normal: [200, '{"ok":true}', SOURCES.restProxyFormat],
    throws: [502, REST_ERROR, SOURCES.apigwLambdaErrors],
    timeout: [504, '{"message":"Endpoint request timed out"}', SOURCES.restTimeoutBody],
    throttled: [500, REST_ERROR, SOURCES.apigwLambdaErrors],
    oversized: [502, REST_ERROR, SOURCES.apigwLambdaErrors],
    // No binaryMediaTypes: the client reads the base64 text.
    binary: [200, BYTES.toString('base64'), SOURCES.restBinary],
  },
  http: {
    normal: [200, '{"ok":true}', SOURCES.httpApiLambda],
    throws: [500, HTTP_ERROR, SOURCES.httpApiErrors],
    timeout: [503, '{"message":"Service Unavailable"}', SOURCES.httpApiTimeout],
    throttled: [500, HTTP_ERROR, SOURCES.httpApiErrors],
    oversized: [500, HTTP_ERROR, SOURCES.httpApiErrors],
    binary: [200, BYTES.toString('base64'), SOURCES.httpApiLambda],
  },
  url: {
    normal: [200, '{"ok":true}', SOURCES.urlPayloads],
    throws: [502, 'Internal Server Error', SOURCES.urlErrors],
    timeout: [502, 'Internal Server Error', SOURCES.urlErrors],
    throttled: [429, '', SOURCES.urlThrottle],
    oversized: [502, 'Internal Server Error', SOURCES.urlErrors],
    binary: [200, BYTES.toString('base64'), SOURCES.urlPayloads],
  },
  alb: {
    normal: [200, '{"ok":true}', SOURCES.albLambda],
    throws: [502, ALB_502_BODY, SOURCES.albErrors],
    timeout: [502, ALB_502_BODY, SOURCES.albErrors],
    throttled: [502, ALB_502_BODY, SOURCES.albErrors],
    oversized: [502, ALB_502_BODY, SOURCES.albErrors],
    binary: [200, BYTES.toString('base64'), SOURCES.albLambda],
  },
} as const;

describe('lab doors --json', () => {
  it('lists four doors × six cases', () => {
    expect(report.doors.map((d) => d.door)).toEqual(['rest', 'http', 'url', 'alb']);
    expect(report.cases).toEqual(['normal', 'throws', 'timeout', 'throttled', 'oversized', 'binary']);
    expect(report.runs).toHaveLength(24);
  });

  for (const [door, cases] of Object.entries(EXPECTED))
    for (const [kase, [status, body, source]] of Object.entries(cases))
      it(`${door} × ${kase}: ${status} (${source.url})`, () => {
        const run = report.runs.find((r) => r.door === door && r.case === kase)!;
        expect(run.client.statusCode).toBe(status);
        // Binary bodies come as base64 in the JSON; the REST one is text that happens to be base64.
        expect(run.client.body).toBe(body);
        expect(run.client.source).toEqual(source);
      });

  it('the runs are real: the function threw, timed out, was throttled, or Lambda refused its 6 MB answer', () => {
    const of = (door: string, kase: string) => report.runs.find((r) => r.door === door && r.case === kase)!.invocation;
    expect(of('rest', 'throws')).toMatchObject({ status: 'error', errorType: 'Error' });
    expect(of('url', 'timeout')).toMatchObject({ status: 'timeout' });
    expect(of('http', 'throttled')).toMatchObject({ status: 'throttled', errorType: 'TooManyRequestsException' });
    expect(of('rest', 'oversized')).toMatchObject({ errorType: 'Function.ResponseSizeTooLarge' });
    // ALB's own 1 MB limit: the function answered, the load balancer refused it.
    expect(of('alb', 'oversized')).toMatchObject({ status: 'ok' });
  });

  it("API Gateway's clock answers before the function's; a function URL and an ALB wait for the function", () => {
    const at = (door: string) => report.runs.find((r) => r.door === door && r.case === 'timeout')!.atMs;
    expect(at('rest')).toBeLessThan(report.functionTimeoutMs);
    expect(at('http')).toBeLessThan(report.functionTimeoutMs);
    // The function's own clock, give or take the timer's millisecond.
    expect(at('url')).toBeGreaterThanOrEqual(report.functionTimeoutMs - 20);
    expect(at('alb')).toBeGreaterThanOrEqual(report.functionTimeoutMs - 20);
  });

  it('the table fits the width it is given (URLs aside)', () => {
    for (const columns of [80, 120]) {
      const text = formatDoors({ out: () => {}, err: () => {}, color: false }, report, columns);
      for (const line of text.split('\n').filter((l) => !l.includes('https://')))
        expect(line.length, line).toBeLessThanOrEqual(columns);
      // Each client's answer, wrapped inside its door's column.
      const timeoutRow = text.split('\n').find((l) => l.startsWith('timeout'))!;
      expect(timeoutRow).toMatch(/^timeout\s+504 Endpoint.*\s503 Service.*\s502 Internal.*\s502 HTML/);
    }
  });
});
