import { z } from 'zod';

// No node: imports here: the site (src/data/exercises.ts) validates the same file with this schema.

const slug = /^\d\d-[a-z0-9-]+$/;

export const ExerciseSchema = z
  .object({
    id: z.string().regex(slug).describe('The folder name under lab/exercises/, "NN-name": the number gives the order.'),
    title: z.string().min(3).describe('The title the learner sees, as on the lesson page.'),
    lesson: z
      .string()
      .regex(slug)
      .describe('The lesson it belongs to: content/docs/<lesson>.mdx, served at /<lesson>/.'),
    scenario: z
      .string()
      .regex(/^[a-z]+$/)
      .optional()
      .describe(
        'The scenario whose code the exercise is: starter lab/variants/<scenario>/buggy/, solution …/fixed/. ' +
          'Without it the exercise has its own: starter files in lab/starters/<id>/, the rest in lab/solutions/<id>/.',
      ),
    files: z
      .array(z.string().regex(/^[\w.-]+\.ts$/))
      .min(1)
      .describe(
        'The files the learner edits, relative to the exercise folder; the only ones starter and solution differ in.',
      ),
    hint: z.string().min(10).describe('Shown with a failing check: where to look, not the answer.'),
    more: z
      .string()
      .min(10)
      .describe(
        'The second step, shown by `lab hint NN` and the page: closer to the answer; its code compiles as written.',
      ),
    ko: z
      .object({
        title: z.string().min(2).describe('The title on a Korean page.'),
        hint: z.string().min(10).describe('The hint, in Korean.'),
        more: z.string().min(10).describe('The second step, in Korean.'),
      })
      .strict()
      .describe('The Korean edition of the texts above: one list for both languages.'),
  })
  .strict();

export type Exercise = z.infer<typeof ExerciseSchema>;

export const ManifestSchema = z
  .array(ExerciseSchema)
  .min(1)
  .superRefine((exercises, ctx) => {
    const seen = new Map<string, string>();
    for (const [index, { id, scenario }] of exercises.entries()) {
      for (const key of [`number ${id.slice(0, 2)}`, ...(scenario ? [`scenario "${scenario}"`] : [])]) {
        const other = seen.get(key);
        if (other) ctx.addIssue({ code: 'custom', path: [index], message: `${id} and ${other} share ${key}` });
        seen.set(key, id);
      }
    }
  });

/** Validates the manifest's parsed JSON; a broken one is one line naming the entry and the field. */
export function parseManifest(json: unknown, source = 'lab/exercises.json'): Exercise[] {
  const result = ManifestSchema.safeParse(json);
  if (result.success) return result.data;
  const issues = result.error.issues.map((issue) => {
    const [index, ...field] = issue.path;
    const entry = typeof index === 'number' && Array.isArray(json) ? describeEntry(json[index], index) : 'the list';
    return `${entry}${field.length ? ` ${field.join('.')}` : ''}: ${issue.message}`;
  });
  throw new Error(`${source} is not a valid exercise manifest: ${issues.join('; ')}`);
}

function describeEntry(entry: unknown, index: number): string {
  const id = (entry as { id?: unknown } | null)?.id;
  return typeof id === 'string' ? `"${id}"` : `entry ${index}`;
}

/** The lesson of the exercise whose code is this scenario: its slug, e.g. for "leak" exercise 07's. */
export function scenarioLesson(exercises: Exercise[], scenario: string): string {
  const exercise = exercises.find((e) => e.scenario === scenario);
  if (!exercise) throw new Error(`lab/exercises.json: no exercise has scenario "${scenario}".`);
  return exercise.lesson;
}
