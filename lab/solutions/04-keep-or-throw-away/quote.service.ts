import { BadRequestException, Injectable } from '@nestjs/common';
import { fetchRates, type Rates } from './rates-source.ts';

/** How long fetched rates may be used: RATES_TTL_MS, a minute unless set. */
const TTL_MS = Number(process.env.RATES_TTL_MS ?? 60_000);

@Injectable()
export class QuoteService {
  // Warm column: a provider is a singleton, so these rates serve every call the environment
  // takes. They *may* survive, so they carry the time they were fetched, and their age is read
  // from the clock at each use: an environment frozen between calls runs no timer meanwhile.
  private rates: Rates | undefined;

  async quote(amount: number, currency: string | undefined) {
    // Request only: the caller's currency is an argument, gone when the call returns.
    const wanted = currency ?? 'EUR';
    const rates = await this.currentRates();
    const rate = rates.perEuro[wanted];
    if (rate === undefined) throw new BadRequestException(`No rate for ${wanted}.`);
    return {
      amount,
      currency: wanted,
      converted: Math.round(amount * rate * 100) / 100,
      ratesVersion: rates.version,
      ratesAgeMs: Date.now() - rates.fetchedAt,
      ratesValidForMs: TTL_MS,
    };
  }

  private async currentRates(): Promise<Rates> {
    if (!this.rates || Date.now() - this.rates.fetchedAt >= TTL_MS) this.rates = await fetchRates();
    return this.rates;
  }
}
