// `invoke --cold` makes a lesson's cold start one command whatever ran before, and `containers`
// lists every environment the lab holds: the mapping's defaults function too, frozen ones as frozen.
import { describe, expect, it } from 'vitest';
import { jsonLines, runLab } from './run-lab.ts';

interface Row {
  containerId: string;
  functionName: string;
  memorySizeMb: number;
  state: string;
  pid: number;
  idleReapMs: number;
}

async function containers(): Promise<Row[]> {
  const run = await runLab(['containers', '--json']);
  expect(run.code).toBe(0);
  return jsonLines(run.stdout)[0] as unknown as Row[];
}

describe('invoke --cold and containers', () => {
  it('starts cold after warm calls, then warm; and retires every setting of the function', async () => {
    await runLab(['invoke', 'health', '--memory', '1024']);
    const warmed = jsonLines((await runLab(['invoke', 'health', '--json'])).stdout)[0]!;
    const run = await runLab(['invoke', 'health', '--repeat', '2', '--cold', '--json']);
    expect(run.code).toBe(0);
    const [cold, warm] = jsonLines(run.stdout);
    expect(cold).toMatchObject({ coldStart: true });
    expect(cold!.containerId).not.toBe(warmed.containerId);
    expect(warm).toMatchObject({ coldStart: false, containerId: cold!.containerId });
    // `--memory 1024` is another setting of boundary-lab: retired with it, as a deployment retires all.
    const rows = (await containers()).filter((r) => r.functionName === 'boundary-lab');
    expect(rows.map((r) => r.containerId)).toEqual([cold!.containerId]);
    expect(rows[0]).toMatchObject({ state: 'frozen', memorySizeMb: 512, idleReapMs: 300_000 });
  });

  it("lists the mapping's defaults function, frozen, and recycle retires it too", async () => {
    expect((await runLab(['map', 'apigw-v2-named-stage'])).code).toBe(0);
    const rows = await containers();
    const defaults = rows.filter((r) => r.functionName === 'boundary-lab-defaults');
    expect(defaults.length).toBeGreaterThan(0);
    expect(defaults.map((r) => r.state)).toContain('frozen');
    const text = (await runLab(['containers'])).stdout;
    expect(text).toMatch(/^boundary-lab-defaults \(512 MB, 3 s timeout\)$/m);
    expect(text).toMatch(/^ {2}[0-9a-f]{8} {3}\d+ +frozen /m);
    expect(text).toContain('stopped after 5 min idle (LAB_IDLE_REAP_MS)');
    expect((await runLab(['recycle'])).stdout).toMatch(/recycled \d+ execution environments?/);
    expect(await containers()).toEqual([]);
  });
});
