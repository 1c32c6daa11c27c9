import { nestHandler } from '../../shared/nest-handler.ts';
import { ReportModule } from './report.module.ts';

export const handler = nestHandler(ReportModule);
