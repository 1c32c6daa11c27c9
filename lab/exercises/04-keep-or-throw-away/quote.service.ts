import { BadRequestException, Injectable } from '@nestjs/common';
import { fetchRates } from './rates-source.ts';

/** How long fetched rates may be used: RATES_TTL_MS, a minute unless set. */
const TTL_MS = Number(process.env.RATES_TTL_MS ?? 60_000);

@Injectable()
export class QuoteService {
  // TODO: a provider is a singleton: its fields live as long as the environment. Which of the
  // two things below belongs there, and which must end with the call? And how does a warm
  // environment, frozen between calls, know its rates are older than TTL_MS?
  private currency = 'EUR';

  async quote(amount: number, currency: string | undefined) {
    if (currency) this.currency = currency;
    const rates = await fetchRates();
    const rate = rates.perEuro[this.currency];
    if (rate === undefined) throw new BadRequestException(`No rate for ${this.currency}.`);
    return {
      amount,
      currency: this.currency,
      converted: Math.round(amount * rate * 100) / 100,
      ratesVersion: rates.version,
      ratesAgeMs: Date.now() - rates.fetchedAt,
      ratesValidForMs: TTL_MS,
    };
  }
}
