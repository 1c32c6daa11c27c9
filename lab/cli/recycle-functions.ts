import { liveFunctions, type LocalFunction } from '../runtime/local-function.ts';

/**
 * Retires every environment of these functions, as a new deployment does on Lambda
 * (`LocalFunction.deploy()`/`update()` model it and say why): idle ones stop now, busy ones after
 * the call they serve, and the next call is cold.
 * Returns how many environments there were. `lab recycle` and `lab invoke --cold` both use it.
 */
export async function recycle(functions: readonly LocalFunction[]): Promise<number> {
  const before = functions.reduce((n, fn) => n + fn.containerInfo().length, 0);
  await Promise.all(functions.map((fn) => fn.deploy(fn.settings.handlerPath)));
  return before;
}

/**
 * Every live function deployed under this name: the lab app's settings (`--memory`, `--timeout`,
 * `--unbundled`) are versions of one function `boundary-lab`, as one function on AWS would be
 * reconfigured, and a deployment of it leaves none of them warm.
 */
export function functionsNamed(name: string): LocalFunction[] {
  return liveFunctions().filter((fn) => fn.settings.functionName === name);
}
