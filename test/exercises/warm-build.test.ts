// The watch's warm builds (lab/exercises-runner/warm-build.ts: tsc in watch mode, an esbuild
// context, files synced into one staged tree) must give what a cold build gives: the same bundle
// for the same files, and the same compile error, in the learner's paths, for a type error; and a
// fix after an error must be seen. The learner's folder is a temporary copy (LAB_LEARNER_DIR).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildExercise } from '../../lab/exercises-runner/build-exercise.ts';
import { editionText, writeEdition } from '../../lab/exercises-runner/exercise-files.ts';
import { findExercise } from '../../lab/exercises-runner/manifest.ts';
import { prebuiltBuild, PREBUILT_ENV, WarmBuilds } from '../../lab/exercises-runner/warm-build.ts';

const exercise = findExercise('01')!;
const temp = mkdtempSync(join(tmpdir(), 'lab-warm-build-'));
process.env.LAB_LEARNER_DIR = temp;
const builds = new WarmBuilds('exercises');
process.env[PREBUILT_ENV] = builds.name;
const handler = join(temp, exercise.id, 'handler.ts');
afterAll(async () => {
  await builds.dispose();
  rmSync(temp, { recursive: true, force: true });
});

/** A warm build of what the learner's folder holds now, as the test file reads it: the build, or the error it throws. */
async function warm() {
  await builds.prepare(exercise);
  await builds.build(exercise);
  return prebuiltBuild(exercise, 'exercises').then(
    (build) => ({ build, error: undefined }),
    (error: Error) => ({ build: undefined, error }),
  );
}

async function cold() {
  return buildExercise(exercise, 'exercises').then(
    (build) => ({ build, error: undefined }),
    (error: Error) => ({ build: undefined, error }),
  );
}

describe('a warm build', () => {
  it('builds what a cold build builds, reports its compile error, and sees the fix', { timeout: 120_000 }, async () => {
    await writeEdition(exercise, 'starter', join(temp, exercise.id));
    const first = await warm();
    const reference = await cold();
    expect(first.error).toBeUndefined();
    expect(first.build!.version).toBe(reference.build!.version);

    // A type error: the learner reads tsc's message in their own paths, as a cold check prints it.
    const solution = editionText(exercise, 'solution', 'handler.ts');
    writeFileSync(handler, `${solution}\nexport const broken: number = 'not a number';\n`);
    const broken = await warm();
    const brokenCold = await cold();
    expect(broken.error?.name).toBe('BuildError');
    expect(broken.error!.message).toContain("error TS2322: Type 'string' is not assignable to type 'number'.");
    expect(broken.error!.message).not.toContain('.lab/build');
    expect(broken.error!.message).toBe(brokenCold.error!.message);

    // The fix: the next build is the solution's, byte for byte what a cold build makes of it.
    writeFileSync(handler, solution);
    const fixed = await warm();
    const fixedCold = await cold();
    expect(fixed.error).toBeUndefined();
    expect(fixed.build!.version).toBe(fixedCold.build!.version);
    expect(fixed.build!.version).not.toBe(first.build!.version);

    // A save that changes nothing builds the same bundle again.
    writeFileSync(handler, solution);
    expect((await warm()).build!.version).toBe(fixed.build!.version);
  });
});
