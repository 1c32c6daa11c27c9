import { nestHandler } from '../../variants/shared/nest-handler.ts';
import { ReportModule } from './report.module.ts';

export const handler = nestHandler(ReportModule);
