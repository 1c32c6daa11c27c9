// The four HTTP event shapes Lambda hands this app (REST API v1, HTTP API v2 / Function URL,
// ALB), typed loosely on purpose: the normalising steps must survive events that break the rules.
// Which of them an event is: detectSource() (detect-source.ts).

export interface HttpEvent {
  version?: string;
  httpMethod?: string;
  path?: string;
  rawPath?: string;
  rawQueryString?: string;
  headers?: Record<string, string> | null;
  multiValueHeaders?: Record<string, string[]> | null;
  queryStringParameters?: Record<string, string> | null;
  multiValueQueryStringParameters?: Record<string, string[]> | null;
  pathParameters?: Record<string, string> | null;
  cookies?: string[];
  body?: string | null;
  isBase64Encoded?: boolean;
  requestContext?: {
    stage?: string;
    requestId?: string;
    elb?: unknown;
    http?: { method?: string; path?: string };
  };
}

/** A request the handler refuses before the adapter sees it: answered as a 400 with a message. */
export interface Refusal {
  refuse: string;
}

export type Step = (event: HttpEvent) => HttpEvent | Refusal;

export function isRefusal(value: HttpEvent | Refusal): value is Refusal {
  return typeof (value as Refusal).refuse === 'string';
}
