import { describe, expect, it } from 'vitest';
import { LabContext } from '../../lab/cli/lab-context.ts';

describe('LabContext.onClose', () => {
  it('runs each hook once, at the next close, and waits for it', async () => {
    const lab = new LabContext();
    const calls: string[] = [];
    lab.onClose(async () => {
      await new Promise((resolve) => setTimeout(resolve, 20));
      calls.push('slow');
    });
    lab.onClose(() => void calls.push('quick'));
    expect(calls).toEqual([]);
    await lab.close();
    expect(calls.sort()).toEqual(['quick', 'slow']);
    // A lab reused after close starts with no hooks: a second close must not stop things twice.
    await lab.close();
    expect(calls).toHaveLength(2);
  });
});
