// The mutants of the first half of the exercises (test/exercises/mutant-suite.ts says what a mutant is).
import { loadManifest } from '../../lab/exercises-runner/manifest.ts';
import { describeMutants } from './mutant-suite.ts';

const exercises = loadManifest();
const HALF = Math.ceil(exercises.length / 2);
describeMutants(exercises.slice(0, HALF));
