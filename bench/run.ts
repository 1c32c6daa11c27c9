/** `npm run bench`: the lab's runtime figures, then the site's Lighthouse figures. */
import { runClientBench } from './client.ts';
import { runLambdaBench } from './lambda.ts';

console.log('# Boundary Lab benchmarks\n');
await runLambdaBench();
console.log('');
await runClientBench();
try {
  const { runSiteBench } = (await import('./site.ts')) as { runSiteBench: () => Promise<void> };
  console.log('\n# Site\n');
  await runSiteBench();
} catch (error) {
  console.log(`\n(site bench skipped: ${error instanceof Error ? error.message : String(error)})`);
}
