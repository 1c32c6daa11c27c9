import { fileURLToPath } from 'node:url';
import { functionConfig, type FunctionConfig } from '../../lab/runtime/function-config.ts';
import { LocalFunction } from '../../lab/runtime/local-function.ts';

export function fixture(name: string): string {
  return fileURLToPath(new URL(`./fixtures/${name}.mjs`, import.meta.url));
}

/** A function over a fixture handler; remember to shut it down (afterEach). */
export function fixtureFunction(name: string, overrides: Partial<FunctionConfig> = {}): LocalFunction {
  return new LocalFunction(functionConfig({ handlerPath: fixture(name), ...overrides }));
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
