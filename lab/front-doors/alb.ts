// An Application Load Balancer target group of type lambda, multi-value headers off or on.

import { answer, asProxyResult, bodyBytes, HeaderLines, isBinaryResult } from './result-shape.ts';
import { SOURCES } from './sources.ts';
import type { ClientAnswer, DoorCase, DoorModel } from './types.ts';

export const ALB_RESPONSE_LIMIT = 1_048_576;

/** The load balancer's own error page, as clients read it (awslabs/aws-lambda-go-api-proxy#79). */
export const ALB_502_BODY =
  '<html>\n<head><title>502 Bad Gateway</title></head>\n<body>\n<center><h1>502 Bad Gateway</h1></center>\n</body>\n</html>\n';

export const alb: DoorModel = {
  name: 'alb',
  label: 'ALB',
  timeout: null,
  limits: { requestBytes: ALB_RESPONSE_LIMIT, responseBytes: ALB_RESPONSE_LIMIT, source: SOURCES.albLambda },
  answer(outcome, settings) {
    // A request body over 1 MB never reaches the function: 413 (load-balancer-troubleshooting.html).
    if (outcome.kind === 'rejected')
      return answer('alb', 'door', 'rejected', 413, { server: ['awselb/2.0'] }, '', SOURCES.albErrors);
    if (outcome.kind !== 'returned')
      return badGateway(outcome.kind === 'door-timeout' ? 'function-timeout' : outcome.kind);
    const r = asProxyResult(outcome.result);
    if (!r) return badGateway('malformed', SOURCES.albStatusNumber);
    // "The maximum size of the response JSON that the Lambda function can send is 1 MB."
    if (Buffer.byteLength(JSON.stringify(outcome.result)) > ALB_RESPONSE_LIMIT) return badGateway('oversized');
    const h = new HeaderLines();
    // "You must use multiValueHeaders if you have enabled multi-value headers and headers otherwise."
    // A multi-value target answered with `headers` only keeps them (what the mapping inspector has always read).
    const multi = settings.albMultiValue === true && r.multiValueHeaders ? r.multiValueHeaders : undefined;
    if (multi) for (const [n, v] of Object.entries(multi)) h.add(n, Array.isArray(v) ? v : [v]);
    else
      for (const [n, v] of Object.entries(r.headers ?? {})) {
        // A header value that is not a string is a 502 (jeremydaly/lambda-api#117, observed).
        if (typeof v !== 'string') return badGateway('malformed', SOURCES.albErrors);
        h.add(n, [v]);
      }
    return answer(
      'alb',
      'function',
      isBinaryResult(r) ? 'binary' : 'normal',
      r.statusCode,
      h.lines,
      bodyBytes(r, true),
      SOURCES.albLambda,
    );
  },
};

function badGateway(kase: DoorCase, source = SOURCES.albErrors): ClientAnswer {
  return answer(
    'alb',
    'door',
    kase,
    502,
    { server: ['awselb/2.0'], 'content-type': ['text/html'] },
    ALB_502_BODY,
    kase === 'malformed' ? source : SOURCES.albErrors,
  );
}
