import type { Command } from 'commander';
import { loadEvent } from '../../events/index.ts';
import { doorOfEvent } from '../../front-doors/index.ts';
import { formatMap, type MapColumn } from '../../mapping-inspector/format.ts';
import { findLosses } from '../../mapping-inspector/inspect.ts';
import { mappingColumns } from '../../mapping-inspector/mapping-functions.ts';
import { observe } from '../../mapping-inspector/observe.ts';
import { platformRequest } from '../../mapping-inspector/platform.ts';
import { mountOnEcho } from '../../mapping-inspector/probes.ts';
import type { LabIO } from '../io.ts';
import type { LabContext } from '../lab-context.ts';
import { eventArgument } from '../arguments.ts';

export function registerMap(program: Command, io: LabIO, lab: LabContext): void {
  program
    .command('map')
    .description(
      'what the platform sent, what Nest saw and what the client gets, with default options and with the lab handler; each loss named by a rule',
    )
    .addArgument(eventArgument())
    .option(
      '--json',
      'one JSON object: { event, source, platform, handlers: { default, lab } }, each handler with { result, nestSaw, losses }',
    )
    .action(async (eventName: string, options: { json?: boolean }) => {
      const { event, source } = await loadEvent(eventName, io.cwd);
      const columns: MapColumn[] = [];
      for (const { handler, fn } of await mappingColumns(lab)) {
        const observation = await observe(fn, event);
        const asIs = await fn.invoke(event);
        columns.push({
          handler,
          observation,
          losses: findLosses(observation),
          result:
            asIs.status === 'ok'
              ? asIs.result
              : { status: asIs.status, errorType: asIs.errorType, errorMessage: asIs.errorMessage },
        });
      }
      const platform = platformRequest(event);
      if (!options.json) {
        io.out(formatMap(io, eventName, platform, columns, mountOnEcho(event) !== event));
        return;
      }
      const handlers = Object.fromEntries(
        columns.map((c) => [
          c.handler,
          { result: c.result, nestSaw: c.observation.request.seen ?? null, losses: c.losses },
        ]),
      );
      const { body, ...rest } = platform;
      io.out(
        JSON.stringify({
          event: eventName,
          source,
          door: doorOfEvent(event),
          platform: { ...rest, bodyLength: body === 'invalid-base64' ? null : body.length },
          handlers,
        }) + '\n',
      );
    });
}
