// The app this exercise's handler serves. You don't need to edit this file.
import { setTimeout as sleep } from 'node:timers/promises';
import type express from 'express';
import { createApp as createLabApp } from '../../app/create-app.ts';

/** Fetching the app's configuration on a cold start (a secret store round trip) takes this long. */
const CONFIG_FETCH_MS = 150;

let attempts = 0;

/**
 * Builds the lab's Nest app once its configuration has arrived. With FAIL_FIRST_BOOTSTRAP=1 the
 * first attempt in an environment fails, as a secret store that times out on a cold start would;
 * the next attempt succeeds.
 */
export async function createApp(): Promise<express.Express> {
  attempts += 1;
  await sleep(CONFIG_FETCH_MS);
  if (process.env.FAIL_FIRST_BOOTSTRAP === '1' && attempts === 1) {
    throw new Error('Could not fetch the configuration: the secret store timed out.');
  }
  return createLabApp();
}
