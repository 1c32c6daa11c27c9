// The builds of `lab check --watch`, made in the lab while its warm vitest starts the test file,
// and handed to the file (test/exercises/support.ts) through a file beside the build: the vitest
// worker waits for it instead of building in its beforeAll. Each watched exercise keeps one folder
// for the whole watch, so tsc (--incremental) and esbuild (a context) rebuild warm: only what the
// save changed is checked and emitted again. Same output, same compile errors.
import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { BuildError, disposeRebuild, type Rebuild } from '../runtime/build.ts';
import { exerciseBuildDir, removeEndedBuilds, stageAndBuild, type ExerciseBuild } from './build-exercise.ts';
import type { Exercise, ExerciseSource } from './manifest.ts';

/** The name of the watch's build folders (`<pid>-watch<n>`), set in the warm vitest's environment. */
export const PREBUILT_ENV = 'LAB_EXERCISE_PREBUILT';
const HANDOFF = 'prebuilt.json';

type Handoff = { build: ExerciseBuild } | { error: string; name: string };

let watches = 0;

export class WarmBuilds {
  /** This watch's folder name under each exercise's build folder: the lab's pid, so it is cleaned after the lab ends. */
  readonly name = `${process.pid}-watch${++watches}`;
  private readonly source: ExerciseSource;
  private readonly folders = new Map<string, { outDir: string; rebuild: Rebuild }>();

  constructor(source: ExerciseSource) {
    this.source = source;
  }

  /**
   * Before the test file starts: the exercise's folder exists and holds no earlier build's record,
   * so the file waits for this build's (see prebuiltBuild).
   */
  async prepare(exercise: Exercise): Promise<void> {
    const folder = this.folders.get(exercise.id);
    if (folder) {
      await rm(join(folder.outDir, HANDOFF), { force: true });
      return;
    }
    const dir = exerciseBuildDir(exercise, this.source);
    await removeEndedBuilds(dir);
    const outDir = join(dir, this.name);
    await rm(outDir, { recursive: true, force: true });
    await mkdir(outDir, { recursive: true });
    this.folders.set(exercise.id, { outDir, rebuild: { changedAt: undefined } });
  }

  /**
   * Builds the prepared exercise and leaves the outcome for its test file: the build, or the error
   * the file's beforeAll would have thrown (a compile error reaches the learner as in a cold
   * check).
   */
  async build(exercise: Exercise): Promise<void> {
    const folder = this.folders.get(exercise.id);
    if (!folder) throw new Error(`${exercise.id} was not prepared for a warm build`);
    let handoff: Handoff;
    try {
      handoff = { build: await stageAndBuild(exercise, this.source, folder.outDir, { rebuild: folder.rebuild }) };
    } catch (error) {
      const failure = error instanceof Error ? error : new Error(String(error));
      handoff = { error: failure.message, name: failure.name };
    }
    // Renamed into place: the test file reads the whole of this build's record, never half of it.
    const path = join(folder.outDir, HANDOFF);
    await writeFile(`${path}.tmp`, JSON.stringify(handoff));
    await rename(`${path}.tmp`, path);
  }

  /** Ends the warm builders (esbuild's contexts) and removes the watch's build folders. */
  async dispose(): Promise<void> {
    const folders = [...this.folders.values()];
    this.folders.clear();
    for (const folder of folders) {
      await disposeRebuild(folder.rebuild).catch(() => {});
      await rm(folder.outDir, { recursive: true, force: true });
    }
  }
}

/**
 * In a test file: the build the watch makes for this exercise (or its error, thrown as the build
 * would have thrown it), once it is there; undefined outside a watch, or for an exercise the watch
 * does not build (the file builds for itself). The wait is bounded by the beforeAll's timeout.
 */
export async function prebuiltBuild(exercise: Exercise, kind: string): Promise<ExerciseBuild | undefined> {
  const name = process.env[PREBUILT_ENV];
  if (!name) return undefined;
  const folder = join(exerciseBuildDir(exercise, kind), name);
  if (!existsSync(folder)) return undefined;
  let handoff: Handoff | undefined;
  while (!handoff) {
    const text = await readFile(join(folder, HANDOFF), 'utf8').catch(() => undefined);
    if (text !== undefined) handoff = JSON.parse(text) as Handoff;
    else if (!existsSync(folder))
      return undefined; // the watch ended under us
    else await new Promise((resolve) => setTimeout(resolve, 10));
  }
  if ('build' in handoff) return handoff.build;
  const error = handoff.name === 'BuildError' ? new BuildError(handoff.error) : new Error(handoff.error);
  throw error;
}
