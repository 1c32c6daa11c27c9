// The CDK app: `cdk synth|deploy|destroy` runs it (cdk.json), and so does `npm run deploy:synth`
// directly, offline, with no AWS account: the stack is environment-agnostic, so nothing is looked up.
import { join } from 'node:path';
import { labApp, STACK_NAME } from '../lib/synth.ts';
import { SwitchError } from '../lib/switches.ts';

/** `-c name=value` / `--context name=value`, as the CDK CLI takes them, for the direct run. */
function contextFromArgs(args: string[]): Record<string, string> {
  const context: Record<string, string> = {};
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const inline = /^(?:-c|--context)=(.*)$/.exec(arg);
    const pair = inline ? inline[1]! : arg === '-c' || arg === '--context' ? args[++i] : undefined;
    if (pair === undefined) throw new SwitchError(`unexpected argument "${arg}": pass switches as -c name=value.`);
    const eq = pair.indexOf('=');
    if (eq <= 0) throw new SwitchError(`a switch is name=value (got "${pair}").`);
    context[pair.slice(0, eq)] = pair.slice(eq + 1);
  }
  return context;
}

try {
  // Under the CDK CLI, CDK_OUTDIR and CDK_CONTEXT_JSON carry both; run directly, this is the CLI.
  const direct = process.env.CDK_OUTDIR === undefined;
  const outdir = direct ? join(import.meta.dirname, '..', 'cdk.out') : undefined;
  const context = contextFromArgs(process.argv.slice(2));
  // Under the CLI the switches come with cdk.json's context in CDK_CONTEXT_JSON: a typo is caught there too.
  const cliContext = Object.keys(JSON.parse(process.env.CDK_CONTEXT_JSON ?? '{}') as Record<string, unknown>);
  const { app, artifact } = await labApp({
    ...(outdir ? { outdir } : {}),
    context,
    switchNames: [...Object.keys(context), ...cliContext],
  });
  const assembly = app.synth();
  if (direct) {
    const template = join(assembly.directory, `${STACK_NAME}.template.json`);
    process.stdout.write(`synthesized ${STACK_NAME} (bundle version ${artifact.version}): ${template}\n`);
  }
} catch (error) {
  if (error instanceof SwitchError) {
    process.stderr.write(`deploy: ${error.message}\n`);
    process.exit(2);
  }
  throw error;
}
