// The ground truth: the learner's Nest app served directly on 127.0.0.1 (nest-probe/direct-main.ts),
// and one HTTP request sent to it exactly as the client sent it through a front door.

import { fork } from 'node:child_process';
import { request as httpRequest } from 'node:http';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { queryString, type ClientRequest } from './doors.ts';
import type { VerifyTarget } from './environment.ts';
import { readRecords } from './environment.ts';
import { nestProbeScripts } from './nest-probe/build.ts';
import { PROBE_ENV, type AppRoute, type DirectMessage, type ProbeRecord } from './nest-probe/records.ts';

export interface DirectResponse {
  statusCode: number;
  /** Lower-case name → one entry per header line. */
  headers: Record<string, string[]>;
  body: Buffer;
}

export interface DirectApp {
  routes: AppRoute[];
  send(request: ClientRequest): Promise<DirectResponse>;
  records(): Promise<ProbeRecord[]>;
  close(): Promise<void>;
}

export class DirectAppError extends Error {
  override name = 'DirectAppError';
  readonly reason: Extract<DirectMessage, { type: 'failed' }>['reason'] | 'exited' | 'slow';
  constructor(reason: DirectAppError['reason'], message: string) {
    super(message);
    this.reason = reason;
  }
}

/** Starts the app on loopback, or rejects with a DirectAppError that says why it could not. */
export async function startDirectApp(target: VerifyTarget, timeoutMs = 60_000): Promise<DirectApp> {
  const { preloadUrl, directMain } = await nestProbeScripts();
  const dir = await mkdtemp(join(tmpdir(), 'lab-verify-direct-'));
  const recordsFile = join(dir, 'records.jsonl');
  const child = fork(directMain, [target.modulePath, target.exportName], {
    cwd: dirname(target.modulePath),
    env: {
      PATH: process.env.PATH ?? '/usr/bin:/bin',
      NODE_ENV: 'production',
      NO_COLOR: '1',
      ...target.environment,
      NODE_OPTIONS: `--import=${preloadUrl}`,
      [PROBE_ENV.records]: recordsFile,
    },
    // The app's own log lines are not the verification's output.
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString('utf8')).slice(-4000)));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGKILL');
      await exited;
    }
    await rm(dir, { recursive: true, force: true });
  };
  const ready = await new Promise<Extract<DirectMessage, { type: 'ready' }>>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new DirectAppError('slow', `the app did not start on 127.0.0.1 within ${timeoutMs / 1000} s`)),
      timeoutMs,
    );
    child.once('message', (message: DirectMessage) => {
      clearTimeout(timer);
      if (message.type === 'ready') resolve(message);
      else reject(new DirectAppError(message.reason, message.message));
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      const last = stderr.trim().split('\n').filter(Boolean).at(-1);
      reject(new DirectAppError('exited', `it exited (${signal ?? code})${last ? `: ${last}` : ''}`));
    });
  }).catch(async (error: unknown) => {
    await stop();
    throw error;
  });
  return {
    routes: ready.routes,
    send: (request) => send(ready.port, request),
    records: () => readRecords(recordsFile),
    close: stop,
  };
}

function send(port: number, request: ClientRequest): Promise<DirectResponse> {
  const query = queryString(request.query);
  const headers: Array<[string, string]> = [
    // Raw header pairs get no implicit Host, and an HTTP/1.1 server refuses a request without one.
    ['host', `127.0.0.1:${port}`],
    ...request.headers,
    ...request.cookieLines.map((line): [string, string] => ['cookie', line]),
  ];
  return new Promise((resolve, reject) => {
    const req = httpRequest({
      host: '127.0.0.1',
      port,
      method: request.method,
      path: `${request.path}${query ? `?${query}` : ''}`,
      // Raw pairs: each header line goes out as its own line, as the client sent it.
      headers: headers.flat(),
      agent: false,
      timeout: 30_000,
    });
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        const lines: Record<string, string[]> = {};
        for (let i = 0; i < res.rawHeaders.length; i += 2) {
          (lines[res.rawHeaders[i]!.toLowerCase()] ??= []).push(res.rawHeaders[i + 1]!);
        }
        resolve({ statusCode: res.statusCode ?? 0, headers: lines, body: Buffer.concat(chunks) });
      });
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error('the app did not answer within 30 s')));
    req.on('error', (error) => reject(new Error(`${request.method} ${request.path}: ${error.message}`)));
    req.end(request.body);
  });
}
