import type { ServerResponse } from 'node:http';
import { RESPONSE_ALREADY_SENT } from '@hono/node-server/utils/response';
import { eventFor, type BatonEvent } from '@baton/sdk';
import type { WorkspaceService } from './service.js';
import type { StoredEvent } from './store.js';

export interface StreamOptions {
  /** The agent the stream is for; `null` for the system, which sees every event. */
  viewerId: string | null;
  /** Resume after this event id (from `Last-Event-ID`); `null` for new events only. */
  after: number | null;
  heartbeatMs: number;
  /** Events queued for a client that does not read; past this it is cut off and resumes later. */
  backlog: number;
  signal?: AbortSignal;
}
const encoder = new TextEncoder();

/** The headers of an event stream (also the answer to a HEAD request for one). */
export const STREAM_HEADERS = {
  'content-type': 'text/event-stream; charset=utf-8',
  'cache-control': 'no-cache, no-transform',
  'x-accel-buffering': 'no',
};

const frame = (id: number, event: BatonEvent) => `id: ${id}\nevent: baton\ndata: ${JSON.stringify(event)}\n\n`;

// Every stream that may see an event sends the same bytes: they are built once per event.
const frames = new WeakMap<StoredEvent, Uint8Array>();
function encodedFrame(stored: StoredEvent): Uint8Array {
  let bytes = frames.get(stored);
  if (!bytes) frames.set(stored, (bytes = encoder.encode(frame(stored.id, stored.event))));
  return bytes;
}

/** Where a stream's bytes go: a web stream's controller, or Node's response itself. */
interface Sink {
  /** Sends the bytes; false when the client is too far behind and the stream must stop. */
  write(bytes: Uint8Array): boolean;
  /** Ends the stream; `cutOff`: drop what is still queued, the client resumes with Last-Event-ID. */
  end(cutOff: boolean): void;
}

/**
 * Feeds a sink the events a viewer may see. Replay and subscription happen in the same turn
 * of the event loop as every command, so nothing falls between them. Returns `stop`.
 */
function feed(service: WorkspaceService, options: StreamOptions, sink: Sink): () => void {
  const { viewerId } = options;
  let closed = false;
  const write = (chunk: string | Uint8Array) => {
    if (closed) return;
    if (!sink.write(typeof chunk === 'string' ? encoder.encode(chunk) : chunk)) stop(true);
  };
  const send = (stored: StoredEvent) => {
    const shown = viewerId === null ? stored.event : eventFor(service.state, viewerId, stored.event);
    // Most viewers get the event as it is, serialized once for all; a few get a part of it.
    if (shown === stored.event) write(encodedFrame(stored));
    else if (shown) write(frame(stored.id, shown));
  };
  // The first bytes flush the headers, so the client knows the stream is open.
  write(`retry: 1000\n: stream for ${viewerId ?? 'system'}\n\n`);
  if (options.after !== null) {
    const missed = service.eventsAfter(options.after);
    // Too old to replay (or from another server): the client must reload everything.
    if (missed === null || options.after > service.lastEventId) write(frame(service.lastEventId, { type: 'reset' }));
    else missed.forEach(send);
  }
  // An id without data moves the client's position past events it may not see.
  write(`id: ${service.lastEventId}\n\n`);
  const unlisten = service.listen(send);
  const heartbeat = setInterval(() => write(': heartbeat\n\n'), options.heartbeatMs);
  heartbeat.unref?.();
  const stop = (cutOff = false) => {
    if (closed) return;
    closed = true;
    unlisten();
    clearInterval(heartbeat);
    options.signal?.removeEventListener('abort', onAbort);
    sink.end(cutOff);
  };
  const onAbort = () => stop();
  options.signal?.addEventListener('abort', onAbort);
  return () => stop();
}

/** A server-sent event stream of the events a viewer may see, as a web Response. */
export function eventStream(service: WorkspaceService, options: StreamOptions): Response {
  let stop = () => {};
  const stream = new ReadableStream<Uint8Array>(
    {
      start(controller) {
        stop = feed(service, options, {
          write(bytes) {
            if ((controller.desiredSize ?? 0) < -options.backlog) return false;
            controller.enqueue(bytes);
            return true;
          },
          end(cutOff) {
            try {
              // An error discards the queued chunks; a close would keep them until read.
              if (cutOff) controller.error(new Error('The client fell too far behind; resume with Last-Event-ID.'));
              else controller.close();
            } catch {
              // Already closed by the reader going away.
            }
          },
        });
      },
      cancel() {
        stop();
      },
    },
    { highWaterMark: 64 },
  );
  return new Response(stream, { status: 200, headers: STREAM_HEADERS });
}

/**
 * The same stream written straight to Node's response, for a server run by @hono/node-server:
 * a web stream would add a read, a promise and a copy per event per client.
 */
export function nodeEventStream(service: WorkspaceService, options: Omit<StreamOptions, 'signal'>, response: ServerResponse): Response {
  response.writeHead(200, STREAM_HEADERS);
  // Writes made while the socket's buffer is full: the events this client is behind by.
  let behind = 0;
  response.on('drain', () => (behind = 0));
  const stop = feed(service, options, {
    write(bytes) {
      if (response.writableNeedDrain && ++behind > options.backlog) return false;
      response.write(bytes);
      return true;
    },
    end(cutOff) {
      // Ending would keep the buffered events until a client that does not read reads them.
      if (cutOff) response.destroy();
      else response.end();
    },
  });
  response.once('close', stop);
  return RESPONSE_ALREADY_SENT;
}
