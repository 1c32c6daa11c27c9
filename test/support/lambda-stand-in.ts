import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A STAND-IN FOR AWS LAMBDA, not AWS: an HTTP server on 127.0.0.1 that speaks the Invoke API's
 * wire format (docs: API_Invoke.html), as the SDK's own tests stub a service. Request:
 * `POST /2015-03-31/functions/{FunctionName}/invocations`, the event as the body,
 * `X-Amz-Invocation-Type`, `X-Amz-Log-Type`. Response: the function's payload as the body, and
 * the headers `X-Amz-Log-Result` (the log tail, base64), `X-Amz-Function-Error` (when the function
 * failed), `X-Amz-Executed-Version`, `x-amzn-RequestId`. An API error is a status code, an
 * `x-amzn-ErrorType` header and a JSON body with a `message`.
 */
export interface StandInAnswer {
  status?: number;
  payload: unknown;
  /** The log tail, as lines; sent base64 in X-Amz-Log-Result. */
  logs?: string[];
  functionError?: 'Unhandled' | 'Handled';
  errorType?: string;
}

export interface ReceivedInvoke {
  method: string;
  path: string;
  functionName: string;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface LambdaStandIn {
  endpoint: string;
  received: ReceivedInvoke[];
  close(): Promise<void>;
}

const INVOKE_PATH = /^\/2015-03-31\/functions\/([^/]+)\/invocations$/;

export async function startLambdaStandIn(answer: (invoke: ReceivedInvoke) => StandInAnswer): Promise<LambdaStandIn> {
  const received: ReceivedInvoke[] = [];
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const url = new URL(request.url ?? '/', 'http://127.0.0.1');
      const match = INVOKE_PATH.exec(url.pathname);
      const invoke: ReceivedInvoke = {
        method: request.method ?? '',
        path: url.pathname,
        functionName: match ? decodeURIComponent(match[1]!) : '',
        headers: request.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      received.push(invoke);
      if (request.method !== 'POST' || !match) {
        response.writeHead(404, {
          'content-type': 'application/json',
          'x-amzn-errortype': 'UnknownOperationException',
        });
        response.end(JSON.stringify({ message: 'not an Invoke request' }));
        return;
      }
      const a = answer(invoke);
      const headers: Record<string, string> = {
        'content-type': 'application/json',
        'x-amzn-requestid': '5c5a3f0e-9d1b-4b7e-8f0a-1f2e3d4c5b6a',
        'x-amz-executed-version': '$LATEST',
      };
      if (a.logs) headers['x-amz-log-result'] = Buffer.from(a.logs.join('\n') + '\n').toString('base64');
      if (a.functionError) headers['x-amz-function-error'] = a.functionError;
      if (a.errorType) headers['x-amzn-errortype'] = a.errorType;
      response.writeHead(a.status ?? 200, headers);
      response.end(typeof a.payload === 'string' ? a.payload : JSON.stringify(a.payload));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    received,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
