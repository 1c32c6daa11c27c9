import { BadRequestException, Injectable } from '@nestjs/common';
import { fetchRates, type Rates } from './rates-source.ts';

/** How long fetched rates may be used: RATES_TTL_MS, a minute unless set. */
const TTL_MS = Number(process.env.RATES_TTL_MS ?? 60_000);

@Injectable()
export class QuoteService {
  // The promise is kept, with the time its fetch started: calls that overlap share one fetch.
  private pending: { rates: Promise<Rates>; startedAt: number } | undefined;

  async quote(amount: number, currency: string | undefined) {
    const wanted = currency ?? 'EUR';
    if (!this.pending || wallClockAge(this.pending.startedAt) >= TTL_MS) {
      this.pending = { rates: fetchRates(), startedAt: Date.now() };
      this.pending.rates.catch(() => (this.pending = undefined));
    }
    const rates = await this.pending.rates;
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
}

/** Wall-clock age: it keeps counting while the environment is frozen. */
function wallClockAge(since: number): number {
  return Date.now() - since;
}
