import { existsSync } from 'node:fs';
import { cp, mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { BuildError, buildHandler, BUILD_DIR, type Artifact, type Rebuild } from '../runtime/build.ts';
import { isAlive } from '../db/processes.ts';
import { REPO_ROOT } from '../repo-root.ts';
import { sourceFiles, writeEdition } from './exercise-files.ts';
import { learnerFolder, numberOf, type Exercise, type ExerciseSource } from './manifest.ts';

const SHARED_DIRS = ['lab/app', 'lab/variants', 'lab/mapping-inspector'];

/** Every exercise's entry point: the module the local Lambda loads, as `lab/handler.ts` is for the app. */
export const EXERCISE_ENTRY = 'handler.ts';

export interface ExerciseBuild extends Artifact {
  source: ExerciseSource;
  exercise: Exercise;
  /** What was built: the learner's folder relative to the repo (`lab/exercises/01-cache-the-bootstrap`), or `starters/01-…`. */
  from: string;
}

/**
 * Builds one exercise into `.lab/build/<kind>/<NN>/<pid>/` and nothing else: tsc (decorator metadata)
 * then esbuild, as the app is built.
 *
 * The folder is this process's own: two checks of one exercise at once (the page's terminal and
 * the learner's shell, or two test files) would otherwise delete each other's build mid-compile.
 * Folders of processes that have ended are removed here.
 */
export async function buildExercise(
  exercise: Exercise,
  source: ExerciseSource,
  kind: string = source,
  /** A folder whose files replace the edition's (a mutant of the meta-test: one file that differs). */
  overlay?: string,
): Promise<ExerciseBuild> {
  const exerciseDir = exerciseBuildDir(exercise, kind);
  await removeEndedBuilds(exerciseDir);
  const outDir = join(exerciseDir, String(process.pid));
  await rm(outDir, { recursive: true, force: true });
  return stageAndBuild(exercise, source, outDir, { overlay });
}

/** Where the builds of one exercise go, one folder per process (or per watch) under it. */
export function exerciseBuildDir(exercise: Exercise, kind: string): string {
  return join(BUILD_DIR, kind, numberOf(exercise.id));
}

/**
 * Stages the exercise in `outDir/src` and builds it in `outDir`.
 *
 * The exercise is first copied into a staging tree that mirrors the repo (`src/lab/app/`,
 * `src/lab/exercises/<id>/`), so its relative imports (`../../app/...`) resolve the same wherever
 * the copy came from: the learner's folder, or the starter or solution generated from the
 * exercise's one source (exercise-files.ts) as it would read in the learner's folder. The staged
 * copy is made afresh each time (a file the learner deleted is gone). For a warm `rebuild`, only
 * the files that differ are written into the staged tree, and `rebuild.changedAt` says when.
 */
export async function stageAndBuild(
  exercise: Exercise,
  source: ExerciseSource,
  outDir: string,
  options: { overlay?: string | undefined; rebuild?: Rebuild } = {},
): Promise<ExerciseBuild> {
  const { overlay } = options;
  const stageRoot = join(outDir, 'src');
  const stagedExercise = join(stageRoot, 'lab', 'exercises', exercise.id);
  // A warm rebuild's tsc watches the staged tree: the exercise's files are made beside it first.
  const exerciseCopy = options.rebuild ? join(outDir, 'next') : stagedExercise;
  await rm(options.rebuild ? exerciseCopy : stageRoot, { recursive: true, force: true });
  await mkdir(exerciseCopy, { recursive: true });
  // What exercises import besides their own folder: the lab app, and the scenarios' variants
  // (exercises 07-10 start from the buggy ones).
  let changed = false;
  for (const shared of SHARED_DIRS) {
    if (!existsSync(join(REPO_ROOT, shared))) continue;
    if (options.rebuild) changed = (await syncFolder(join(REPO_ROOT, shared), join(stageRoot, shared))) || changed;
    else await cp(join(REPO_ROOT, shared), join(stageRoot, shared), { recursive: true });
  }
  if (source === 'exercises') {
    await cp(learnerFolder(exercise.id), exerciseCopy, { recursive: true });
  } else {
    await writeEdition(exercise, source === 'starters' ? 'starter' : 'solution', exerciseCopy);
  }
  if (overlay) {
    for (const file of sourceFiles(overlay)) await cp(join(overlay, file), join(exerciseCopy, file));
  }
  if (options.rebuild) {
    changed = (await syncFolder(exerciseCopy, stagedExercise)) || changed;
    await rm(exerciseCopy, { recursive: true, force: true });
    options.rebuild.changedAt = changed ? Date.now() : undefined;
  }
  const entry = join(stagedExercise, EXERCISE_ENTRY);
  const tsconfig = join(outDir, 'tsconfig.json');
  const config = JSON.stringify(
    { extends: join(REPO_ROOT, 'tsconfig.exercises.json'), include: [], exclude: [], files: [entry] },
    null,
    2,
  );
  // Written once for a rebuild: tsc's watch reloads its whole program when its tsconfig is written.
  if ((await readFile(tsconfig, 'utf8').catch(() => undefined)) !== config) await writeFile(tsconfig, config);
  // A generated edition has no folder of its own: `starters/07-request-scope` names it.
  const from = overlay
    ? relative(REPO_ROOT, overlay)
    : source === 'exercises'
      ? relative(REPO_ROOT, learnerFolder(exercise.id))
      : `${source}/${exercise.id}`;
  try {
    const artifact = await buildHandler({
      tsconfig,
      entry: relative(REPO_ROOT, entry),
      outDir,
      sourcemap: false,
      ...(options.rebuild ? { rebuild: options.rebuild } : {}),
    });
    return { ...artifact, source, exercise, from };
  } catch (error) {
    if (!(error instanceof BuildError)) throw error;
    // tsc names the staged copies; the learner knows the files by their real paths.
    const staged = relative(REPO_ROOT, stageRoot);
    const message = error.message
      .replaceAll(`${staged}/lab/exercises/${exercise.id}/`, `${from}/`)
      .replaceAll(`${staged}/lab/`, 'lab/')
      .replace('The handler does not compile:', `${from} does not compile:`);
    throw new BuildError(message);
  }
}

/**
 * Makes `to` hold exactly the files of `from`: writes those that differ, removes those `from` does
 * not have. Says whether anything changed. Written in place, not renamed over: tsc's watch took
 * 0.4-1.0 s to recompile a file renamed over, 0.16-0.25 s one written (measured at load 9). A
 * compile it starts on half a write is not the one waited for: TscWatch waits for a compile that
 * starts after `changedAt`, when every write has ended.
 */
async function syncFolder(from: string, to: string): Promise<boolean> {
  const wanted = new Set(await listFiles(from));
  let changed = false;
  for (const file of wanted) {
    const text = await readFile(join(from, file));
    const old = await readFile(join(to, file)).catch(() => undefined);
    if (old?.equals(text)) continue;
    await mkdir(dirname(join(to, file)), { recursive: true });
    await writeFile(join(to, file), text);
    changed = true;
  }
  for (const file of await listFiles(to)) {
    if (wanted.has(file)) continue;
    await rm(join(to, file), { force: true });
    changed = true;
  }
  return changed;
}

async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries.filter((e) => e.isFile()).map((e) => relative(dir, join(e.parentPath, e.name)));
}

/**
 * Removes the builds in `dir` whose process has ended (and anything not named by a pid): a folder
 * is named by the pid that owns it, alone (`4242`) or with a suffix (`4242-watch1`, a watch's).
 */
export async function removeEndedBuilds(dir: string): Promise<void> {
  const entries = await readdir(dir).catch(() => [] as string[]);
  for (const name of entries) {
    const pid = Number(/^(\d+)(?:-|$)/.exec(name)?.[1] ?? NaN);
    if (pid === process.pid || isAlive(pid)) continue;
    await rm(join(dir, name), { recursive: true, force: true });
  }
}
