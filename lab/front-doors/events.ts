// The request a scenario sends, as each front door would hand it to the function. The shapes
// follow the sample events (lab/events/samples) and the payload pages cited in sources.ts.

import { randomBytes } from 'node:crypto';
import type { DoorSettings } from './types.ts';

export interface HttpRequest {
  method: 'GET' | 'POST';
  path: string;
  headers?: Record<string, string>;
  query?: Record<string, string>;
  body?: unknown;
  /** The door's own request id (`requestContext.requestId`); a fresh one if not given. */
  apiRequestId?: string;
}

/** A fresh id in API Gateway's style (`aPxvIg9Rx7FlNLt=`). */
export function apiRequestId(): string {
  return randomBytes(11).toString('base64').replace(/[+/]/g, 'x').slice(0, 15) + '=';
}

const API_ID = 'h7xmpl2q4d';
const URL_ID = 'a3xmplzq4dbh2hq6ihb5sr4vpy0bzrje';

export function requestEvent(settings: DoorSettings, request: HttpRequest): Record<string, unknown> {
  const host =
    settings.door === 'url'
      ? `${URL_ID}.lambda-url.us-east-1.on.aws`
      : settings.door === 'alb'
        ? 'lab-alb-1234567890.us-east-1.elb.amazonaws.com'
        : `${API_ID}.execute-api.us-east-1.amazonaws.com`;
  const headers: Record<string, string> = {
    accept: 'application/json',
    host,
    'user-agent': 'boundary-lab',
    'x-forwarded-for': '198.51.100.7',
    'x-forwarded-proto': 'https',
    ...(request.body === undefined ? {} : { 'content-type': 'application/json' }),
    ...request.headers,
  };
  const body = request.body === undefined ? undefined : JSON.stringify(request.body);
  const query = request.query ?? {};
  const queryString = new URLSearchParams(query).toString();
  const id = request.apiRequestId ?? apiRequestId();
  const now = Date.now();
  if (settings.door === 'alb') {
    const multi = settings.albMultiValue === true;
    return {
      requestContext: {
        elb: { targetGroupArn: 'arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/lab/6d0ecf831eec9f09' },
      },
      httpMethod: request.method,
      path: request.path,
      ...(multi
        ? {
            multiValueQueryStringParameters: Object.fromEntries(Object.entries(query).map(([k, v]) => [k, [v]])),
            multiValueHeaders: Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, [v]])),
          }
        : { queryStringParameters: query, headers }),
      body: body ?? '',
      isBase64Encoded: false,
    };
  }
  if (settings.door === 'rest' || (settings.door === 'http' && settings.payload === '1.0')) {
    return {
      ...(settings.door === 'http' ? { version: '1.0' } : {}),
      resource: '/{proxy+}',
      path: request.path,
      httpMethod: request.method,
      headers,
      multiValueHeaders: Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, [v]])),
      queryStringParameters: queryString ? query : null,
      multiValueQueryStringParameters: queryString
        ? Object.fromEntries(Object.entries(query).map(([k, v]) => [k, [v]]))
        : null,
      pathParameters: { proxy: request.path.slice(1) },
      stageVariables: null,
      requestContext: {
        accountId: '123456789012',
        apiId: API_ID,
        domainName: host,
        httpMethod: request.method,
        identity: { sourceIp: '198.51.100.7', userAgent: 'boundary-lab' },
        path: settings.door === 'rest' ? `/prod${request.path}` : request.path,
        protocol: 'HTTP/1.1',
        requestId: id,
        requestTimeEpoch: now,
        resourcePath: '/{proxy+}',
        stage: settings.door === 'rest' ? 'prod' : '$default',
      },
      body: body ?? null,
      isBase64Encoded: false,
    };
  }
  const routeKey = settings.door === 'url' ? '$default' : `${request.method} ${request.path}`;
  return {
    version: '2.0',
    routeKey,
    rawPath: request.path,
    rawQueryString: queryString,
    headers,
    ...(queryString ? { queryStringParameters: query } : {}),
    requestContext: {
      accountId: '123456789012',
      apiId: settings.door === 'url' ? URL_ID : API_ID,
      domainName: host,
      domainPrefix: settings.door === 'url' ? URL_ID : API_ID,
      http: {
        method: request.method,
        path: request.path,
        protocol: 'HTTP/1.1',
        sourceIp: '198.51.100.7',
        userAgent: 'boundary-lab',
      },
      requestId: id,
      routeKey,
      stage: '$default',
      time: new Date(now).toUTCString(),
      timeEpoch: now,
    },
    ...(body === undefined ? {} : { body }),
    isBase64Encoded: false,
  };
}
