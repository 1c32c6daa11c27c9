import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LAMBDA_DEFAULTS } from '../../lab/runtime/function-config.ts';
import { ensureDeployInstalled, INSTALL_TIMEOUT_MS } from '../support/deploy-install.ts';

// Loaded after the install: both import aws-cdk-lib from deploy/node_modules.
type Assertions = typeof import('../../deploy/lib/assertions.ts');
type Synth = typeof import('../../deploy/lib/synth.ts');
let assertions: Assertions;
let synth: Synth;
const outdirs: string[] = [];

beforeAll(async () => {
  await ensureDeployInstalled();
  [assertions, synth] = await Promise.all([
    import('../../deploy/lib/assertions.ts'),
    import('../../deploy/lib/synth.ts'),
  ]);
}, INSTALL_TIMEOUT_MS);

afterAll(async () => {
  await Promise.all(outdirs.map((dir) => rm(dir, { recursive: true, force: true })));
});

async function synthesize(context: Record<string, string> = {}) {
  const outdir = await mkdtemp(join(tmpdir(), 'lab-cdk-'));
  outdirs.push(outdir);
  const lab = await synth.labApp({ outdir, context });
  const template = assertions.Template.fromStack(lab.stack);
  return { ...lab, outdir, template };
}

async function filesUnder(dir: string): Promise<Map<string, string>> {
  const names = (await readdir(dir, { recursive: true, withFileTypes: true })).filter((entry) => entry.isFile());
  const hashes = new Map<string, string>();
  for (const entry of names) {
    const path = join(entry.parentPath, entry.name);
    hashes.set(
      path.slice(dir.length + 1),
      createHash('sha256')
        .update(await readFile(path))
        .digest('hex'),
    );
  }
  return hashes;
}

// A synth loads much of aws-cdk-lib on first use: seconds, more on a busy machine.
describe('the CDK stack (synthesized offline)', { timeout: 120_000 }, () => {
  it("deploys the function with the lab's own settings: runtime, handler, memory, timeout, concurrency, JSON logs", async () => {
    const { template, stack } = await synthesize();
    template.hasResourceProperties('AWS::Lambda::Function', {
      FunctionName: LAMBDA_DEFAULTS.functionName,
      Runtime: 'nodejs24.x',
      Handler: `lab/handler.${LAMBDA_DEFAULTS.handlerExport}`,
      MemorySize: LAMBDA_DEFAULTS.memoryMb,
      Timeout: LAMBDA_DEFAULTS.timeoutMs / 1000,
      ReservedConcurrentExecutions: LAMBDA_DEFAULTS.reservedConcurrency,
      LoggingConfig: { LogFormat: 'JSON' },
      Environment: { Variables: { NODE_ENV: 'production', NO_COLOR: '1' } },
    });
    // No database unless one is asked for: no secret, no variable naming one.
    template.resourceCountIs('AWS::SecretsManager::Secret', 0);
    const fn =
      template.findResources('AWS::Lambda::Function')[stack.getLogicalId(stack.function.node.defaultChild as never)];
    expect(fn?.Properties.Environment.Variables.DATABASE_URL_SECRET_ARN).toBeUndefined();
  });

  it("zips the lab's bundle byte for byte, and its handler is the export AWS will call", async () => {
    const { app, template, outdir, bundleDir, artifact } = await synthesize();
    app.synth();
    const [fn] = Object.values(template.findResources('AWS::Lambda::Function'));
    const key = String(fn!.Properties.Code.S3Key);
    const manifest = JSON.parse(await readFile(join(outdir, `${synth.STACK_NAME}.assets.json`), 'utf8')) as {
      files: Record<string, { source: { path: string; packaging: string } }>;
    };
    const asset = manifest.files[key.replace(/\.zip$/, '')];
    expect(asset?.source.packaging).toBe('zip');
    const staged = join(outdir, asset!.source.path);
    const [shipped, built] = await Promise.all([filesUnder(staged), filesUnder(bundleDir)]);
    expect(shipped.size).toBeGreaterThan(0);
    expect(shipped).toEqual(built);
    // The bundle the lab measured: its version is the first 12 hex digits of the module's sha256.
    expect(shipped.get('lab/handler.mjs')!.slice(0, 12)).toBe(artifact.version);
    // `Handler: lab/handler.handler` means lab/handler.mjs exports `handler`, a function.
    const { stdout } = await promisify(execFile)(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        `const m = await import(${JSON.stringify(pathToFileURL(join(staged, 'lab/handler.mjs')).href)}); console.log(typeof m.${LAMBDA_DEFAULTS.handlerExport}); process.exit(0);`,
      ],
      { env: { PATH: process.env.PATH ?? '' } },
    );
    expect(stdout.trim()).toBe('function');
  });

  it('puts an HTTP API (payload 2.0) in front by default, its $default route on the function', async () => {
    const { template, stack } = await synthesize();
    const functionId = stack.getLogicalId(stack.function.node.defaultChild as never);
    const integrations = template.findResources('AWS::ApiGatewayV2::Integration', {
      Properties: { IntegrationUri: { 'Fn::GetAtt': [functionId, 'Arn'] }, PayloadFormatVersion: '2.0' },
    });
    const [integrationId] = Object.keys(integrations);
    expect(integrationId).toBeDefined();
    template.hasResourceProperties('AWS::ApiGatewayV2::Route', {
      RouteKey: '$default',
      Target: { 'Fn::Join': ['', ['integrations/', { Ref: integrationId }]] },
    });
    template.hasResourceProperties('AWS::ApiGatewayV2::Api', { ProtocolType: 'HTTP' });
    template.resourceCountIs('AWS::ApiGateway::RestApi', 0);
    template.resourceCountIs('AWS::Lambda::Url', 0);
  });

  it('puts a REST API with binaryMediaTypes in front with frontDoor=rest, and no HTTP API', async () => {
    const { template } = await synthesize({ frontDoor: 'rest' });
    template.hasResourceProperties('AWS::ApiGateway::RestApi', { BinaryMediaTypes: ['*/*'] });
    template.hasResourceProperties('AWS::ApiGateway::Method', {
      HttpMethod: 'ANY',
      Integration: { Type: 'AWS_PROXY' },
    });
    template.resourceCountIs('AWS::ApiGatewayV2::Api', 0);
    // The account-wide logging role is not this stack's to set.
    template.resourceCountIs('AWS::ApiGateway::Account', 0);
  });

  it('adds a public Function URL with functionUrl=true; frontDoor=none leaves only the function', async () => {
    const { template } = await synthesize({ frontDoor: 'none', functionUrl: 'true' });
    template.hasResourceProperties('AWS::Lambda::Url', { AuthType: 'NONE' });
    template.resourceCountIs('AWS::ApiGatewayV2::Api', 0);
    template.resourceCountIs('AWS::ApiGateway::RestApi', 0);
  });

  it('hands the function a database secret by ARN, readable by its role, never its value', async () => {
    const arn = 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:boundary-lab-db-AbCdEf';
    const { template } = await synthesize({ databaseSecretArn: arn });
    template.hasResourceProperties('AWS::Lambda::Function', {
      Environment: { Variables: { DATABASE_URL_SECRET_ARN: arn } },
    });
    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: assertions.Match.arrayWith([
          assertions.Match.objectLike({
            Action: assertions.Match.arrayWith(['secretsmanager:GetSecretValue']),
            Resource: arn,
          }),
        ]),
      },
    });
    template.resourceCountIs('AWS::SecretsManager::Secret', 0);
  });

  it('creates a secret only with createDatabaseSecret=true', async () => {
    const { template } = await synthesize({ createDatabaseSecret: 'true' });
    template.resourceCountIs('AWS::SecretsManager::Secret', 1);
    const [secretId] = Object.keys(template.findResources('AWS::SecretsManager::Secret'));
    template.hasResourceProperties('AWS::Lambda::Function', {
      Environment: { Variables: { DATABASE_URL_SECRET_ARN: { Ref: secretId } } },
    });
  });

  it('leaves concurrency unreserved with reserveConcurrency=false, for an account without room to reserve', async () => {
    const { template } = await synthesize({ reserveConcurrency: 'false' });
    const [fn] = Object.values(template.findResources('AWS::Lambda::Function'));
    expect(fn!.Properties.ReservedConcurrentExecutions).toBeUndefined();
  });

  it('refuses an unknown switch or value in one line that names it', async () => {
    await expect(synthesize({ frontDoor: 'grpc' })).rejects.toThrow(
      'frontDoor must be http, rest or none (got "grpc").',
    );
    await expect(synthesize({ functionURL: 'true' })).rejects.toThrow(/^unknown switch functionURL: the switches are/);
    await expect(synthesize({ databaseSecretArn: 'my-secret' })).rejects.toThrow(
      /must be a Secrets Manager secret ARN/,
    );
  });
});
