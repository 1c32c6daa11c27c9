import { createHash, createHmac } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SignatureV4 } from '@smithy/signature-v4';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { databaseUrl, signedHeaders, urlFromSecret } from '../../lab/app/db/database-url.ts';
import { appFunction, sample } from '../support/app-function.ts';

const ARN = 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:boundary-lab-db-AbCdEf';
const CREDENTIALS = {
  accessKeyId: 'ASIASTANDINEXAMPLE',
  secretAccessKey: 'stand-in-secret-access-key',
  sessionToken: 'stand-in-session-token',
};

/** node:crypto in the shape the SDK's signer takes (its own is @smithy/hash-node, the same SHA-256). */
type SourceData = string | ArrayBuffer | ArrayBufferView;
function bytes(data: SourceData): string | Buffer {
  if (typeof data === 'string') return data;
  return ArrayBuffer.isView(data) ? Buffer.from(data.buffer, data.byteOffset, data.byteLength) : Buffer.from(data);
}
class Sha256 {
  private readonly hash;
  constructor(secret?: SourceData) {
    this.hash = secret === undefined ? createHash('sha256') : createHmac('sha256', bytes(secret));
  }
  update(data: SourceData): void {
    this.hash.update(bytes(data));
  }
  async digest(): Promise<Uint8Array> {
    return new Uint8Array(this.hash.digest());
  }
}

/** What the AWS SDK's own Signature V4 signer makes of the same request at the same moment. */
async function sdkAuthorization(url: URL, headers: Record<string, string>, body: string, at: Date): Promise<string> {
  const signer = new SignatureV4({
    service: 'secretsmanager',
    region: 'eu-west-1',
    credentials: CREDENTIALS,
    sha256: Sha256,
    // x-amz-content-sha256 is for S3; the other services take Signature V4 without it.
    applyChecksum: false,
  });
  const { authorization: _drop, 'x-amz-date': _date, 'x-amz-security-token': _token, ...plain } = headers;
  const signed = await signer.sign(
    {
      method: 'POST',
      protocol: url.protocol,
      hostname: url.hostname,
      port: Number(url.port) || undefined,
      path: url.pathname,
      headers: plain,
      body,
    },
    { signingDate: at },
  );
  return String(signed.headers.authorization);
}

interface Received {
  headers: IncomingHttpHeaders;
  body: string;
}

// A STAND-IN FOR AWS SECRETS MANAGER, not AWS: GetSecretValue's wire format (docs: API_GetSecretValue.html).
let server: Server;
let endpoint: string;
let secretString = '';
const received: Received[] = [];

beforeAll(async () => {
  server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      received.push({ headers: request.headers, body: Buffer.concat(chunks).toString('utf8') });
      response.writeHead(200, { 'content-type': 'application/x-amz-json-1.1' });
      response.end(JSON.stringify({ ARN, Name: 'boundary-lab-db', SecretString: secretString, VersionId: 'v1' }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

function lambdaEnv(): NodeJS.ProcessEnv {
  return {
    DATABASE_URL_SECRET_ARN: ARN,
    AWS_REGION: 'eu-west-1',
    AWS_ACCESS_KEY_ID: CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: CREDENTIALS.secretAccessKey,
    AWS_SESSION_TOKEN: CREDENTIALS.sessionToken,
    AWS_ENDPOINT_URL_SECRETS_MANAGER: endpoint,
  };
}

describe('the database URL from a Secrets Manager secret', () => {
  it('signs GetSecretValue exactly as the AWS SDK signer does', async () => {
    const url = new URL('https://secretsmanager.eu-west-1.amazonaws.com/');
    const body = JSON.stringify({ SecretId: ARN });
    const at = new Date('2026-12-01T22:15:30.123Z');
    const headers = signedHeaders({
      method: 'POST',
      url,
      body,
      region: 'eu-west-1',
      service: 'secretsmanager',
      headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'secretsmanager.GetSecretValue' },
      credentials: CREDENTIALS,
      now: at,
    });
    expect(headers['x-amz-date']).toBe('20261201T221530Z');
    expect(headers['x-amz-security-token']).toBe(CREDENTIALS.sessionToken);
    expect(headers.authorization).toBe(await sdkAuthorization(url, headers, body, at));
  });

  it('reads the secret once, with the execution role credentials, and a URL secret is the URL', async () => {
    secretString = 'postgres://app:p%40ss@db.example.com:5432/lab';
    received.length = 0;
    expect(await databaseUrl(lambdaEnv())).toBe(secretString);
    expect(received).toHaveLength(1);
    const [request] = received;
    expect(request!.headers['x-amz-target']).toBe('secretsmanager.GetSecretValue');
    expect(request!.headers['content-type']).toBe('application/x-amz-json-1.1');
    expect(JSON.parse(request!.body)).toEqual({ SecretId: ARN });
    // The signature the stand-in received is the one the SDK would have sent for that moment.
    const sent = Object.fromEntries(Object.entries(request!.headers).map(([k, v]) => [k, String(v)]));
    const at = new Date(sent['x-amz-date']!.replace(/^(\d{4})(\d\d)(\d\d)T(\d\d)(\d\d)(\d\d)Z$/, '$1-$2-$3T$4:$5:$6Z'));
    const signedNames = /SignedHeaders=([^,]+)/.exec(sent.authorization!)![1]!.split(';');
    const signedOnly = Object.fromEntries(signedNames.map((name) => [name, sent[name]!]));
    expect(sent.authorization).toBe(await sdkAuthorization(new URL(endpoint), signedOnly, request!.body, at));
  });

  it('DATABASE_URL wins, and without either there is no URL and no request', async () => {
    received.length = 0;
    expect(await databaseUrl({ ...lambdaEnv(), DATABASE_URL: 'postgres://local/lab' })).toBe('postgres://local/lab');
    expect(await databaseUrl({})).toBeUndefined();
    expect(received).toHaveLength(0);
  });

  it("turns Secrets Manager's database JSON into a URL, escaping the password", () => {
    const json = JSON.stringify({
      engine: 'postgres',
      host: 'db.example.com',
      username: 'lab',
      password: 'p@ss/w:rd',
      dbname: 'lab',
      port: 5432,
    });
    expect(urlFromSecret(json)).toBe('postgres://lab:p%40ss%2Fw%3Ard@db.example.com:5432/lab');
    expect(() => urlFromSecret('hunter2')).toThrow('neither a postgres:// URL nor JSON');
    expect(() => urlFromSecret('{"host":"db"}')).toThrow('without host, username and password');
  });

  it('the lab bundle reads it at init, as on AWS: the app reaches PostgreSQL through the secret', async () => {
    secretString = inject('databaseUrl');
    received.length = 0;
    const {
      DATABASE_URL_SECRET_ARN,
      AWS_ACCESS_KEY_ID,
      AWS_SECRET_ACCESS_KEY,
      AWS_SESSION_TOKEN,
      AWS_ENDPOINT_URL_SECRETS_MANAGER,
    } = lambdaEnv();
    const fn = appFunction({
      environment: {
        DATABASE_URL_SECRET_ARN,
        AWS_ACCESS_KEY_ID,
        AWS_SECRET_ACCESS_KEY,
        AWS_SESSION_TOKEN,
        AWS_ENDPOINT_URL_SECRETS_MANAGER,
      } as Record<string, string>,
    });
    try {
      const event = await sample('users-alice');
      const cold = await fn.invoke(event);
      const warm = await fn.invoke(event);
      expect(cold.status, cold.errorMessage).toBe('ok');
      expect((cold.result as { statusCode: number }).statusCode).toBe(200);
      expect(warm.coldStart).toBe(false);
      expect((warm.result as { statusCode: number }).statusCode).toBe(200);
      // Once per environment, in its init: the warm call asked nothing.
      expect(received).toHaveLength(1);
    } finally {
      await fn.shutdown();
    }
  });
});
