// The events `lab conformance` runs: the 25 upstream fixtures (read in place from
// ../shared/events/upstream, never copied) and every named sample.

import { readdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { catalog } from '../events/catalog.ts';
import { detectSource, type HttpEventSource } from '../app/event-to-request/detect-source.ts';
import { loadEvent } from '../events/load-event.ts';
import type { DoorSettings } from '../front-doors/index.ts';
import type { Json } from './platform.ts';

export const UPSTREAM_DIR = fileURLToPath(new URL('../../../shared/events/upstream/', import.meta.url));

export interface CorpusEvent {
  /** `upstream/<repo>/<file>` or `sample/<name>`. */
  id: string;
  source: HttpEventSource;
  event: Json;
  /** The door's settings when not the event's own door as a new one is set up. */
  door?: DoorSettings;
}

export async function upstreamFixtures(): Promise<CorpusEvent[]> {
  const files = (await readdir(UPSTREAM_DIR, { recursive: true })).filter((f) => f.endsWith('.json')).sort();
  return Promise.all(
    files.map(async (file) => {
      const text = (await readFile(`${UPSTREAM_DIR}${file}`, 'utf8')).replace(/^\uFEFF/, '');
      const event = JSON.parse(text) as Json;
      return { id: `upstream/${file.replace(/\.json$/, '')}`, source: detectSource(event)!, event };
    }),
  );
}

export async function namedSamples(): Promise<CorpusEvent[]> {
  return Promise.all(
    catalog.map(async ({ name }) => {
      const { event, source } = await loadEvent(name);
      return { id: `sample/${name}`, source, event };
    }),
  );
}

/**
 * Three losses no fixture or sample carries, each made from a sample by ONE change: a REST v1
 * request with two Cookie lines, an ALB query with a lone `%`, an HTTP API event with
 * `headers: null` (what the console's test button sends).
 */
export async function variants(): Promise<CorpusEvent[]> {
  const from = async (name: string, id: string, change: (event: Json) => void): Promise<CorpusEvent> => {
    const { event, source } = await loadEvent(name);
    const copy = structuredClone(event);
    change(copy);
    return { id: `variant/${id}`, source, event: copy };
  };
  return [
    from('apigw-v1-get', 'apigw-v1-two-cookie-lines', (e) => (e.multiValueHeaders.Cookie = ['theme=dark', 'lang=en'])),
    from('alb-single-value', 'alb-malformed-percent', (e) => (e.queryStringParameters = { discount: '100%' })),
    from('apigw-v2-get', 'apigw-v2-headers-null', (e) => (e.headers = null)),
  ].reduce(async (all, next) => [...(await all), await next], Promise.resolve([] as CorpusEvent[]));
}

export async function corpus(): Promise<CorpusEvent[]> {
  return [...(await upstreamFixtures()), ...(await namedSamples()), ...(await variants())];
}

/**
 * A binary download through a REST API, twice: as a new API is set up (no binaryMediaTypes: the
 * client gets the base64 text) and with `*\/*` in binaryMediaTypes (the bytes). The sample's
 * Accept is `*\/*`, what curl and a browser's download send.
 */
export async function restBinaryDownloads(): Promise<CorpusEvent[]> {
  const { event, source } = await loadEvent('apigw-v1-get');
  return [
    { id: 'door/rest-binary-download', source, event, door: { door: 'rest', binaryMediaTypes: [] } },
    {
      id: 'door/rest-binary-download+binaryMediaTypes',
      source,
      event,
      door: { door: 'rest', binaryMediaTypes: ['*/*'] },
    },
  ];
}
