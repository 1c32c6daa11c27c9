// How the lab writes a duration, in the terminal and on the page alike. (Rounding a measurement is
// round2() in lab/runtime/spans.ts; the REPORT line keeps CloudWatch's own format in log-lines.ts:
// both run inside the container, whose prebuilt script is rebuilt only for lab/runtime/ changes.)

/**
 * A duration as text: with `digits` fixed decimals (`formatMs(12.3456, 2)` is `12.35 ms`,
 * `formatMs(12.5, 0)` is `13 ms`), or by default with as many as its size deserves: `123 ms`,
 * `12.3 ms`, `1.23 ms`.
 */
export function formatMs(ms: number, digits?: number): string {
  if (digits === 0) return `${Math.round(ms)} ms`;
  if (digits !== undefined) return `${ms.toFixed(digits)} ms`;
  if (ms >= 100) return `${Math.round(ms)} ms`;
  return `${ms.toFixed(ms >= 10 ? 1 : 2)} ms`;
}
