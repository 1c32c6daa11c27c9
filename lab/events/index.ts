// Named sample events and the loader behind `lab events` and `lab invoke <event>`.

export { catalog, type SampleEntry } from './catalog.ts';
export { detectSource, type HttpEventSource } from '../app/event-to-request/detect-source.ts';
export { LabInputError } from './lab-input-error.ts';
export { listSamples, type SampleSummary } from './list-samples.ts';
export { loadEvent, type LoadedEvent } from './load-event.ts';
