/**
 * A command line that needs no lab, lab running or not: `invoke --remote` without `--compare`
 * talks to AWS alone, so it runs in the shell's own process, with the shell's AWS_PROFILE,
 * AWS_REGION and credentials rather than those of whichever shell started the lab.
 */
export function runsInClient(argv: readonly string[]): boolean {
  if (argv[0] !== 'invoke') return false;
  const remote = argv.some((arg) => arg === '--remote' || arg.startsWith('--remote='));
  return remote && !argv.includes('--compare');
}
