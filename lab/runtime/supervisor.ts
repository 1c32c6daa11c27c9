/**
 * The main thread of a Lambda Managed Instances environment (Node.js). Sources, AWS docs:
 * lambda-managed-instances-nodejs-runtime.html ("worker threads with async/await-based execution
 * … Function initialization occurs once per worker thread … Each concurrent request handled by
 * the same worker thread shares the same handler object and global state") and
 * lambda-managed-instances-execution-environment.html (init is complete once "at least one runtime
 * worker" is ready; "If a runtime worker crashes, the execution environment continues operating
 * with the remaining healthy workers"). The runtime interface client's own multi-concurrency code
 * is newer than the lab's stored copy of it (v3.3.0, August 2025), so the docs are followed.
 *
 * Each worker runs container-main's runtime (serve()); this thread only starts them, hands each
 * invoke to the worker with the fewest requests in flight, and relays every message to the host.
 */
import { Worker } from 'node:worker_threads';
import type { ContainerMessage, HostMessage, InvokeMessage, ResultMessage } from './messages.ts';

interface Slot {
  worker: Worker;
  threadId: number;
  ready: boolean;
  alive: boolean;
  inFlight: Set<string>;
}

function send(message: ContainerMessage): void {
  process.send?.(message);
}

function peakRssMb(): number {
  return Math.ceil(process.resourceUsage().maxRSS / 1024);
}

export function supervise(count: number, script: URL, argv: string[]): void {
  const slots: Slot[] = [];
  let readySent = false;
  let firstInitError: ContainerMessage | undefined;

  const alive = () => slots.filter((s) => s.alive);
  const reportWorkers = () =>
    send({ type: 'workers', alive: alive().length, ready: slots.filter((s) => s.alive && s.ready).length });

  for (let i = 0; i < count; i++) {
    // Worker threads get a copy of the environment: _X_AMZN_TRACE_ID set by one request in one
    // worker is that worker's, as each worker is a runtime of its own.
    const worker = new Worker(script, { argv: [...argv, '0'] });
    const slot: Slot = { worker, threadId: worker.threadId, ready: false, alive: true, inFlight: new Set() };
    slots.push(slot);
    worker.on('message', (message: ContainerMessage) => {
      if (message.type === 'ready') {
        slot.ready = true;
        // Init is complete when the first worker is ready; later workers still print their init lines.
        if (!readySent) {
          readySent = true;
          send(message);
        }
        reportWorkers();
      } else if (message.type === 'init-error') {
        firstInitError ??= message;
      } else {
        if (message.type === 'result') slot.inFlight.delete(message.requestId);
        send(message);
      }
    });
    worker.on('error', () => {
      // The worker's own crash handler already answered its requests; 'exit' follows.
    });
    worker.on('exit', (code) => {
      slot.alive = false;
      // Requests the worker took down with it without answering (process.exit in the handler).
      for (const requestId of slot.inFlight) {
        send(workerExited(requestId, slot.threadId, code));
      }
      slot.inFlight.clear();
      if (alive().length === 0) {
        reportWorkers(); // the host stops placing calls here at once
        // No worker left: the environment is gone, as a process whose runtime exited. The last
        // message goes out before the exit.
        const last = !readySent && firstInitError ? firstInitError : { type: 'memory' as const, maxRssMb: peakRssMb() };
        process.send?.(last, undefined, {}, () => process.exit(code || 1));
        setTimeout(() => process.exit(code || 1), 200).unref();
        return;
      }
      reportWorkers();
    });
  }

  process.on('message', (message: HostMessage) => {
    if (message.type !== 'invoke') return;
    const slot = pick(slots);
    if (!slot) {
      send(workerExited(message.requestId, 0, 1));
      return;
    }
    slot.inFlight.add(message.requestId);
    slot.worker.postMessage(message satisfies InvokeMessage);
  });
  process.on('disconnect', () => process.exit(0));
  send({ type: 'workers', alive: count, ready: 0 });
}

/** The ready worker with the fewest requests in flight (a synchronous handler holds its worker). */
function pick(slots: Slot[]): Slot | undefined {
  let best: Slot | undefined;
  for (const slot of slots) {
    if (!slot.alive || !slot.ready) continue;
    if (!best || slot.inFlight.size < best.inFlight.size) best = slot;
  }
  return best;
}

function workerExited(requestId: string, threadId: number, code: number): ResultMessage {
  return {
    type: 'result',
    requestId,
    status: 'error',
    errorType: 'Runtime.ExitError',
    errorMessage: `Runtime exited with error: exit status ${code || 1}`,
    fatal: true,
    spans: [],
    maxRssMb: peakRssMb(),
    worker: threadId,
  };
}
