import type { Command } from 'commander';
import { buildFastClient } from '../../service/fast-client-build.ts';
import type { LabIO } from '../io.ts';
import type { LabContext } from '../lab-context.ts';

export function registerBuild(program: Command, io: LabIO, lab: LabContext): void {
  program
    .command('build')
    .description('compile the handler with tsc and bundle it with esbuild (a new build is a new version)')
    .action(async () => {
      const [a] = await Promise.all([lab.build(true), buildFastClient()]);
      io.out(
        `built version ${a.version} in ${a.buildMs} ms\n` +
          `  bundled:   ${a.bundledPath} (${(a.bundleBytes / 1024).toFixed(0)} KiB)\n` +
          `  unbundled: ${a.unbundledPath}\n`,
      );
    });
}
