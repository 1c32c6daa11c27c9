import { createHash, createHmac } from 'node:crypto';

/**
 * Where the function's PostgreSQL URL comes from. In the lab, and wherever the owner set it,
 * DATABASE_URL. On AWS the URL is a secret: the deployment (deploy/) sets DATABASE_URL_SECRET_ARN
 * and grants secretsmanager:GetSecretValue, and the URL is read once, at init, before the pool
 * exists, so it is never in the function's configuration, where anyone who may read the
 * function's settings would see it.
 */
export async function databaseUrl(env: NodeJS.ProcessEnv = process.env): Promise<string | undefined> {
  if (env.DATABASE_URL) return env.DATABASE_URL;
  const secretArn = env.DATABASE_URL_SECRET_ARN;
  if (!secretArn) return undefined;
  return urlFromSecret(await getSecretString(secretArn, env));
}

/**
 * The secret holds the URL itself, or the JSON Secrets Manager keeps for a database
 * (docs: reference_secret_json_structure.html: engine, host, username, password, dbname, port).
 */
export function urlFromSecret(secret: string): string {
  const text = secret.trim();
  if (/^postgres(ql)?:\/\//.test(text)) return text;
  let fields: Record<string, unknown>;
  try {
    fields = JSON.parse(text) as Record<string, unknown>;
  } catch {
    throw new Error('The database secret is neither a postgres:// URL nor JSON with host, username and password.');
  }
  const { host, username, password, dbname, port } = fields;
  if (typeof host !== 'string' || typeof username !== 'string' || typeof password !== 'string')
    throw new Error('The database secret is JSON without host, username and password.');
  const url = new URL(`postgres://${host}`);
  url.username = username;
  url.password = password;
  if (port !== undefined) url.port = String(port);
  url.pathname = `/${typeof dbname === 'string' ? dbname : 'postgres'}`;
  return url.toString();
}

/**
 * Secrets Manager's GetSecretValue (docs: API_GetSecretValue.html: a JSON 1.1 POST with
 * `X-Amz-Target: secretsmanager.GetSecretValue`), signed with Signature Version 4
 * (docs: IAM User Guide, reference_sigv4-create-signed-request.html) from the execution role's
 * credentials Lambda puts in the environment (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY,
 * AWS_SESSION_TOKEN; docs: configuration-envvars.html). Hand-signed on purpose: an SDK client in
 * the bundle would make it bigger and its cold start slower than the one the lab measured.
 * The Parameters and Secrets extension cannot help here: it answers only in the invoke phase,
 * never during init (docs: ps-integration-lambda-extensions.html).
 */
export async function getSecretString(secretId: string, env: NodeJS.ProcessEnv = process.env): Promise<string> {
  const region = env.AWS_REGION ?? secretId.split(':')[3];
  const accessKeyId = env.AWS_ACCESS_KEY_ID;
  const secretAccessKey = env.AWS_SECRET_ACCESS_KEY;
  if (!region || !accessKeyId || !secretAccessKey)
    throw new Error('DATABASE_URL_SECRET_ARN is set, but AWS_REGION or the execution role credentials are not.');
  // AWS_ENDPOINT_URL_SECRETS_MANAGER is the SDKs' own override (docs: sdkref feature-ss-endpoints.html).
  const endpoint = new URL(env.AWS_ENDPOINT_URL_SECRETS_MANAGER ?? `https://secretsmanager.${region}.amazonaws.com/`);
  const body = JSON.stringify({ SecretId: secretId });
  const headers = signedHeaders({
    method: 'POST',
    url: endpoint,
    body,
    region,
    service: 'secretsmanager',
    headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'secretsmanager.GetSecretValue' },
    credentials: { accessKeyId, secretAccessKey, sessionToken: env.AWS_SESSION_TOKEN },
    now: new Date(),
  });
  const response = await fetch(endpoint, { method: 'POST', headers, body, signal: AbortSignal.timeout(3_000) });
  const text = await response.text();
  if (!response.ok)
    throw new Error(`Secrets Manager refused GetSecretValue (HTTP ${response.status}): ${text.slice(0, 300)}`);
  const secret = (JSON.parse(text) as { SecretString?: unknown }).SecretString;
  if (typeof secret !== 'string') throw new Error('The database secret has no SecretString (a binary secret?).');
  return secret;
}

export interface SigningInput {
  method: string;
  url: URL;
  body: string;
  region: string;
  service: string;
  /** Lower-case names; host, x-amz-date and x-amz-security-token are added. */
  headers: Record<string, string>;
  credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string | undefined };
  now: Date;
}

/** The request's headers with Signature Version 4's: x-amz-date, the session token, Authorization. */
export function signedHeaders(input: SigningInput): Record<string, string> {
  const amzDate = input.now
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
  const day = amzDate.slice(0, 8);
  const headers: Record<string, string> = {
    ...input.headers,
    host: input.url.host,
    'x-amz-date': amzDate,
    ...(input.credentials.sessionToken ? { 'x-amz-security-token': input.credentials.sessionToken } : {}),
  };
  const names = Object.keys(headers).sort();
  const canonicalRequest = [
    input.method,
    input.url.pathname || '/',
    // No query string on this API: the canonical query is empty.
    '',
    ...names.map((name) => `${name}:${headers[name]!.trim()}`),
    '',
    names.join(';'),
    sha256(input.body),
  ].join('\n');
  const scope = `${day}/${input.region}/${input.service}/aws4_request`;
  const stringToSign = ['AWS4-HMAC-SHA256', amzDate, scope, sha256(canonicalRequest)].join('\n');
  let key: Buffer = hmac(`AWS4${input.credentials.secretAccessKey}`, day);
  for (const part of [input.region, input.service, 'aws4_request']) key = hmac(key, part);
  const signature = createHmac('sha256', key).update(stringToSign).digest('hex');
  return {
    ...headers,
    authorization: `AWS4-HMAC-SHA256 Credential=${input.credentials.accessKeyId}/${scope}, SignedHeaders=${names.join(';')}, Signature=${signature}`,
  };
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

function hmac(key: string | Buffer, data: string): Buffer {
  return createHmac('sha256', key).update(data).digest();
}
