// serverless-express with its default options, exactly as lab/handler.ts started out (the
// "before" column of `lab conformance`). Three things get lost between the platform and Nest.
import { configure } from '@codegenie/serverless-express';
import type { Context, Handler } from 'aws-lambda';
import { createApp } from '../../app/create-app.ts';

type ProxyHandler = Handler<unknown, unknown>;

let cachedHandler: Promise<ProxyHandler> | undefined;

// TODO (binary download): the adapter base64-encodes only `image/*` bodies by default, so
// GET /files/bytes.bin (application/octet-stream) comes back as UTF-8 text, corrupted. Tell
// configure() which responses are binary: `binarySettings: { isBinary: ... }`.
export const handler = async (event: unknown, context: Context): Promise<unknown> => {
  cachedHandler ??= createApp().then((app) => configure({ app }) as ProxyHandler);
  const proxy = await cachedHandler;
  // TODO (stage path): an HTTP API on a named stage keeps the stage in rawPath
  // (`/beta/echo/stage`), so no route matches. Strip a `/<requestContext.stage>` prefix.
  // TODO (repeated cookies): REST API v1 and ALB send each Cookie line as its own entry of
  // multiValueHeaders.cookie, and the adapter joins them with "," into ONE cookie. Join them
  // with "; " first. Fix the event before the adapter reads it.
  return proxy(event, context, () => undefined);
};
