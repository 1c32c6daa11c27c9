// Every loss rule, in the order `lab map` and `lab conformance` show them: request side first
// (path, query, cookies, headers, body, bad input), then the response round trips.

import { binaryNeedsBinaryMediaTypes } from './binary-needs-binary-media-types.ts';
import { binaryResponseCorrupted } from './binary-response-corrupted.ts';
import { bodyChanged } from './body-changed.ts';
import { contentLengthMismatch } from './content-length-mismatch.ts';
import { cookieJoinedWithComma } from './cookie-joined-with-comma.ts';
import { cookieLost } from './cookie-lost.ts';
import { headerLost } from './header-lost.ts';
import { invalidBase64Accepted } from './invalid-base64-accepted.ts';
import { invokeContextMixed } from './invoke-context-mixed.ts';
import { malformedPercent500 } from './malformed-percent-500.ts';
import { pathChanged } from './path-changed.ts';
import { queryDropped } from './query-dropped.ts';
import { queryValueChanged } from './query-value-changed.ts';
import { repeatedHeaderDropped } from './repeated-header-dropped.ts';
import { requestFailed } from './request-failed.ts';
import type { LossRule } from './rule.ts';
import { setCookieDropped } from './set-cookie-dropped.ts';
import { stageInPath } from './stage-in-path.ts';

export type { LossRule } from './rule.ts';

export const rules: readonly LossRule[] = [
  stageInPath,
  pathChanged,
  queryDropped,
  queryValueChanged,
  cookieJoinedWithComma,
  cookieLost,
  headerLost,
  bodyChanged,
  invalidBase64Accepted,
  malformedPercent500,
  contentLengthMismatch,
  requestFailed,
  invokeContextMixed,
  setCookieDropped,
  repeatedHeaderDropped,
  binaryResponseCorrupted,
  binaryNeedsBinaryMediaTypes,
];
