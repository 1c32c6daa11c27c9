// What the client receives from a handler's result: read by the front door the event came
// through, with that door's settings (lab/front-doors, the one gateway model). REST decides
// binary by binaryMediaTypes and the request's first Accept type; the others decode base64.

import { clientAnswer, type DoorSettings, type RequestView } from '../front-doors/index.ts';

export interface ClientResponse {
  statusCode: number;
  /** Lower-case name → one entry per header line the client gets. */
  headers: Record<string, string[]>;
  body: Buffer;
}

/** The function's response as its client gets it, or undefined when the door answered in its place. */
export function clientView(door: DoorSettings, result: unknown, request: RequestView = {}): ClientResponse | undefined {
  const answer = clientAnswer(door, { kind: 'returned', result }, request);
  if (answer.answeredBy === 'door') return undefined;
  return { statusCode: answer.statusCode, headers: answer.headers, body: answer.body };
}

/** Every value of a (non-Set-Cookie) header: several lines, or one line joined with commas. */
export function headerValues(response: ClientResponse, name: string): string[] {
  return (response.headers[name] ?? []).flatMap((line) => line.split(',').map((v) => v.trim()));
}
