// `lab invoke <event>`: a sample name or a path to a JSON file, read into an event the adapter
// knows, or a LabInputError that says in one line what is wrong and what to do.

import { constants, type Stats } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { resolve } from 'node:path';
import { catalog } from './catalog.ts';
import { detectSource, whyNotAnHttpEvent, type HttpEventSource } from '../app/event-to-request/detect-source.ts';
import { describeJsonError } from './json-error.ts';
import { LabInputError } from './lab-input-error.ts';
import { isSampleName, sampleUrl } from './list-samples.ts';

export type LoadedEvent = {
  name: string;
  source: HttpEventSource;
  event: Record<string, unknown>;
};

/**
 * Lambda refuses a synchronous payload over 6 MB (6,291,456 bytes). A file may be 1 MiB more, so
 * the same event pretty-printed still loads; the runtime judges the payload itself.
 */
export const MAX_EVENT_FILE_BYTES = 7 * 1024 * 1024;

const KNOWN_EVENTS = 'expected API Gateway REST v1, HTTP API v2, ALB or Function URL';
const PICK_A_SAMPLE = 'Fix the file or pick a sample from "lab events".';

/** `cwd`: where a relative path is read from (the client's folder, not the lab's). */
export async function loadEvent(nameOrPath: string, cwd = process.cwd()): Promise<LoadedEvent> {
  const given = nameOrPath.trim();
  if (given === '') {
    throw new LabInputError('No event given.', 'Name a sample from "lab events", or give a path to a JSON event.');
  }
  const file = isSampleName(given) ? fileURLToPath(sampleUrl(given)) : resolve(cwd, given);
  const text = await readText(given, file);
  const event = parseEvent(given, text);
  return { name: given, source: detectSource(event)!, event };
}

async function readText(given: string, file: string): Promise<string> {
  let bytes: Buffer;
  // O_NONBLOCK: opening a FIFO would otherwise wait for a writer, holding one of Node's few file
  // I/O threads. What the path is and how big it is are judged on the open descriptor.
  let handle: FileHandle | undefined;
  try {
    handle = await open(file, constants.O_RDONLY | constants.O_NONBLOCK);
    const info = await handle.stat();
    if (info.isDirectory()) {
      throw new LabInputError(
        `${given} is a directory, not a JSON file.`,
        'Give a path to one JSON event, or a sample name from "lab events".',
      );
    }
    if (!info.isFile()) {
      throw new LabInputError(
        `${given} is not a regular file (${kindOf(info)}).`,
        'Give a path to one JSON event file, or a sample name from "lab events".',
      );
    }
    if (info.size > MAX_EVENT_FILE_BYTES) throw tooBig(given, info.size);
    bytes = await readAtMost(handle, MAX_EVENT_FILE_BYTES + 1);
    // It grew while being read.
    if (bytes.length > MAX_EVENT_FILE_BYTES) throw tooBig(given, bytes.length);
  } catch (error) {
    if (error instanceof LabInputError) throw error;
    throw notReadable(given, file, error);
  } finally {
    await handle?.close();
  }
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    throw new LabInputError(`${given} is UTF-16 text.`, 'Save it as UTF-8 (a BOM is fine) and run the command again.');
  }
  const text = bytes.toString('utf8');
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

function tooBig(given: string, size: number): LabInputError {
  return new LabInputError(
    `${given} is ${(size / 1024 / 1024).toFixed(1)} MiB: an event file may be at most ${MAX_EVENT_FILE_BYTES / 1024 / 1024} MiB (Lambda's payload limit is 6 MB, plus room for formatting).`,
    'Pick a smaller event, or a sample from "lab events".',
  );
}

function kindOf(info: Stats): string {
  if (info.isCharacterDevice() || info.isBlockDevice()) return 'a device';
  if (info.isFIFO()) return 'a FIFO';
  if (info.isSocket()) return 'a socket';
  return 'not a file';
}

/** Reads up to `limit` bytes, never more, whatever the file claims its size is. */
async function readAtMost(handle: FileHandle, limit: number): Promise<Buffer> {
  const buffer = Buffer.alloc(limit);
  let length = 0;
  while (length < limit) {
    const { bytesRead } = await handle.read(buffer, length, limit - length, length);
    if (bytesRead === 0) break;
    length += bytesRead;
  }
  return buffer.subarray(0, length);
}

function notReadable(given: string, file: string, error: unknown): LabInputError {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT' || code === 'ENOTDIR') {
    if (!looksLikePath(given)) {
      const near = nearestSample(given);
      const guess = near ? ` Did you mean "${near}"?` : '';
      return new LabInputError(
        `No sample or file named "${given}".${guess}`,
        'Run "lab events" to list the samples, or give a path to a JSON event.',
      );
    }
    return new LabInputError(
      `No file at ${given} (looked in ${file}).`,
      'Check the path, or run "lab events" to list the samples.',
    );
  }
  if (code === 'EACCES' || code === 'EPERM') {
    return new LabInputError(
      `${given} cannot be read (permission denied).`,
      'Make the file readable, or pick a sample from "lab events".',
    );
  }
  const reason = error instanceof Error ? error.message : String(error);
  return new LabInputError(
    `${given} cannot be read (${reason}).`,
    'Check the path, or pick a sample from "lab events".',
  );
}

function parseEvent(given: string, text: string): Record<string, unknown> {
  if (text.trim() === '') {
    throw new LabInputError(`${given} is empty.`, 'Put one JSON event in it, or pick a sample from "lab events".');
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new LabInputError(`${given} is not JSON (${describeJsonError(text, error)}).`, PICK_A_SAMPLE);
  }
  const why = whyNotAnHttpEvent(value);
  if (why !== undefined) {
    throw new LabInputError(
      `${given} is JSON but no event the adapter knows (${KNOWN_EVENTS}: ${why}).`,
      'Run "lab events" for a sample of each shape.',
    );
  }
  return value as Record<string, unknown>;
}

function looksLikePath(given: string): boolean {
  return /[\\/]/.test(given) || given.toLowerCase().endsWith('.json') || given.startsWith('.');
}

// The sample name closest to a typo (at most a third of its letters off), if any.
function nearestSample(given: string): string | undefined {
  let best: { name: string; distance: number } | undefined;
  for (const { name } of catalog) {
    const distance = editDistance(given.toLowerCase(), name);
    if (distance <= Math.max(2, Math.floor(name.length / 3)) && (!best || distance < best.distance))
      best = { name, distance };
  }
  return best?.name;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length];
}
