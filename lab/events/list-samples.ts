// The named samples with what their JSON files say: source, method, path.

import { readFileSync } from 'node:fs';
import { catalog } from './catalog.ts';
import { detectSource, requestLine, type HttpEventSource } from '../app/event-to-request/detect-source.ts';

export type SampleSummary = {
  name: string;
  source: HttpEventSource;
  method: string;
  path: string;
  description: string;
};

export const samplesDir = new URL('./samples/', import.meta.url);

export function sampleUrl(name: string): URL {
  return new URL(`${name}.json`, samplesDir);
}

export function isSampleName(name: string): boolean {
  return catalog.some((entry) => entry.name === name);
}

export function listSamples(): SampleSummary[] {
  return catalog.map(({ name, description }) => {
    const event: unknown = JSON.parse(readFileSync(sampleUrl(name), 'utf8'));
    const source = detectSource(event);
    if (source === undefined) throw new Error(`Sample "${name}" is no HTTP event the adapter knows.`);
    const { method, path } = requestLine(event as Record<string, unknown>, source);
    return { name, source, method: String(method), path: String(path), description };
  });
}
