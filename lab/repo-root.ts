import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The checkout this code runs from: every path the lab writes (.lab/, dist/) or reads (lab/, content/) hangs off it. */
export const REPO_ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));
