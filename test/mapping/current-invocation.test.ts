import { afterAll, describe, expect, it } from 'vitest';
import { overlappingEchoes } from '../../lab/mapping-inspector/overlap.ts';
import { bothColumns, shutdown } from './columns.ts';

const columns = await bothColumns();
afterAll(() => shutdown(columns));

describe('getCurrentInvoke() with two requests in one environment (#674)', () => {
  it("serverless-express's module-level object hands the first request the second one's event", async () => {
    const [first, second] = await overlappingEchoes(columns.find((c) => c.handler === 'default')!.overlapFn);
    expect(first!.map((l) => l.rule)).toEqual(['invoke-context-mixed']);
    expect(first![0]!.evidence).toMatch(/apiRequestId second-fast/);
    expect(second).toEqual([]);
  });

  it("the lab handler's AsyncLocalStorage gives each request its own event and context", async () => {
    const [first, second] = await overlappingEchoes(columns.find((c) => c.handler === 'lab')!.overlapFn);
    expect(first).toEqual([]);
    expect(second).toEqual([]);
  });
});
