// The Exercise box's *Run check* sends `{type:'check', exercise:'NN'}`: only two digits reach the
// lab's command line (`check NN`), so a page cannot smuggle an option or another command in.
import { describe, expect, it } from 'vitest';
import { parseClientMessage, parseServerMessage } from '../../lab/server/protocol.ts';

describe("the page's check message", () => {
  it('carries an exercise number, nothing else', () => {
    expect(parseClientMessage('{"type":"check","exercise":"04"}')).toEqual({ type: 'check', exercise: '04' });
    for (const exercise of ['4', '06-event-mapping', '--watch', '04 --watch', '../01', 4, null]) {
      expect(parseClientMessage(JSON.stringify({ type: 'check', exercise }))).toBeUndefined();
    }
    expect(parseClientMessage('{"type":"check-cancel"}')).toEqual({ type: 'check-cancel' });
    // The box's width, so the lab folds the output to it; only a sane number of columns.
    expect(parseClientMessage('{"type":"check","exercise":"04","cols":64}')).toEqual({
      type: 'check',
      exercise: '04',
      cols: 64,
    });
    for (const cols of [0, -3, 1.5, '64', 5000]) {
      expect(parseClientMessage(JSON.stringify({ type: 'check', exercise: '04', cols }))).toBeUndefined();
    }
  });

  it("is answered with the check's output and its end, which the page reads", () => {
    expect(parseServerMessage('{"type":"check-output","exercise":"01","data":"checking …\\n"}')).toMatchObject({
      type: 'check-output',
    });
    expect(parseServerMessage('{"type":"check-done","exercise":"01","code":1}')).toMatchObject({ code: 1 });
  });
});
