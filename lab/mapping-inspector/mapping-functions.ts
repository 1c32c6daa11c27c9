// The two functions the mapping commands compare, per running lab: the lab's own deployed
// function (lab/handler.ts) and the defaults build (serverless-express with default options).

import type { LabContext } from '../cli/lab-context.ts';
import type { LocalFunction } from '../runtime/local-function.ts';
import type { Column } from './conformance.ts';
import { defaultsFunction } from './default-function.ts';

const defaults = new WeakMap<LabContext, Promise<{ fn: LocalFunction; overlapFn: LocalFunction }>>();

export async function mappingColumns(lab: LabContext): Promise<Column[]> {
  const [labFn, labOverlapFn, theDefaults] = await Promise.all([
    lab.function(),
    lab.function({ perExecutionEnvironmentMaxConcurrency: 2 }),
    defaultFunctions(lab),
  ]);
  return [
    { handler: 'default', ...theDefaults },
    { handler: 'lab', fn: labFn, overlapFn: labOverlapFn },
  ];
}

function defaultFunctions(lab: LabContext): Promise<{ fn: LocalFunction; overlapFn: LocalFunction }> {
  let pending = defaults.get(lab);
  if (!pending) {
    pending = (async () => {
      const { url } = await lab.database();
      const pair = { fn: await defaultsFunction(url), overlapFn: await defaultsFunction(url, 2) };
      // LabContext only knows the functions it made; stop ours with it (kept warm until then,
      // so a second `map` in the REPL is warm too).
      lab.onClose(async () => {
        defaults.delete(lab);
        await Promise.all([pair.fn.shutdown(), pair.overlapFn.shutdown()]);
      });
      return pair;
    })();
    defaults.set(lab, pending);
  }
  return pending;
}
