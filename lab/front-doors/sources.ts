// Where each door's behaviour comes from. Every row of the model names one of these: an AWS
// documentation page, or (marked `observed`) a public issue that measured what AWS's pages leave
// out, or (marked `unverified`) a choice the lab had to make where neither says.

export interface Source {
  /** The page or issue. */
  url: string;
  /** documented: AWS's own page says it; observed: a public issue measured it; unverified: the lab's choice. */
  kind: 'documented' | 'observed' | 'unverified';
  /** What exactly the source says, when the row needs it. */
  note?: string;
}

const doc = (url: string, note?: string): Source => ({ url, kind: 'documented', ...(note ? { note } : {}) });
const seen = (url: string, note?: string): Source => ({ url, kind: 'observed', ...(note ? { note } : {}) });

export const SOURCES = {
  // API Gateway, both kinds.
  apigwLambdaErrors: doc(
    'https://docs.aws.amazon.com/lambda/latest/dg/services-apigateway-errors.html',
    'the Lambda API rejects the invocation (throttle, payload): 500; the function errors or returns a wrong format: 502; body {"message": "Internal server error"}',
  ),
  restProxyFormat: doc(
    'https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-lambda-proxy-integrations.html',
    'the function returns { statusCode, headers, multiValueHeaders, body, isBase64Encoded }; headers and multiValueHeaders are merged, multiValueHeaders winning a key both carry',
  ),
  restQuotas: doc(
    'https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-execution-service-limits-table.html',
    'integration timeout 50 ms - 29 s; regional and private APIs can raise it beyond 29 s (June 2024), edge-optimized cannot; payload 10 MB',
  ),
  restTimeoutBody: seen(
    'https://github.com/serverless/serverless/issues/3171',
    'the client of a REST API whose integration timed out reads {"message": "Endpoint request timed out"} (504)',
  ),
  restBinary: doc(
    'https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-payload-encodings-workflow.html',
    'binary reaches the client only when the first Accept media type matches binaryMediaTypes; otherwise the base64 text',
  ),
  restMalformed: seen(
    'https://github.com/aws/aws-lambda-go/issues/72',
    '"Execution failed due to configuration error: Malformed Lambda proxy response", 502 {"message": "Internal server error"}',
  ),
  httpApiLambda: doc(
    'https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-lambda.html',
    'payload 1.0 and 2.0; 2.0 infers a result without statusCode: 200, application/json, the result as body; cookies[] become Set-Cookie',
  ),
  httpApiErrors: doc(
    'https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-troubleshooting-lambda.html',
    'a failed Lambda integration answers {"message":"Internal Server Error"} (500)',
  ),
  httpApiQuotas: doc(
    'https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-quotas.html',
    'maximum integration timeout 30 seconds, cannot be increased',
  ),
  httpApiTimeout: seen(
    'https://github.com/anomalyco/sst/issues/2232',
    'an HTTP API whose integration timed out answers 503 {"message":"Service Unavailable"} while the function runs on (also serverless/serverless#11222)',
  ),
  // Function URLs.
  urlPayloads: doc(
    'https://docs.aws.amazon.com/lambda/latest/dg/urls-invocation.html',
    'the HTTP API payload 2.0 schema; a result without statusCode is inferred (200, application/json, the JSON text as body)',
  ),
  urlThrottle: doc(
    'https://docs.aws.amazon.com/lambda/latest/dg/urls-configuration.html',
    'over the reserved concurrency the function URL returns HTTP 429 (the body is not documented)',
  ),
  urlErrors: seen(
    'https://github.com/awsdocs/aws-lambda-developer-guide/issues/430',
    'a failed invocation through a function URL answers 502 "Internal Server Error"',
  ),
  lambdaTimeout: doc(
    'https://docs.aws.amazon.com/lambda/latest/dg/configuration-timeout.html',
    'a function runs at most 900 seconds; a function URL and an ALB have no clock of their own',
  ),
  // Application Load Balancer.
  albLambda: doc(
    'https://docs.aws.amazon.com/elasticloadbalancing/latest/application/lambda-functions.html',
    'request body and response JSON at most 1 MB each; the load balancer waits until the function responds or times out; isBase64Encoded decoded; multiValueHeaders when the target group has them on, headers otherwise',
  ),
  albErrors: doc(
    'https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-troubleshooting.html',
    '502: the response body exceeds 1 MB, the function did not respond before its timeout, returned an error or was throttled, or the response is malformed; 413: the request body exceeds 1 MB',
  ),
  albErrorBody: seen(
    'https://github.com/awslabs/aws-lambda-go-api-proxy/issues/79',
    'the 502 page the client reads: <html><head><title>502 Bad Gateway</title>… (Server: awselb/2.0)',
  ),
  albStatusNumber: seen(
    'https://github.com/adamchainz/apig-wsgi/issues/52',
    'a statusCode that is not a number is a 502 from the load balancer',
  ),
  // Lambda itself.
  lambdaLimits: doc(
    'https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html',
    'synchronous request and response 6 MB each (the response limit is 6 MB + 100 B as measured: lab/runtime)',
  ),
  unverified: (note: string): Source => ({ url: '', kind: 'unverified', note }),
} as const;
