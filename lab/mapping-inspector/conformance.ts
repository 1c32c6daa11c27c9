// `lab conformance`: every upstream fixture and named sample through (a) serverless-express with
// default options and (b) the lab's handler, each rule → ok / loss. Both functions run in the
// real local Lambda; one warm environment serves all the events of a column.

import type { HttpEventSource } from '../app/event-to-request/detect-source.ts';
import { doorOfEvent, type DoorSettings } from '../front-doors/index.ts';
import type { LocalFunction } from '../runtime/local-function.ts';
import { corpus, restBinaryDownloads } from './corpus.ts';
import { findLosses, type Loss } from './inspect.ts';
import { observe } from './observe.ts';
import { OVERLAP_ID, overlappingEchoes } from './overlap.ts';

export type HandlerName = 'default' | 'lab';

/** One line of `lab conformance --json`. */
export interface ConformanceRow {
  fixture: string;
  source: HttpEventSource;
  /** The front door the client's answers were read through (a REST API's binaryMediaTypes: none unless the row says). */
  door: DoorSettings;
  handler: HandlerName;
  /** Rule names, in rule order; empty when nothing is lost. */
  losses: string[];
  evidence: Loss[];
}

export interface Column {
  handler: HandlerName;
  /** Serves the events one at a time. */
  fn: LocalFunction;
  /** Same handler, two requests per environment (the #674 row). */
  overlapFn: LocalFunction;
}

export async function runConformance(columns: Column[], signal?: AbortSignal): Promise<ConformanceRow[]> {
  const events = [...(await corpus()), ...(await restBinaryDownloads())];
  const rows: ConformanceRow[] = [];
  for (const { handler, fn, overlapFn } of columns) {
    for (const { id, source, event, door: given } of events) {
      if (signal?.aborted) return rows;
      const door = given ?? doorOfEvent(event)!;
      const evidence = findLosses(await observe(fn, event, door));
      rows.push({ fixture: id, source, door, handler, losses: evidence.map((l) => l.rule), evidence });
    }
    const overlap = (await overlappingEchoes(overlapFn)).flat();
    rows.push({
      fixture: OVERLAP_ID,
      source: 'apigw-v2',
      door: { door: 'http', payload: '2.0' },
      handler,
      losses: [...new Set(overlap.map((l) => l.rule))],
      evidence: overlap,
    });
  }
  return rows;
}
