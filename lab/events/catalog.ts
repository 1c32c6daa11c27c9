// The named sample events: one line each, in the order `lab events` lists them.
// Everything else about a sample (its source, method and path) is read from its JSON file in
// ./samples/<name>.json, so nothing here can drift from the event itself.

export type SampleEntry = {
  readonly name: string;
  readonly description: string;
};

export const catalog: readonly SampleEntry[] = [
  {
    name: 'apigw-v1-get',
    description: 'REST API GET with a repeated query key (tag=a&tag=b) and one Cookie header, stage "prod"',
  },
  { name: 'apigw-v1-post-json', description: 'REST API POST of a JSON order with an Idempotency-Key header' },
  { name: 'apigw-v1-binary-post', description: 'REST API POST of 64 non-UTF-8 bytes, base64-encoded by API Gateway' },
  {
    name: 'apigw-v1-named-stage',
    description: 'REST API on stage "v1" behind a /{proxy+} resource: the stage is not in "path"',
  },
  {
    name: 'apigw-v2-get',
    description: 'HTTP API GET: rawQueryString keeps tag=a&tag=b, queryStringParameters joins them "a,b"',
  },
  { name: 'apigw-v2-post', description: 'HTTP API POST of a JSON order with an idempotency-key header' },
  {
    name: 'apigw-v2-named-stage',
    description: 'HTTP API on stage "beta": the stage stays in rawPath (/beta/echo/stage)',
  },
  { name: 'apigw-v2-cookies', description: 'HTTP API GET with three cookies moved out of the headers into cookies[]' },
  { name: 'apigw-v2-binary', description: 'HTTP API POST of 64 non-UTF-8 bytes, base64-encoded' },
  {
    name: 'alb-multi-value',
    description: 'ALB target group with multi-value headers on: color=red&color=blue, two cookie lines',
  },
  {
    name: 'alb-single-value',
    description: 'ALB target group with multi-value headers off: one value per header and query key',
  },
  { name: 'function-url', description: 'Lambda Function URL GET: v2 shape, cookies[] and a cookie header at once' },
  { name: 'users-alice', description: 'GET /users/me as alice (Authorization: Bearer alice)' },
  { name: 'users-anonymous', description: 'GET /users/me with no Authorization header: the guard refuses it' },
  {
    name: 'orders-invalid',
    description: 'POST /orders with an empty item and quantity 0: the ValidationPipe refuses it',
  },
  { name: 'reports-slow', description: 'GET /reports/slow?ms=200: a real 200 ms query in PostgreSQL' },
  { name: 'files-bytes', description: 'GET /files/bytes.bin: a binary response (bytes 0..255)' },
  { name: 'health', description: 'GET /health: is the app up?' },
];
