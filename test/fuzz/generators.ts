// Seeded generators of hostile input: events (as file text) and WebSocket frames. The same seed
// gives the same inputs, so a failure found by a long run can be replayed.
import { readFileSync } from 'node:fs';
import { catalog } from '../../lab/events/catalog.ts';
import { sampleUrl } from '../../lab/events/list-samples.ts';

export type Random = () => number;

/** mulberry32: small, fast, good enough to pick mutations. */
export function seeded(seed: number): Random {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = <T>(random: Random, items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
const int = (random: Random, max: number) => Math.floor(random() * max);

const NASTY_STRINGS = [
  '',
  ' ',
  '%',
  '%zz',
  '%00',
  '/../../etc/passwd',
  '\u001b]0;title\u0007',
  '\u001b]52;c;cHduZWQ=\u0007',
  '\u001b[2J',
  '\u0000',
  '\r\n\r\n',
  '😀',
  '\ud800',
  'a'.repeat(10_000),
  '{"nested": true}',
  '=?utf-8?',
  'GET',
  'application/octet-stream',
  'not base64!!',
];

function randomValue(random: Random, depth = 0): unknown {
  switch (int(random, depth > 2 ? 6 : 8)) {
    case 0:
      return null;
    case 1:
      return random() < 0.5;
    case 2:
      return pick(random, [0, -1, 1e308, Number.MAX_SAFE_INTEGER, 3.5, -0]);
    case 3:
    case 4:
      return pick(random, NASTY_STRINGS);
    case 5:
      return String.fromCharCode(...Array.from({ length: int(random, 40) }, () => int(random, 0x3000)));
    case 6:
      return Array.from({ length: int(random, 4) }, () => randomValue(random, depth + 1));
    default:
      return Object.fromEntries(
        Array.from({ length: int(random, 4) }, () => [pick(random, NASTY_STRINGS), randomValue(random, depth + 1)]),
      );
  }
}

const samples = catalog.map(({ name }) => JSON.parse(readFileSync(sampleUrl(name), 'utf8')) as Record<string, unknown>);

/** Every [object, key] inside a value, to pick one to change. */
function slots(value: unknown, out: Array<[Record<string, unknown> | unknown[], string | number]> = []) {
  if (Array.isArray(value)) value.forEach((v, i) => (out.push([value, i]), slots(v, out)));
  else if (value && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) (out.push([value as Record<string, unknown>, k]), slots(v, out));
  return out;
}

/** One event file's text: a sample with a few fields changed or removed, or something that is not one at all. */
export function malformedEvent(random: Random): string {
  const roll = random();
  if (roll < 0.05) return JSON.stringify(randomValue(random));
  if (roll < 0.1) return pick(random, ['', '{', '{"a":', 'null', '[]', '\ufeff{}', '{"httpMethod":1}', '\u0000']);
  const event = structuredClone(pick(random, samples));
  for (let n = 1 + int(random, 4); n > 0; n--) {
    const all = slots(event);
    if (all.length === 0) break;
    const [holder, key] = pick(random, all);
    if (random() < 0.3 && !Array.isArray(holder)) delete (holder as Record<string, unknown>)[key as string];
    else (holder as Record<string | number, unknown>)[key] = randomValue(random);
  }
  const text = JSON.stringify(event);
  return random() < 0.05 ? text.slice(0, int(random, text.length)) : text;
}

const KEYS = ['\r', '\t', '\u0003', '\u0004', '\u001a', '\u001b[A', '\u001b[B', '\u001b[C', '\u001b[3~', '\u007f', ' '];
const WORDS = [
  'help',
  'events',
  'invoke',
  'map',
  'logs',
  'containers',
  'help invoke',
  'nope',
  '--json',
  '"',
  "'",
  '\\',
];

/** Keystrokes: words, control keys and nasty strings, never a command that changes the checkout. */
function keystrokes(random: Random): string {
  let text = '';
  for (let n = 1 + int(random, 6); n > 0; n--) {
    const r = random();
    text += r < 0.4 ? pick(random, WORDS) : r < 0.7 ? pick(random, KEYS) : pick(random, NASTY_STRINGS).slice(0, 200);
    text += ' ';
  }
  // Whatever was typed is a word first: "unknown command" or a command's usage error, never a reset.
  return `x${text}`;
}

/** One WebSocket frame from a page that may be hostile or broken. */
export function malformedFrame(random: Random): string | Buffer {
  // Mostly well-formed, so a session lives long enough for its REPL to be exercised: one
  // malformed frame ends it.
  const roll = random();
  if (roll < 0.8) return JSON.stringify({ type: 'input', data: keystrokes(random) });
  if (roll < 0.9)
    return JSON.stringify({
      type: pick(random, ['open', 'resize']),
      cols: pick(random, [1, 80, 1000, 1001, 0, -1, 2.5, '80', null]),
      rows: pick(random, [1, 24, 1000, 1001, 0, 1e9]),
      // A tab's history comes with 'open': well-formed, the wrong shape, or lines no one typed.
      ...(random() < 0.5
        ? {
            history: pick(random, [
              ['events', 'invoke health'],
              NASTY_STRINGS.map((s) => s.slice(0, 200)),
              'events',
              [1, 2],
              [null],
              Array.from({ length: 501 }, () => 'events'),
            ]),
          }
        : {}),
    });
  if (roll < 0.92) return JSON.stringify({ type: 'input', data: pick(random, NASTY_STRINGS) });
  if (roll < 0.94) return Buffer.from(Array.from({ length: int(random, 64) }, () => int(random, 256)));
  if (roll < 0.97) return JSON.stringify(randomValue(random));
  return pick(random, ['', '{', 'null', '{"type":"input"}', '{"type":"input","data":5}']);
}
