// The REPL as a terminal (the shell's `npx lab` and every page's terminal run this one): one
// command at a time with a visible queue, Ctrl-C on a half-typed line, the prefixes lessons
// print, and Tab completion read from the commands' own definitions.
import { PassThrough } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { labCompleter } from '../../lab/cli/completion.ts';
import { LabContext } from '../../lab/cli/lab-context.ts';
import { createProgram } from '../../lab/cli/program.ts';
import { replCompleter, startRepl, type RunLine } from '../../lab/cli/repl.ts';
import { catalog } from '../../lab/events/catalog.ts';
import { loadManifest } from '../../lab/exercises-runner/manifest.ts';

// Only the commands' definitions are read: this context opens no database.
const lab = new LabContext();
afterAll(() => lab.close());

const silent = { out: () => {}, err: () => {}, color: false };
const complete = labCompleter(createProgram(silent, lab));

/** A REPL on pipes whose commands are held open until released, recording what each was asked. */
function fakeRepl() {
  const input = new PassThrough();
  const output = new PassThrough();
  let text = '';
  // readline's cursor moves and line clears removed: what the learner reads.
  output.on('data', (chunk: Buffer) => (text += chunk.toString().replace(/\u001b\[[0-9;?]*[A-Za-z]/g, '')));
  const ran: string[][] = [];
  const pending: Array<{ args: string[]; finish: () => void }> = [];
  const run: RunLine = (args, io) =>
    new Promise((resolve) => {
      ran.push(args);
      io.out(`ran ${args.join(' ')}\n`);
      const finish = () => {
        io.out(`done ${args.join(' ')}\n`);
        resolve(0);
      };
      if (args[0] === 'slow') pending.push({ args, finish });
      else finish();
    });
  const rl = startRepl({ input, output, run, complete: replCompleter(lab), color: false });
  return {
    rl,
    ran,
    pending,
    type: (data: string) => input.write(data),
    text: () => text,
    async until(pattern: RegExp, from = 0): Promise<string> {
      const deadline = Date.now() + 5_000;
      while (!pattern.test(text.slice(from))) {
        if (Date.now() > deadline) throw new Error(`timed out waiting for ${pattern}; output:\n${text}`);
        await new Promise((r) => setTimeout(r, 10));
      }
      return text.slice(from);
    },
  };
}

describe('one command at a time', () => {
  it('queues a line entered while a command runs, says so, and runs it after, behind its own prompt', async () => {
    const repl = fakeRepl();
    repl.type('slow one\r');
    await repl.until(/ran slow one/);
    repl.type('events\r');
    await repl.until(/queued: events \(runs when `slow one` ends; Ctrl-C cancels\)/);
    expect(repl.ran).toEqual([['slow', 'one']]);
    repl.pending.shift()!.finish();
    const after = await repl.until(/done events\r\nlab> $/);
    // The first command's output ends before the second's prompt: never interleaved.
    expect(after.indexOf('done slow one')).toBeLessThan(after.indexOf('lab> events'));
    expect(after.indexOf('lab> events')).toBeLessThan(after.indexOf('ran events'));
    expect(repl.ran).toEqual([['slow', 'one'], ['events']]);
    repl.rl.close();
  });

  it('holds back what is typed during a command and shows it after the prompt, as typed-ahead text', async () => {
    const repl = fakeRepl();
    repl.type('slow two\r');
    await repl.until(/ran slow two/);
    const before = repl.text().length;
    repl.type('cont');
    await new Promise((r) => setTimeout(r, 50));
    expect(repl.text().slice(before)).toBe('');
    repl.pending.shift()!.finish();
    await repl.until(/done slow two\r\nlab> cont$/, before);
    repl.type('ainers\r');
    await repl.until(/ran containers/);
    repl.rl.close();
  });

  it('cancels the running command on Ctrl-C and drops the queue with it, saying so', async () => {
    const repl = fakeRepl();
    repl.type('slow three\r');
    await repl.until(/ran slow three/);
    repl.type('events\r');
    repl.type('containers\r');
    await repl.until(/queued: containers/);
    repl.type('\u0003');
    await repl.until(/\^C cancelled; 2 queued commands dropped\r\nlab> $/);
    expect(repl.ran).toEqual([['slow', 'three']]);
    repl.rl.close();
  });
});

describe('Ctrl-C on a half-typed line', () => {
  it('shows ^C after it, drops it and gives a fresh prompt, as a shell does', async () => {
    const repl = fakeRepl();
    await repl.until(/lab> $/);
    repl.type('invoke');
    await repl.until(/lab> invoke$/);
    repl.type('\u0003');
    await repl.until(/lab> invoke\^C\r\nlab> $/);
    repl.type('events\r');
    await repl.until(/ran events/);
    expect(repl.ran).toEqual([['events']]);
    repl.rl.close();
  });
});

describe('the prefixes a lesson or a message prints', () => {
  it.each([
    ['npm run lab -- invoke health --repeat 2', ['invoke', 'health', '--repeat', '2']],
    ['npm run lab invoke health', ['invoke', 'health']],
    ['npx lab events', ['events']],
    ['lab solution 01', ['solution', '01']],
    ['lab> containers', ['containers']],
    ['npm run check 01', ['check', '01']],
    ['events', ['events']],
  ])('runs "%s" as %j', async (line, args) => {
    const repl = fakeRepl();
    repl.type(`${line}\r`);
    await repl.until(/done /);
    expect(repl.ran).toEqual([args]);
    repl.rl.close();
  });

  it('says so when a line was only a prefix', async () => {
    const repl = fakeRepl();
    repl.type('npx lab\r');
    await repl.until(/this is the lab's REPL already: type a command \("help" lists them\)\r\nlab> $/);
    expect(repl.ran).toEqual([]);
    repl.rl.close();
  });
});

describe('Tab completion', () => {
  const samples = catalog.map((s) => s.name);
  const ids = loadManifest().map((e) => e.id);

  it.each([
    ['inv', ['invoke ']],
    ['npm run lab -- inv', ['invoke ']],
    ['invoke users-al', ['users-alice ']],
    ['map apigw-v2-n', ['apigw-v2-named-stage ']],
    ['invoke health --rep', ['--repeat ']],
    ['leak --variant b', ['buggy ']],
    ['solution 01', [`${ids[0]} `]],
    ['dev up', ['update ']],
    ['help sol', ['solution ']],
  ])('completes "%s" to %j', (line, hits) => {
    expect(complete(line)[0]).toEqual(hits);
  });

  it('lists every sample for an event argument and every exercise for an exercise argument', () => {
    expect(complete('invoke ')).toEqual([samples, '']);
    expect(complete('check ')).toEqual([ids, '']);
    expect(complete('invoke --repeat 2 apigw-v1-')[0]).toEqual(samples.filter((s) => s.startsWith('apigw-v1-')));
  });

  it("offers a command's own flags, not those already typed, and nothing for a value it cannot know", () => {
    const flags = complete('invoke health --json --')[0];
    expect(flags).toContain('--repeat');
    expect(flags).toContain('--unbundled');
    expect(flags).not.toContain('--json');
    expect(flags).not.toContain('--variant');
    expect(complete('invoke health --repeat ')[0]).toEqual([]);
    expect(complete('nonsense ')[0]).toEqual([]);
  });

  it('completes in the REPL itself: Tab inserts the rest of a sample name', async () => {
    const repl = fakeRepl();
    repl.type('invoke users-al\t');
    await repl.until(/lab> invoke users-alice $/);
    repl.type('\r');
    await repl.until(/ran invoke users-alice/);
    repl.rl.close();
  });
});
