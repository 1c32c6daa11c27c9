// `lab invoke <event> --handler <file>`: the learner's own function may take any JSON (an SQS
// batch, an EventBridge event): only the lab's app needs an HTTP event, so loadEvent's shape
// check does not apply here. A sample name still works.

import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { describeJsonError } from './json-error.ts';
import { LabInputError } from './lab-input-error.ts';
import { isSampleName, sampleUrl } from './list-samples.ts';
import { fileURLToPath } from 'node:url';

export async function loadAnyEvent(nameOrPath: string, cwd = process.cwd()): Promise<unknown> {
  const given = nameOrPath.trim();
  const file = isSampleName(given) ? fileURLToPath(sampleUrl(given)) : resolve(cwd, given);
  let text: string;
  try {
    text = (await readFile(file, 'utf8')).replace(/^\uFEFF/, '');
  } catch {
    throw new LabInputError(`No sample or file named "${given}" (looked in ${file}).`, 'Give a path to a JSON event.');
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new LabInputError(`${given} is not JSON (${describeJsonError(text, error)}).`, 'Fix the file.');
  }
}
