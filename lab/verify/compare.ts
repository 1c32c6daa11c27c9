// One probe's two answers side by side: the app served directly (the ground truth, asked twice
// so that what changes by itself — a date, an id — is not called a loss) and the same request
// through the front door and the handler. Every difference left is a loss, named as the mapping
// inspector's rules name theirs (lab/mapping-inspector/rules/); no rule here knows the app.

import type { ClientResponse } from '../mapping-inspector/client-view.ts';
import { binaryResponseCorrupted } from '../mapping-inspector/rules/binary-response-corrupted.ts';
import { bodyChanged } from '../mapping-inspector/rules/body-changed.ts';
import { contentLengthMismatch } from '../mapping-inspector/rules/content-length-mismatch.ts';
import { cookieJoinedWithComma } from '../mapping-inspector/rules/cookie-joined-with-comma.ts';
import { cookieLost } from '../mapping-inspector/rules/cookie-lost.ts';
import { headerLost } from '../mapping-inspector/rules/header-lost.ts';
import { pathChanged } from '../mapping-inspector/rules/path-changed.ts';
import { queryDropped } from '../mapping-inspector/rules/query-dropped.ts';
import { queryValueChanged } from '../mapping-inspector/rules/query-value-changed.ts';
import { repeatedHeaderDropped } from '../mapping-inspector/rules/repeated-header-dropped.ts';
import { requestFailed } from '../mapping-inspector/rules/request-failed.ts';
import { setCookieDropped } from '../mapping-inspector/rules/set-cookie-dropped.ts';
import { stageInPath } from '../mapping-inspector/rules/stage-in-path.ts';
import type { InvocationRecord } from '../runtime/invocation.ts';
import type { DirectResponse } from './direct-app.ts';
import { PROBE_HEADER, WARM_UP_ID, type SeenRecord } from './nest-probe/records.ts';
import type { ProbeName } from './probe-requests.ts';

/** Losses only an answer-to-answer comparison finds (the inspector's rules compare with the event). */
export const STATUS_CHANGED = 'status-changed';
export const RESPONSE_HEADER_CHANGED = 'response-header-changed';
export const RESPONSE_BODY_CHANGED = 'response-body-changed';

export interface Loss {
  rule: string;
  evidence: string;
}

/** Header lines that belong to one connection, not to the request or response (RFC 9110 §7.6.1), and the framing. */
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'date', 'content-length', 'host']);

/** Derived from the body, which is compared itself; and the probe's own tag, different on each call by design. */
const NOT_COMPARED = new Set(['etag', PROBE_HEADER]);

/** The direct call's own transport: the loopback address the app sees instead of the client's, the warm-up's ids. */
const DIRECT_TRANSPORT = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1', WARM_UP_ID]);

/** Two processes started at different times: an ISO timestamp is theirs, not the request's. */
const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

export interface ProbeAnswers {
  probe: ProbeName;
  stage?: string;
  direct: [DirectResponse, DirectResponse];
  directSeen?: SeenRecord;
  record: InvocationRecord;
  client?: ClientResponse;
  handlerSeen?: SeenRecord;
  /** Values the Lambda side has and loopback cannot: the event's source IP, the request ids, the environment's pid. */
  lambdaValues: string[];
  /** The direct process's own values (its pid): an app that reports its process differs by process. */
  directValues: string[];
}

export function compareAnswers(a: ProbeAnswers): Loss[] {
  const losses: Loss[] = [];
  if (a.directSeen && a.handlerSeen) losses.push(...requestLosses(a, a.directSeen, a.handlerSeen));
  if (!a.client) {
    const why =
      a.record.status === 'ok' ? 'a result that is no HTTP response' : `${a.record.errorType ?? a.record.status}`;
    losses.push({ rule: requestFailed.name, evidence: `direct ${a.direct[0].statusCode}, the handler failed: ${why}` });
    return losses;
  }
  // A route that needs the Lambda invocation (the event, the context) cannot answer off Lambda:
  // its direct answer is no ground truth for the response; what Nest saw still is.
  if (needsInvocation(a)) return losses;
  losses.push(...responseLosses(a, a.client));
  return losses;
}

/** The probe's direct answer is an error while the handler's is not: the route reads the Lambda invocation. */
export function needsInvocation(a: Pick<ProbeAnswers, 'direct' | 'client'>): boolean {
  return a.direct[0].statusCode >= 500 && a.client !== undefined && a.client.statusCode < 500;
}

function requestLosses(a: ProbeAnswers, direct: SeenRecord, handler: SeenRecord): Loss[] {
  const losses: Loss[] = [];
  const d = new URL(direct.url, 'http://x');
  const h = new URL(handler.url, 'http://x');
  if (d.pathname !== h.pathname) {
    const staged = a.stage && h.pathname.startsWith(`/${a.stage}/`);
    losses.push({
      rule: staged ? stageInPath.name : pathChanged.name,
      evidence: `Nest saw ${h.pathname}, directly ${d.pathname}`,
    });
  }
  for (const key of new Set(d.searchParams.keys())) {
    const want = d.searchParams.getAll(key);
    const got = h.searchParams.getAll(key);
    if (got.length === 0)
      losses.push({ rule: queryDropped.name, evidence: `?${key}= ${list(want)} never reached Nest` });
    else if (list(got) !== list(want)) {
      losses.push({ rule: queryValueChanged.name, evidence: `?${key}: Nest saw ${list(got)}, directly ${list(want)}` });
    }
  }
  const dc = cookies(direct.headers.cookie);
  const hc = cookies(handler.headers.cookie);
  for (const [name, value] of Object.entries(dc)) {
    if (hc[name] === value) continue;
    const joined = Object.values(hc).some((v) => v.startsWith(`${value},`) || v.includes(`, ${name}=`));
    losses.push({
      rule: joined ? cookieJoinedWithComma.name : cookieLost.name,
      evidence: `cookie ${name}=${value}: Nest saw ${JSON.stringify(String(handler.headers.cookie ?? '(no cookie header)'))}`,
    });
    break; // one line per probe: the rest of the cookies share its fate
  }
  for (const [name, value] of Object.entries(direct.headers)) {
    if (HOP_BY_HOP.has(name) || NOT_COMPARED.has(name) || name === 'cookie') continue;
    const want = values(value);
    const got = values(handler.headers[name]);
    const missing = want.filter((v) => !got.includes(v));
    if (missing.length > 0) {
      losses.push({ rule: headerLost.name, evidence: `${name}: Nest saw ${list(got)}, directly ${list(want)}` });
    }
  }
  const dl = direct.headers['content-length'];
  const hl = handler.headers['content-length'];
  if (dl !== undefined && hl !== undefined && String(dl) !== String(hl)) {
    losses.push({ rule: contentLengthMismatch.name, evidence: `Content-Length ${hl}, directly ${dl}` });
  }
  const db = Buffer.from(direct.bodyBase64 ?? '', 'base64');
  const hb = Buffer.from(handler.bodyBase64 ?? '', 'base64');
  if (direct.bodyBase64 !== undefined && handler.bodyBase64 !== undefined && !db.equals(hb)) {
    losses.push({
      rule: bodyChanged.name,
      evidence: `Nest read ${hb.length} body bytes, directly ${db.length}${sameLength(db, hb)}`,
    });
  }
  return losses;
}

function responseLosses(a: ProbeAnswers, client: ClientResponse): Loss[] {
  const losses: Loss[] = [];
  const [d1, d2] = a.direct;
  if (client.statusCode !== d1.statusCode) {
    losses.push({ rule: STATUS_CHANGED, evidence: `the client got ${client.statusCode}, directly ${d1.statusCode}` });
    return losses; // another answer altogether: its headers and body differ as a consequence
  }
  const wantCookies = d1.headers['set-cookie'] ?? [];
  const gotCookies = client.headers['set-cookie'] ?? [];
  const lostCookies = wantCookies.filter((line) => !gotCookies.includes(line));
  if (lostCookies.length > 0) {
    losses.push({
      rule: setCookieDropped.name,
      evidence: `${gotCookies.length} of ${wantCookies.length} Set-Cookie lines reached the client (lost: ${lostCookies[0]})`,
    });
  }
  for (const [name, lines] of Object.entries(d1.headers)) {
    if (HOP_BY_HOP.has(name) || NOT_COMPARED.has(name) || name === 'set-cookie') continue;
    if (list(lines) !== list(d2.headers[name] ?? [])) continue; // changes by itself
    const want = lines.flatMap(values);
    const got = (client.headers[name] ?? []).flatMap(values);
    if (want.every((v) => got.includes(v))) continue;
    if (got.some((v) => a.lambdaValues.includes(v))) continue; // the invocation's own id, as it should be
    const repeated = lines.length > 1 && got.length > 0 && got.length < want.length;
    losses.push({
      rule: repeated ? repeatedHeaderDropped.name : RESPONSE_HEADER_CHANGED,
      evidence: `${name}: the client got ${got.length ? list(got) : '(nothing)'}, directly ${list(want)}`,
    });
  }
  if (!client.body.equals(d1.body)) {
    const change = bodyDifference(d1.body, d2.body, client.body, a.lambdaValues, a.directValues);
    if (change) losses.push(change);
  }
  return losses;
}

/** A body difference that is a loss, or undefined when it is only what changes by itself. */
function bodyDifference(
  d1: Buffer,
  d2: Buffer,
  got: Buffer,
  lambdaValues: string[],
  directValues: string[],
): Loss | undefined {
  if (!isText(d1)) {
    return {
      rule: binaryResponseCorrupted.name,
      evidence: `${d1.length} binary bytes directly, ${got.length} different bytes reached the client`,
    };
  }
  const j1 = parseJson(d1);
  const j2 = parseJson(d2);
  const jg = parseJson(got);
  if (j1 !== undefined && jg !== undefined) {
    const noisy = new Set(j2 === undefined ? [] : leafDiffs(j1, j2).map((l) => l.path));
    for (const leaf of leafDiffs(j1, jg)) {
      if (noisy.has(leaf.path)) continue;
      if (lambdaValues.includes(String(leaf.b))) continue; // the event's or the invocation's own value
      if (DIRECT_TRANSPORT.has(String(leaf.a)) || directValues.includes(String(leaf.a))) continue;
      if (sameList(leaf.a, leaf.b)) continue;
      if (typeof leaf.a === 'string' && typeof leaf.b === 'string' && ISO_TIME.test(leaf.a) && ISO_TIME.test(leaf.b))
        continue;
      const key = (leaf.path.split('.').at(-1) ?? '').toLowerCase();
      if (HOP_BY_HOP.has(key) || NOT_COMPARED.has(key)) continue;
      return {
        rule: RESPONSE_BODY_CHANGED,
        evidence: `${leaf.path}: the client got ${short(leaf.b)}, directly ${short(leaf.a)}`,
      };
    }
    return undefined;
  }
  if (!d1.equals(d2)) return undefined; // a text body that changes by itself: nothing to compare
  return { rule: RESPONSE_BODY_CHANGED, evidence: `${got.length} bytes reached the client, directly ${d1.length}` };
}

interface Leaf {
  path: string;
  a: unknown;
  b: unknown;
}

function leafDiffs(a: unknown, b: unknown, path = '$'): Leaf[] {
  if (a !== null && b !== null && typeof a === 'object' && typeof b === 'object') {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    return [...keys].flatMap((k) =>
      leafDiffs((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], `${path}.${k}`),
    );
  }
  return JSON.stringify(a) === JSON.stringify(b) ? [] : [{ path, a, b }];
}

/**
 * A repeated header as one value: Node joins the lines with ", ", an adapter may use ","; both
 * are the same list (RFC 9110 §5.6.1: optional whitespace around a list's commas).
 */
function sameList(a: unknown, b: unknown): boolean {
  return typeof a === 'string' && typeof b === 'string' && a.replace(/\s*,\s*/g, ',') === b.replace(/\s*,\s*/g, ',');
}

function parseJson(body: Buffer): unknown {
  try {
    return JSON.parse(body.toString('utf8'));
  } catch {
    return undefined;
  }
}

function isText(bytes: Buffer): boolean {
  return Buffer.from(bytes.toString('utf8'), 'utf8').equals(bytes);
}

function short(value: unknown): string {
  const text = value === undefined ? '(nothing)' : JSON.stringify(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

function values(value: string | string[] | undefined): string[] {
  if (value === undefined) return [];
  return (Array.isArray(value) ? value : [value]).flatMap((v) => v.split(',').map((s) => s.trim())).filter(Boolean);
}

function list(items: readonly string[]): string {
  return `[${items.join(', ')}]`;
}

function cookies(header: string | string[] | undefined): Record<string, string> {
  const found: Record<string, string> = {};
  for (const part of (Array.isArray(header) ? header.join('; ') : (header ?? '')).split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0) found[part.slice(0, eq).trim()] = part.slice(eq + 1).trim();
  }
  return found;
}

function sameLength(a: Buffer, b: Buffer): string {
  return a.length === b.length ? ' (same length, other bytes)' : '';
}
