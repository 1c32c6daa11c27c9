// `--front-door` and `--gateway-timeout` for every command that answers through a door: one
// parser, one set of messages naming the valid choices (bad input: one line, exit 2).

import { InvalidArgumentError } from 'commander';
import {
  DOORS,
  doorOfEvent,
  doorsFor,
  FRONT_DOORS,
  parseDoorName,
  settingsFor,
  whyNotTimeout,
  type DoorSettings,
  type FrontDoor,
} from '../front-doors/index.ts';
import { LabUsageError } from './io.ts';

export const FRONT_DOOR_HELP = `the front door: ${FRONT_DOORS.map((d) => `${d} (${DOORS[d].label})`).join(', ')}`;

export const GATEWAY_TIMEOUT_HELP = `the door's integration timeout: REST ${range('rest')} ms (above 29000 only for regional and private APIs), HTTP API ${range('http')} ms; a Function URL and an ALB have none`;

function range(door: FrontDoor): string {
  const t = DOORS[door].timeout!;
  return `${t.minMs}-${t.maxMs}`;
}

/** Commander parser for `--front-door`. */
export function parseFrontDoor(value: string): FrontDoor {
  const door = parseDoorName(value);
  if (!door) throw new InvalidArgumentError(`expected one of ${FRONT_DOORS.join(', ')}, got "${value}".`);
  return door;
}

/** Commander parser for `--gateway-timeout`: a whole number; the door's range is checked once the door is known. */
export function parseTimeoutMs(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError(`expected a whole number of ms, got "${value}".`);
  return n;
}

const EVENT_NAMES: Record<FrontDoor, string> = {
  rest: 'a REST API (payload 1.0)',
  http: 'an HTTP API',
  url: 'a Function URL',
  alb: 'an ALB',
};

/**
 * The door settings for an event and the options: the event's own door by default, another door
 * that can carry its shape when asked, the integration timeout checked against that door's range.
 */
export function chooseDoor(event: unknown, frontDoor?: FrontDoor, gatewayTimeoutMs?: number): DoorSettings {
  const own = doorOfEvent(event);
  if (!own) throw new LabUsageError('the event is not an HTTP request: no front door can carry it');
  const door = frontDoor ?? own.door;
  const settings = settingsFor(event, door);
  if (!settings) {
    const valid = doorsFor(event);
    throw new LabUsageError(
      `${EVENT_NAMES[own.door]} event cannot go through --front-door ${door}: choose ${valid.join(' or ')}`,
    );
  }
  return withTimeout(settings, gatewayTimeoutMs);
}

/**
 * A scenario's door: the sample's by default, any other on request (a scenario builds its own
 * request for whichever door), with `--gateway-timeout` or, where the door has a clock, the
 * scenario's scaled-down default.
 */
export function scenarioDoor(
  sample: unknown,
  frontDoor: FrontDoor | undefined,
  gatewayTimeoutMs: number | undefined,
  scaledDefaultMs: number,
): DoorSettings {
  const chosen = frontDoor ? (settingsFor(sample, frontDoor) ?? { door: frontDoor }) : chooseDoor(sample);
  return withTimeout(chosen, gatewayTimeoutMs ?? (DOORS[chosen.door].timeout ? scaledDefaultMs : undefined));
}

/** A door's settings with `--gateway-timeout`, or a usage error when the door has no such range. */
export function withTimeout(settings: DoorSettings, gatewayTimeoutMs?: number): DoorSettings {
  if (gatewayTimeoutMs === undefined) return settings;
  const why = whyNotTimeout(settings.door, gatewayTimeoutMs);
  if (why) throw new LabUsageError(`--gateway-timeout: ${why}`);
  return { ...settings, integrationTimeoutMs: gatewayTimeoutMs };
}
