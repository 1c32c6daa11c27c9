import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatMs } from '../../lab/milliseconds.ts';
import { REPO_ROOT } from '../../lab/repo-root.ts';
import { median, percentile } from '../../lab/stats.ts';

describe('REPO_ROOT', () => {
  it('is the checkout: the folder with package.json and lab/handler.ts, without a trailing slash', () => {
    expect(existsSync(join(REPO_ROOT, 'package.json'))).toBe(true);
    expect(existsSync(join(REPO_ROOT, 'lab', 'handler.ts'))).toBe(true);
    expect(REPO_ROOT.endsWith('/')).toBe(false);
  });
});

describe('median and percentile', () => {
  it('take the middle value, or the mean of the two middle ones, whatever the order', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBe(0);
  });

  it('give the nearest-rank percentile', () => {
    const values = Array.from({ length: 100 }, (_, i) => 100 - i); // 100 … 1, unsorted on purpose
    expect(percentile(values, 99)).toBe(100);
    expect(percentile(values, 50)).toBe(51);
    expect(percentile([], 99)).toBe(0);
  });
});

describe('formatMs', () => {
  it('writes fixed decimals when asked', () => {
    expect(formatMs(12.3456, 2)).toBe('12.35 ms');
    expect(formatMs(12.5, 0)).toBe('13 ms');
    expect(formatMs(3000, 0)).toBe('3000 ms');
  });

  it('otherwise keeps as many decimals as the size deserves, as the boundary map and the timeline show', () => {
    expect(formatMs(1.234)).toBe('1.23 ms');
    expect(formatMs(12.34)).toBe('12.3 ms');
    expect(formatMs(123.4)).toBe('123 ms');
  });
});
