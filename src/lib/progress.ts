// The learner's exercise progress in the page: `onProgress(show)` calls `show` with every
// exercise's status as soon as the lab sent it (at once if it already did) and again on every
// change. It rides the page's one lab connection (lab-connection.ts) and opens it if no other
// component has; without the launch token (a static copy of the site) it never calls `show`.
import type { ExerciseStatus } from '../../lab/server/protocol.ts';
import { labConnection } from './lab-connection.ts';

export type { ExerciseStatus };

export function onProgress(show: (exercises: ExerciseStatus[]) => void): void {
  const connection = labConnection();
  window.addEventListener('lab:progress', (event) => show((event as CustomEvent<ExerciseStatus[]>).detail));
  if (connection.progress) show(connection.progress);
  connection.connect();
}
