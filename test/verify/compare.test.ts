// The comparison behind question 1, on made-up answers: what is a loss, what is only noise.
import { describe, expect, it } from 'vitest';
import type { InvocationRecord } from '../../lab/runtime/invocation.ts';
import { compareAnswers, type ProbeAnswers } from '../../lab/verify/compare.ts';
import type { DirectResponse } from '../../lab/verify/direct-app.ts';
import type { SeenRecord } from '../../lab/verify/nest-probe/records.ts';
import { concretePath, probeableRoutes } from '../../lab/verify/probe-requests.ts';
import { wrap } from '../../lab/verify/report.ts';

const ok = { status: 'ok', requestId: 'req-1' } as InvocationRecord;

function json(body: unknown, headers: Record<string, string[]> = {}): DirectResponse {
  return {
    statusCode: 200,
    headers: { 'content-type': ['application/json'], ...headers },
    body: Buffer.from(JSON.stringify(body)),
  };
}

function seen(url: string, headers: Record<string, string>, body = ''): SeenRecord {
  return {
    kind: 'seen',
    pid: 1,
    probe: 'p',
    method: 'GET',
    url,
    headers,
    bodyBase64: Buffer.from(body).toString('base64'),
  };
}

function answers(overrides: Partial<ProbeAnswers>): ProbeAnswers {
  const direct = json({ a: 1 });
  return {
    probe: 'baseline',
    direct: [direct, direct],
    record: ok,
    client: direct,
    lambdaValues: [],
    directValues: [],
    ...overrides,
  };
}

describe('comparing the direct answer with the handler answer', () => {
  it('finds nothing when both answers are the same', () => {
    expect(compareAnswers(answers({}))).toEqual([]);
  });

  it('ignores a value that differs between the two direct answers (it changes by itself)', () => {
    const client = json({ a: 1, at: 30 });
    expect(compareAnswers(answers({ direct: [json({ a: 1, at: 10 }), json({ a: 1, at: 20 })], client }))).toEqual([]);
  });

  it('ignores the invocation’s own ids in the handler answer, but not another value', () => {
    const direct = json({ requestId: null, user: 'ada' });
    const ids = answers({
      direct: [direct, direct],
      client: json({ requestId: 'req-1', user: 'ada' }),
      lambdaValues: ['req-1'],
    });
    expect(compareAnswers(ids)).toEqual([]);
    const changed = answers({ direct: [direct, direct], client: json({ requestId: null, user: 'bob' }) });
    expect(compareAnswers(changed)).toEqual([
      { rule: 'response-body-changed', evidence: '$.user: the client got "bob", directly "ada"' },
    ]);
  });

  it('names a cookie header joined with "," as cookie-joined-with-comma', () => {
    const losses = compareAnswers(
      answers({ directSeen: seen('/x', { cookie: 'a=1; b=2' }), handlerSeen: seen('/x', { cookie: 'a=1,b=2' }) }),
    );
    expect(losses.map((l) => l.rule)).toEqual(['cookie-joined-with-comma']);
  });

  it('names the stage left in the path as stage-in-path', () => {
    const losses = compareAnswers(
      answers({ stage: 'beta', directSeen: seen('/items', {}), handlerSeen: seen('/beta/items', {}) }),
    );
    expect(losses).toEqual([{ rule: 'stage-in-path', evidence: 'Nest saw /beta/items, directly /items' }]);
  });

  it('names bytes that came back as text binary-response-corrupted, and a lost Set-Cookie set-cookie-dropped', () => {
    const bytes: DirectResponse = {
      statusCode: 200,
      headers: { 'set-cookie': ['a=1', 'b=2'] },
      body: Buffer.from([0xff, 0xfe, 0x00]),
    };
    const client = {
      statusCode: 200,
      headers: { 'set-cookie': ['a=1'] },
      body: Buffer.from(Buffer.from([0xff, 0xfe, 0x00]).toString('utf8')),
    };
    expect(compareAnswers(answers({ direct: [bytes, bytes], client })).map((l) => l.rule)).toEqual([
      'set-cookie-dropped',
      'binary-response-corrupted',
    ]);
  });

  it('a handler that failed is request-failed', () => {
    const failed = { ...ok, status: 'error', errorType: 'TypeError' } as InvocationRecord;
    const { client: _client, ...rest } = answers({ record: failed });
    expect(compareAnswers(rest)).toEqual([
      { rule: 'request-failed', evidence: 'direct 200, the handler failed: TypeError' },
    ]);
  });
});

describe('routes and text', () => {
  it('fills in route parameters and probes an @All route once', () => {
    expect(concretePath('/users/:name')).toBe('/users/verify');
    expect(concretePath('/echo/*path')).toBe('/echo/verify/x');
    const all = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'CONNECT'].map((method) => ({ method, path: '/echo' }));
    expect(probeableRoutes([...all, { method: 'TRACE', path: '/t' }, { method: 'GET', path: '/a' }])).toEqual([
      { method: 'ALL', path: '/echo' },
      { method: 'GET', path: '/a' },
    ]);
  });

  it('wraps evidence to the terminal width', () => {
    const lines = wrap('word '.repeat(40) + 'x'.repeat(70), 40, '   · ', '     ');
    expect(lines.every((l) => l.length <= 40)).toBe(true);
    expect(lines[0]!.startsWith('   · word')).toBe(true);
    expect(lines.slice(1).every((l) => l.startsWith('     '))).toBe(true);
  });
});
