/**
 * The deployment's CDK context switches (`-c name=value`, on `npm run deploy:synth`, `deploy`
 * and `deploy:destroy` alike). Nothing that costs money without a request appears unasked:
 * the defaults are the function and an HTTP API, both billed per request.
 */
export interface Switches {
  /** The front door: an HTTP API (payload 2.0), a REST API (payload 1.0, binaryMediaTypes), or none. */
  frontDoor: 'http' | 'rest' | 'none';
  /** A public Function URL as well (payload 2.0, `.lambda-url.` domain). */
  functionUrl: boolean;
  /** An existing secret holding the database URL. */
  databaseSecretArn?: string;
  /** A new secret for the database URL (its value is put in afterwards; a secret is billed per month). */
  createDatabaseSecret: boolean;
  /** Reserve the lab's concurrency (a new account may have too little unreserved concurrency to allow it). */
  reserveConcurrency: boolean;
}

export class SwitchError extends Error {
  override name = 'SwitchError';
}

const KNOWN = ['frontDoor', 'functionUrl', 'databaseSecretArn', 'createDatabaseSecret', 'reserveConcurrency'];

/** Reads the switches from CDK context; an unknown or malformed one is an error naming it. */
export function parseSwitches(context: (name: string) => unknown, names: readonly string[] = []): Switches {
  const unknown = names.filter((name) => !KNOWN.includes(name) && /^[a-z][A-Za-z]*$/.test(name));
  if (unknown.length > 0)
    throw new SwitchError(`unknown switch ${unknown.join(', ')}: the switches are ${KNOWN.join(', ')}.`);
  const frontDoor = String(context('frontDoor') ?? 'http');
  if (frontDoor !== 'http' && frontDoor !== 'rest' && frontDoor !== 'none')
    throw new SwitchError(`frontDoor must be http, rest or none (got "${frontDoor}").`);
  const databaseSecretArn = context('databaseSecretArn');
  if (
    databaseSecretArn !== undefined &&
    !/^arn:aws[\w-]*:secretsmanager:[\w-]+:\d{12}:secret:.+/.test(String(databaseSecretArn))
  )
    throw new SwitchError(
      `databaseSecretArn must be a Secrets Manager secret ARN (got "${String(databaseSecretArn)}").`,
    );
  const createDatabaseSecret = flag(context, 'createDatabaseSecret', false);
  if (createDatabaseSecret && databaseSecretArn !== undefined)
    throw new SwitchError('pass databaseSecretArn or createDatabaseSecret, not both.');
  return {
    frontDoor,
    functionUrl: flag(context, 'functionUrl', false),
    ...(databaseSecretArn !== undefined ? { databaseSecretArn: String(databaseSecretArn) } : {}),
    createDatabaseSecret,
    reserveConcurrency: flag(context, 'reserveConcurrency', true),
  };
}

function flag(context: (name: string) => unknown, name: string, fallback: boolean): boolean {
  const value = context(name);
  if (value === undefined) return fallback;
  if (value === true || value === 'true') return true;
  if (value === false || value === 'false') return false;
  throw new SwitchError(`${name} must be true or false (got "${String(value)}").`);
}
