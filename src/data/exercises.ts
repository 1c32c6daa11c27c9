// The exercises each lesson ends with. Their folders are lab/exercises/NN-name/ and
// `npm run check NN` checks one. (lab/exercises.json is the lab's manifest: if a name changes
// there, change it here.)
export interface Exercise {
  id: string;
  dir: string;
  title: string;
}

export const exercises: Record<string, Exercise> = {
  '01': { id: '01', dir: '01-cache-the-bootstrap', title: 'Cache the bootstrap' },
  '02': { id: '02', dir: '02-init-phase', title: 'Init phase vs first call' },
  '03': { id: '03', dir: '03-event-mapping', title: 'Event mapping' },
  '04': { id: '04', dir: '04-request-scope', title: 'Request scope' },
  '05': { id: '05', dir: '05-the-pool', title: 'The pool' },
  '06': { id: '06', dir: '06-timeout-budget', title: 'The timeout budget' },
  '07': { id: '07', dir: '07-idempotent-retries', title: 'Idempotent retries' },
  '08': { id: '08', dir: '08-cold-path-diet', title: 'The cold path diet' },
};
