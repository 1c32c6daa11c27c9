import { App } from 'aws-cdk-lib';
import { join, relative, sep } from 'node:path';
import { APP_SOURCES, BUILD_DIR, buildIfStale, type Artifact } from '../../lab/runtime/build.ts';
import { LAMBDA_DEFAULTS } from '../../lab/runtime/function-config.ts';
import { BoundaryLabStack } from './stack.ts';
import { parseSwitches } from './switches.ts';

export const STACK_NAME = 'BoundaryLab';

export interface LabApp {
  app: App;
  stack: BoundaryLabStack;
  artifact: Artifact;
  bundleDir: string;
}

/**
 * The lab's current build, by the lab's own staleness check (the artifact it measured, unless a
 * source changed since), and the stack around it. `context` holds the switches (switches.ts).
 */
export async function labApp(
  options: { context?: Record<string, string>; outdir?: string; switchNames?: readonly string[] } = {},
): Promise<LabApp> {
  const artifact = await buildIfStale({ sources: APP_SOURCES });
  // buildHandler() writes `<outDir>/bundle/<entry>.mjs`: that folder is the zip's root, so
  // `.lab/build/bundle/lab/handler.mjs` is `lab/handler.mjs` in it.
  const bundleDir = join(BUILD_DIR, 'bundle');
  const module = relative(bundleDir, artifact.bundledPath)
    .split(sep)
    .join('/')
    .replace(/\.mjs$/, '');
  const app = new App({
    ...(options.outdir ? { outdir: options.outdir } : {}),
    ...(options.context ? { context: options.context } : {}),
  });
  const names = options.switchNames ?? Object.keys(options.context ?? {});
  const switches = parseSwitches((name) => app.node.tryGetContext(name), names);
  const stack = new BoundaryLabStack(app, STACK_NAME, {
    bundleDir,
    handler: `${module}.${LAMBDA_DEFAULTS.handlerExport}`,
    switches,
    description: `Boundary Lab: the bundle the lab built (version ${artifact.version}) on AWS Lambda`,
  });
  return { app, stack, artifact, bundleDir };
}
