// `lab containers` and `lab invoke`'s summary show Managed Instances' worker threads
// (docs: lambda-managed-instances-nodejs-runtime.html: worker threads, AWS_LAMBDA_NODEJS_WORKER_COUNT).
import { Command } from 'commander';
import { afterEach, describe, expect, it } from 'vitest';
import { registerContainers } from '../../lab/cli/commands/containers.ts';
import { formatInvocation } from '../../lab/cli/format-invocation.ts';
import type { LabIO } from '../../lab/cli/io.ts';
import type { LabContext } from '../../lab/cli/lab-context.ts';
import type { LocalFunction } from '../../lab/runtime/local-function.ts';
import { fixtureFunction } from './helpers.ts';

const fns: LocalFunction[] = [];
afterEach(async () => {
  await Promise.all(fns.splice(0).map((f) => f.shutdown()));
});

async function containersOutput(functions: LocalFunction[]): Promise<string> {
  let out = '';
  const io: LabIO = { out: (t) => (out += t), err: (t) => (out += t), color: false };
  const program = new Command().exitOverride();
  registerContainers(program, io, { allFunctions: () => functions } as unknown as LabContext);
  await program.parseAsync(['node', 'lab', 'containers']);
  return out;
}

describe('Managed Instances in the CLI', () => {
  it('containers lists workers alive/started for a Managed Instances environment, no workers column for on-demand', async () => {
    const mi = fixtureFunction('worker-state', {
      perExecutionEnvironmentMaxConcurrency: 4,
      environment: { AWS_LAMBDA_NODEJS_WORKER_COUNT: '2' },
    });
    const onDemand = fixtureFunction('counter');
    fns.push(mi, onDemand);
    const record = await mi.invoke({ ms: 300 });
    await onDemand.invoke({});
    const out = await containersOutput([mi, onDemand]);
    // Each function's environments under its heading (lab/cli/commands/containers.ts).
    const lines = out.split('\n');
    // The workers column only under the Managed Instances function: on-demand has no threads.
    expect(lines.filter((line) => /^\s+container\s.*\sworkers\s/.test(line))).toHaveLength(1);
    const miRow = lines.find((line) => line.trim().startsWith(record.containerId!.slice(0, 8)));
    expect(miRow).toMatch(/ 2\/2 /);
    const odRow = lines.find((line) => /^\s+[0-9a-f]{8}\s/.test(line) && line !== miRow);
    expect(odRow).toMatch(/ \d+\/\d+ +[\d.]+ ms$/);
    expect(out).toMatch(/never frozen/);
    expect(formatInvocation({ out() {}, err() {}, color: false }, record)).toMatch(
      new RegExp(`worker ${record.worker}\\b`),
    );
  });
});
