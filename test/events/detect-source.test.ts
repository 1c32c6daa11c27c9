import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { detectSource, listSamples, loadEvent, type HttpEventSource } from '../../lab/events/index.ts';

// The corpus of real public fixtures lives next to the repository, not in it.
const upstreamDir = new URL('../../../shared/events/upstream/', import.meta.url);

// What ../shared/events/upstream/SOURCES.md says each fixture is ("what it exercises").
const expected: Record<string, HttpEventSource> = {
  'aws-lambda-rust-runtime/apigw_multi_value_proxy_request.json': 'apigw-v1',
  'aws-lambda-rust-runtime/apigw_v2_proxy_request_with_stage_in_path.json': 'apigw-v2',
  'aws-lambda-rust-runtime/apigw_request_path_with_space.json': 'apigw-v2',
  'aws-lambda-rust-runtime/alb_multi_value_request.json': 'alb',
  'aws-lambda-rust-runtime/alb_multi_value_request_encoded_query_parameters.json': 'alb',
  'aws-lambda-rust-runtime/alb_request_encoded_query_parameters.json': 'alb',
  'aws-lambda-rust-runtime/lambda_function_url_request.json': 'function-url',
  'aws-lambda-go/alb-lambda-target-request-headers-only.json': 'alb',
  'aws-lambda-go/alb-lambda-target-request-multivalue-headers.json': 'alb',
  'aws-lambda-go/apigw-request.json': 'apigw-v1',
  'aws-lambda-go/lambda-urls-request.json': 'function-url',
  'aws-lambda-go/apigw-v2-request-lambda-authorizer.json': 'apigw-v2',
  'aws-lambda-dotnet/values-put-binary-alb-request.json': 'alb',
  'aws-lambda-dotnet/encode-slash-in-resource-path.json': 'apigw-v1',
  'aws-lambda-dotnet/encode-slash-in-resource-path-httpapi-v2.json': 'apigw-v2',
  'aws-lambda-dotnet/rawtarget-escaped-percent-slash-in-path-alb.json': 'alb',
  'aws-lambda-dotnet/encode-space-in-resource-path-and-query.json': 'apigw-v1',
  'aws-lambda-dotnet/cookies-get-multiple-httpapi-v2-request.json': 'apigw-v2',
  'aws-lambda-dotnet/values-get-all-httpapi-v2-with-stage.json': 'apigw-v2',
  'aws-lambda-dotnet/values-get-querystring-alb-mv-encoding-request.json': 'alb',
  'aws-lambda-dotnet/values-get-customauthorizer-apigateway-request.json': 'apigw-v1',
  // Payload format 1.0 ("version": "1.0") is the REST v1 shape, whatever API sent it.
  'powertools-lambda-python/apiGatewayProxyEvent.json': 'apigw-v1',
  'powertools-lambda-python/apiGatewayProxyEvent_noVersionAuth.json': 'apigw-v1',
  'powertools-lambda-python/albMultiValueQueryStringEvent.json': 'alb',
  'powertools-lambda-typescript/console-test-ui.json': 'apigw-v1',
};

const upstreamFiles = (readdirSync(upstreamDir, { recursive: true }) as string[])
  .filter((f) => f.endsWith('.json'))
  .sort();

const readUpstream = (file: string): unknown =>
  JSON.parse(readFileSync(new URL(file, upstreamDir), 'utf8').replace(/^\uFEFF/, ''));

// The adapter's own choice, to prove detectSource follows the same rules.
const require = createRequire(import.meta.url);
const { getEventSourceNameBasedOnEvent } = require('@codegenie/serverless-express/src/event-sources/utils.js') as {
  getEventSourceNameBasedOnEvent(args: { event: unknown }): string;
};
const adapterName: Record<HttpEventSource, string> = {
  'apigw-v1': 'AWS_API_GATEWAY_V1',
  'apigw-v2': 'AWS_API_GATEWAY_V2',
  'function-url': 'AWS_API_GATEWAY_V2',
  alb: 'AWS_ALB',
};

describe('detectSource on the upstream corpus', () => {
  it('finds the 25 fixtures SOURCES.md lists, and only those', () => {
    expect(upstreamFiles).toEqual(Object.keys(expected).sort());
  });

  for (const file of upstreamFiles) {
    it(`${file} is ${expected[file]}`, () => {
      expect(detectSource(readUpstream(file))).toBe(expected[file]);
    });
  }

  it('agrees with serverless-express on every fixture and every sample', () => {
    const events = [
      ...upstreamFiles.map((file) => ({ file, event: readUpstream(file) })),
      ...listSamples().map(({ name }) => ({
        file: name,
        event: JSON.parse(
          readFileSync(new URL(`../../lab/events/samples/${name}.json`, import.meta.url), 'utf8'),
        ) as unknown,
      })),
    ];
    for (const { file, event } of events) {
      const ours = detectSource(event);
      expect({ file, adapter: getEventSourceNameBasedOnEvent({ event }) }).toEqual({
        file,
        adapter: adapterName[ours!],
      });
    }
  });

  it('loads every fixture through loadEvent, BOM or not', async () => {
    for (const file of upstreamFiles) {
      const loaded = await loadEvent(fileURLToPath(new URL(file, upstreamDir)));
      expect(loaded.source).toBe(expected[file]);
    }
  });
});

describe('detectSource on shapes', () => {
  it('tells a Function URL from an HTTP API by its lambda-url domain', () => {
    const v2 = {
      version: '2.0',
      requestContext: { domainName: 'abc.execute-api.us-east-1.amazonaws.com', http: { method: 'GET' } },
    };
    const url = {
      version: '2.0',
      requestContext: { domainName: 'abc.lambda-url.us-east-1.on.aws', http: { method: 'GET' } },
    };
    expect(detectSource(v2)).toBe('apigw-v2');
    expect(detectSource(url)).toBe('function-url');
  });

  it('checks requestContext.elb before anything else, as the adapter does', () => {
    expect(
      detectSource({ version: '2.0', httpMethod: 'GET', requestContext: { elb: { targetGroupArn: 'arn' } } }),
    ).toBe('alb');
  });

  it('calls any other requestContext event without version "2.0" REST v1', () => {
    expect(detectSource({ version: '1.0', httpMethod: 'GET', path: '/', requestContext: {} })).toBe('apigw-v1');
  });

  it('knows no source for non-HTTP events and non-objects', () => {
    expect(detectSource({ Records: [{ eventSource: 'aws:sqs' }] })).toBeUndefined();
    expect(detectSource({ eventSource: 'SelfManagedKafka', requestContext: {} })).toBeUndefined();
    expect(detectSource({ requestContext: { serviceNetworkArn: 'a', serviceArn: 'b' } })).toBeUndefined();
    expect(detectSource({ httpMethod: 'GET', path: '/' })).toBeUndefined();
    for (const value of [null, [], 'GET /', 42, undefined]) expect(detectSource(value)).toBeUndefined();
  });
});
