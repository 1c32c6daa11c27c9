import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { functionConfig } from '../../lab/runtime/function-config.ts';
import { LocalFunction } from '../../lab/runtime/local-function.ts';

const file = (name: string) => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));

let fn: LocalFunction | undefined;
afterEach(async () => {
  await fn?.shutdown();
  fn = undefined;
});

function deploy(name: string, handlerExport = 'handler'): LocalFunction {
  fn = new LocalFunction(functionConfig({ handlerPath: file(name), handlerExport }));
  return fn;
}

// Source: UserFunction.js and Errors.js of aws/aws-lambda-nodejs-runtime-interface-client (v3.3.0).
describe('loading a handler module as the runtime interface client does (UserFunction.js)', () => {
  it('sets _HANDLER to <file name without extension>.<export>', async () => {
    const record = await deploy('any-event.mjs', 'other').invoke({});
    expect(record).toMatchObject({ status: 'ok', result: { other: true } });
    const named = await deploy('any-event.mjs').invoke({ Records: [{}, {}] });
    expect(named.result).toEqual({ records: 2, handler: 'any-event.handler' });
  });

  it('loads a .cjs file through require', async () => {
    const record = await deploy('commonjs.cjs', 'main').invoke({});
    expect(record).toMatchObject({ status: 'ok', result: { commonjs: true, handler: 'commonjs.main' } });
  });

  it('a missing file is Runtime.ImportModuleError naming the module (require.resolve)', async () => {
    const record = await deploy('no-such-handler.mjs').invoke({});
    expect(record).toMatchObject({
      status: 'error',
      coldStart: true,
      errorType: 'Runtime.ImportModuleError',
      errorMessage: "Error: Cannot find module 'no-such-handler'",
    });
  });

  it('a missing export is Runtime.HandlerNotFound "<_HANDLER> is undefined or not exported"', async () => {
    const record = await deploy('any-event.mjs', 'nope').invoke({});
    expect(record).toMatchObject({
      status: 'error',
      errorType: 'Runtime.HandlerNotFound',
      errorMessage: 'any-event.nope is undefined or not exported',
    });
  });

  it('a module that does not parse is Runtime.UserCodeSyntaxError', async () => {
    // Written at run time: a file that does not parse cannot sit in the repo (Prettier checks them all).
    const dir = await mkdtemp(join(tmpdir(), 'lab-syntax-'));
    await writeFile(join(dir, 'broken.mjs'), 'export const handler = async () => { return 1 +; };\n');
    fn = new LocalFunction(functionConfig({ handlerPath: join(dir, 'broken.mjs') }));
    const record = await fn.invoke({});
    expect(record.errorType).toBe('Runtime.UserCodeSyntaxError');
    expect(record.errorMessage).toMatch(/^SyntaxError: /);
  });
});
