import { InvokeCommand, LambdaClient, type LambdaClientConfig } from '@aws-sdk/client-lambda';
import { LabUsageError } from '../cli/io.ts';
import { throttledRecord, type InvocationRecord } from '../runtime/invocation.ts';
import { findReport } from './report-line.ts';

export interface RemoteOptions {
  /** The AWS Region; else the SDK's own lookup (AWS_REGION, the profile's region). */
  region?: string;
  /** A profile of ~/.aws/config; else AWS_PROFILE or `default`. */
  profile?: string;
  /**
   * Another endpoint than Lambda's: tests point it at a local stand-in. The SDK also reads
   * AWS_ENDPOINT_URL_LAMBDA (docs: sdkref feature-ss-endpoints.html).
   */
  endpoint?: string;
  credentials?: LambdaClientConfig['credentials'];
  signal?: AbortSignal;
}

/**
 * One synchronous invocation of a deployed function, as `aws lambda invoke --log-type Tail` makes
 * it (docs: API_Invoke.html): the response carries the payload, `X-Amz-Function-Error` when the
 * function failed, and `X-Amz-Log-Result`, the last 4 KB of the invocation's log, base64. The REPORT
 * line in that tail is AWS's own measurement; the record is built from it, field for field as the
 * lab's (lab/runtime/invocation.ts), so `lab invoke` prints both the same way.
 */
export async function invokeRemote(
  functionName: string,
  event: unknown,
  options: RemoteOptions = {},
): Promise<InvocationRecord> {
  const client = new LambdaClient({
    ...(options.region ? { region: options.region } : {}),
    ...(options.profile ? { profile: options.profile } : {}),
    ...(options.endpoint ? { endpoint: options.endpoint } : {}),
    ...(options.credentials ? { credentials: options.credentials } : {}),
    // One try: a retried invocation would run the function twice and print one of them.
    maxAttempts: 1,
  });
  try {
    await requireRegion(client);
    const output = await client
      .send(
        new InvokeCommand({
          FunctionName: functionName,
          InvocationType: 'RequestResponse',
          LogType: 'Tail',
          Payload: new TextEncoder().encode(JSON.stringify(event)),
        }),
        options.signal ? { abortSignal: options.signal } : {},
      )
      .catch((error: unknown) => {
        if (error instanceof Error && error.name === 'TooManyRequestsException') return error;
        throw asUsageError(error, functionName);
      });
    if (output instanceof Error) return throttled(output);
    const logs = output.LogResult ? tailLines(output.LogResult) : [];
    const report = findReport(logs);
    if (!report) {
      throw new LabUsageError(
        `${functionName} answered without a REPORT line in its log tail: is it a synchronous Lambda function you may invoke?`,
      );
    }
    const payloadText = output.Payload ? new TextDecoder().decode(output.Payload) : '';
    const result = parseJson(payloadText);
    // A cold start shows INIT_START in its tail; an init suppressed into the invoke has no Init Duration.
    const coldStart = report.initDurationMs !== null || logs.some((line) => isInitStart(line));
    const failed = output.FunctionError !== undefined;
    const error = failed && typeof result === 'object' && result !== null ? (result as Record<string, unknown>) : {};
    return {
      requestId: report.requestId,
      containerId: null,
      coldStart,
      initDurationMs: report.initDurationMs,
      suppressedInit: coldStart && report.initDurationMs === null,
      durationMs: report.durationMs,
      billedDurationMs: report.billedDurationMs,
      memorySizeMb: report.memorySizeMb,
      maxMemoryUsedMb: report.maxMemoryUsedMb,
      status: !failed ? 'ok' : report.status === 'timeout' ? 'timeout' : 'error',
      ...(failed
        ? {
            errorType:
              typeof error.errorType === 'string' ? error.errorType : (report.errorType ?? output.FunctionError),
            ...(typeof error.errorMessage === 'string' ? { errorMessage: error.errorMessage } : {}),
          }
        : {}),
      result: failed ? null : result,
      spans: [],
      report: logs.find((line) => findReport([line]) !== undefined) ?? '',
      logs,
    };
  } finally {
    client.destroy();
  }
}

/**
 * A call Lambda refused at the door: HTTP 429 TooManyRequestsException, its `Reason` saying which
 * limit (docs: API_Invoke.html, Errors), e.g. ReservedFunctionConcurrentInvocationLimitExceeded.
 * The function never ran, so there is no REPORT; the record is the lab's throttled one.
 */
function throttled(error: Error & { Reason?: string; $metadata?: { requestId?: string } }): InvocationRecord {
  const reason = error.Reason ? ` (${error.Reason})` : '';
  // Memory 0: AWS's answer does not say the function's setting, and no environment ran.
  return throttledRecord(error.$metadata?.requestId ?? '', 0, `${error.message}${reason}`);
}

function tailLines(base64: string): string[] {
  return Buffer.from(base64, 'base64').toString('utf8').replace(/\n$/, '').split('\n');
}

function isInitStart(line: string): boolean {
  return line.startsWith('INIT_START') || line.includes('"type":"platform.initStart"');
}

function parseJson(text: string): unknown {
  if (text === '') return null;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

async function requireRegion(client: LambdaClient): Promise<void> {
  let region: string | undefined;
  try {
    region = await client.config.region();
  } catch {
    region = undefined;
  }
  if (!region) {
    throw new LabUsageError(
      'no AWS Region for --remote: pass --region <region>, or set AWS_REGION (or a region in your AWS profile).',
    );
  }
}

/** What an AWS error means for the learner, in one line; anything unexpected goes on as it is. */
function asUsageError(error: unknown, functionName: string): unknown {
  if (!(error instanceof Error)) return error;
  if (error.name === 'CredentialsProviderError' || /credential/i.test(error.message)) {
    return new LabUsageError(
      'no AWS credentials for --remote: set AWS_PROFILE (or pass --profile), or run `aws configure` / `aws login`; ' +
        'a lab already running reads the environment it started with (npx lab stop, then run this again).',
    );
  }
  if (error.name === 'ResourceNotFoundException')
    return new LabUsageError(`no function ${functionName} in this account and Region: deploy it with npm run deploy.`);
  if (error.name === 'ExpiredTokenException')
    return new LabUsageError('your AWS session has expired: sign in again (aws login, or aws sso login), then retry.');
  if (error.name === 'AccessDeniedException' || error.name === 'UnrecognizedClientException')
    return new LabUsageError(`AWS refused the invocation of ${functionName}: ${error.message}`);
  return error;
}
