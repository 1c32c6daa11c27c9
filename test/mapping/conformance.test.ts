import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runConformance, type Column, type ConformanceRow } from '../../lab/mapping-inspector/conformance.ts';
import { upstreamFixtures } from '../../lab/mapping-inspector/corpus.ts';
import { bothColumns, shutdown } from './columns.ts';

// Every event, both handlers, once: the two columns of the lesson's table, pinned.
let columns: Column[];
let rows: ConformanceRow[];
beforeAll(async () => {
  columns = await bothColumns();
  rows = await runConformance(columns);
}, 60_000);
afterAll(() => shutdown(columns));

const losses = (handler: string) =>
  Object.fromEntries(
    rows
      .filter((r) => r.handler === handler && r.losses.length)
      .map((r) => [r.fixture, r.losses.filter((l) => l !== 'binary-response-corrupted')]),
  );

describe('lab conformance', () => {
  it('runs all 25 upstream fixtures, read in place from ../shared/events/upstream', async () => {
    expect(await upstreamFixtures()).toHaveLength(25);
    expect(rows.filter((r) => r.fixture.startsWith('upstream/') && r.handler === 'lab')).toHaveLength(25);
    expect(rows.filter((r) => r.fixture.startsWith('sample/') && r.handler === 'lab')).toHaveLength(18);
  });

  it('finds no loss with the lab handler but the one no handler can fix: a REST API without binaryMediaTypes', () => {
    const lab = rows.filter((r) => r.handler === 'lab');
    const withLoss = lab.filter((r) => r.losses.length > 0);
    // The handler sends the bytes base64-flagged; a REST API hands its client the base64 text
    // unless binaryMediaTypes match (api-gateway-payload-encodings-workflow.html).
    expect(new Set(withLoss.flatMap((r) => r.losses))).toEqual(new Set(['needs-binaryMediaTypes']));
    expect(withLoss.map((r) => r.fixture).sort()).toEqual(
      lab
        .filter((r) => r.door.door === 'rest' && !(r.door.binaryMediaTypes ?? []).length)
        .map((r) => r.fixture)
        .sort(),
    );
    expect(withLoss.length).toBeGreaterThan(5);
    expect(lab.length).toBe(rows.length / 2);
  });

  it('has a REST binary-download row: a loss without binaryMediaTypes, none with them', () => {
    const row = (fixture: string, handler: string) => rows.find((r) => r.fixture === fixture && r.handler === handler)!;
    expect(row('door/rest-binary-download', 'lab')).toMatchObject({
      source: 'apigw-v1',
      door: { door: 'rest', binaryMediaTypes: [] },
      losses: ['needs-binaryMediaTypes'],
    });
    expect(row('door/rest-binary-download', 'lab').evidence[0]!.evidence).toMatch(/base64 text/);
    expect(row('door/rest-binary-download+binaryMediaTypes', 'lab')).toMatchObject({
      door: { door: 'rest', binaryMediaTypes: ['*/*'] },
      losses: [],
    });
    // The default adapter corrupts the bytes before any door sees them: binaryMediaTypes cannot help.
    expect(row('door/rest-binary-download+binaryMediaTypes', 'default').losses).toEqual(['binary-response-corrupted']);
  });

  it('corrupts the binary response of every event with default options (#645)', () => {
    const corrupted = rows.filter((r) => r.handler === 'default' && r.losses.includes('binary-response-corrupted'));
    // Every row but the overlap pair, which only reads the echo route.
    expect(corrupted.length).toBe(rows.length / 2 - 1);
  });

  it('shows the known losses of serverless-express 5.0.0 with default options, and no others', () => {
    const ALB_SINGLE = ['set-cookie-dropped', 'repeated-header-dropped'];
    expect(losses('default')).toEqual({
      'upstream/aws-lambda-dotnet/cookies-get-multiple-httpapi-v2-request': ['content-length-mismatch'],
      'upstream/aws-lambda-dotnet/encode-slash-in-resource-path-httpapi-v2': [],
      'upstream/aws-lambda-dotnet/encode-slash-in-resource-path': [],
      'upstream/aws-lambda-dotnet/encode-space-in-resource-path-and-query': ['query-dropped'],
      'upstream/aws-lambda-dotnet/rawtarget-escaped-percent-slash-in-path-alb': ALB_SINGLE,
      'upstream/aws-lambda-dotnet/values-get-all-httpapi-v2-with-stage': ['stage-in-path'],
      'upstream/aws-lambda-dotnet/values-get-customauthorizer-apigateway-request': [],
      'upstream/aws-lambda-dotnet/values-get-querystring-alb-mv-encoding-request': [],
      'upstream/aws-lambda-dotnet/values-put-binary-alb-request': ALB_SINGLE,
      'upstream/aws-lambda-go/alb-lambda-target-request-headers-only': ALB_SINGLE,
      'upstream/aws-lambda-go/alb-lambda-target-request-multivalue-headers': [],
      'upstream/aws-lambda-go/apigw-request': [],
      'upstream/aws-lambda-go/apigw-v2-request-lambda-authorizer': [],
      'upstream/aws-lambda-go/lambda-urls-request': [],
      // Both `headers` and `multiValueHeaders`: the adapter answers single-value.
      'upstream/aws-lambda-rust-runtime/alb_multi_value_request': ['cookie-joined-with-comma', ...ALB_SINGLE],
      'upstream/aws-lambda-rust-runtime/alb_multi_value_request_encoded_query_parameters': [
        'cookie-joined-with-comma',
        ...ALB_SINGLE,
      ],
      'upstream/aws-lambda-rust-runtime/alb_request_encoded_query_parameters': ALB_SINGLE,
      'upstream/aws-lambda-rust-runtime/apigw_multi_value_proxy_request': [],
      'upstream/aws-lambda-rust-runtime/apigw_request_path_with_space': [],
      'upstream/aws-lambda-rust-runtime/apigw_v2_proxy_request_with_stage_in_path': ['stage-in-path'],
      'upstream/aws-lambda-rust-runtime/lambda_function_url_request': [],
      'upstream/powertools-lambda-python/albMultiValueQueryStringEvent': [],
      'upstream/powertools-lambda-python/apiGatewayProxyEvent': [],
      'upstream/powertools-lambda-python/apiGatewayProxyEvent_noVersionAuth': ['invalid-base64-accepted'],
      'upstream/powertools-lambda-typescript/console-test-ui': [],
      'sample/apigw-v1-get': [],
      'sample/apigw-v1-post-json': [],
      'sample/apigw-v1-binary-post': [],
      'sample/apigw-v1-named-stage': [],
      'sample/apigw-v2-get': [],
      'sample/apigw-v2-post': [],
      'sample/apigw-v2-named-stage': ['stage-in-path'],
      'sample/apigw-v2-cookies': [],
      'sample/apigw-v2-binary': [],
      'sample/alb-multi-value': ['cookie-joined-with-comma'],
      'sample/alb-single-value': ALB_SINGLE,
      'sample/function-url': [],
      'sample/users-alice': [],
      'sample/users-anonymous': [],
      'sample/orders-invalid': [],
      'sample/reports-slow': [],
      'sample/files-bytes': [],
      'sample/health': [],
      'variant/apigw-v1-two-cookie-lines': ['cookie-joined-with-comma'],
      'variant/alb-malformed-percent': ['malformed-percent-500', ...ALB_SINGLE],
      'variant/apigw-v2-headers-null': ['request-failed'],
      'overlap/two-requests-one-environment': ['invoke-context-mixed'],
      'door/rest-binary-download': [],
      'door/rest-binary-download+binaryMediaTypes': [],
    });
  });
});
