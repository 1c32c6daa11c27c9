import { BadRequestException, Injectable } from '@nestjs/common';
import { fetchRates, type Rates } from './rates-source.ts';

/** How long fetched rates may be used: RATES_TTL_MS, a minute unless set. */
const TTL_MS = Number(process.env.RATES_TTL_MS ?? 60_000);

// Module scope is the warm column too: it lives as long as the environment.
let cached: { rates: Rates; expiresAt: number } | undefined;

async function ratesNow(): Promise<Rates> {
  if (cached && Date.now() < cached.expiresAt) return cached.rates;
  const rates = await fetchRates();
  cached = { rates, expiresAt: rates.fetchedAt + TTL_MS };
  return rates;
}

@Injectable()
export class QuoteService {
  async quote(amount: number, currency = 'EUR') {
    const rates = await ratesNow();
    const rate = rates.perEuro[currency];
    if (rate === undefined) throw new BadRequestException(`No rate for ${currency}.`);
    return {
      amount,
      currency,
      converted: Math.round(amount * rate * 100) / 100,
      ratesVersion: rates.version,
      ratesAgeMs: Date.now() - rates.fetchedAt,
      ratesValidForMs: TTL_MS,
    };
  }
}
