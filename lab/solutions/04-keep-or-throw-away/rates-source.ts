// The exchange-rate service this app calls. You don't need to edit this file.
import { setTimeout as sleep } from 'node:timers/promises';

/** One round trip to the rates service. */
const UPSTREAM_MS = 80;

export interface Rates {
  /** 1 for the environment's first fetch, 2 for its second, …: tells the check each fetch apart. */
  version: number;
  /** When the rates were fetched (Date.now()). */
  fetchedAt: number;
  /** Units of each currency per euro. */
  perEuro: Record<string, number>;
}

let fetches = 0;

/** Fetches today's rates: slow enough that a warm call should not pay for it each time. */
export async function fetchRates(): Promise<Rates> {
  await sleep(UPSTREAM_MS);
  fetches += 1;
  return { version: fetches, fetchedAt: Date.now(), perEuro: { EUR: 1, USD: 1.08, KRW: 1450 } };
}
