/** `npm run bench`: the lab's runtime figures, then the site's Lighthouse figures. */
import { runLambdaBench } from './lambda.ts';

console.log('# Boundary Lab benchmarks\n');
await runLambdaBench();
try {
  const { runSiteBench } = (await import('./site.ts')) as { runSiteBench: () => Promise<void> };
  console.log('\n# Site\n');
  await runSiteBench();
} catch (error) {
  console.log(`\n(site bench skipped: ${error instanceof Error ? error.message : String(error)})`);
}
