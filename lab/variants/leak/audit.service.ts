import { Injectable } from '@nestjs/common';
import { setTimeout as sleep } from 'node:timers/promises';
import { logJson } from '../shared/log.ts';

/** How long the audit service takes to answer: another network hop away. */
export const AUDIT_LATENCY_MS = 400;

@Injectable()
export class AuditService {
  /** Records that `user` was seen by the request `forRequest` (the audit trail is a log line here). */
  async recordVisit(user: string, forRequest: string): Promise<void> {
    await sleep(AUDIT_LATENCY_MS);
    logJson('info', 'audit: visit recorded', { user, forRequest });
  }
}
