/**
 * A lean gRPC server on node:http2: unary, server-streaming and
 * bidirectional-streaming methods, trailers with grpc-status, deadlines,
 * cancellation by signal, message-size limits, mTLS. It replaces
 * @grpc/grpc-js on the server side because loading grpc-js alone costs more
 * start-up time than the whole rest of the provider (see the start-up
 * benchmark); clients (Terraform's grpc-go, grpc-js in tests) are unchanged.
 *
 * A plain net.Server accepts connections; node:http2 (and with it tls) loads
 * only after the handshake line is out, and accepted sockets are handed to it.
 */
import type * as http2 from 'node:http2';
import { createServer as createNetServer } from 'node:net';
import type { AddressInfo, Server as NetServer, Socket } from 'node:net';
import type { Logger } from '../logging/logger.js';
import { frameMessage, GrpcMessageReader } from './grpc-message-reader.js';
import { encodeGrpcMessage, GrpcError, GrpcStatus, parseGrpcTimeout } from './grpc-status.js';
import type { GrpcStatusCode } from './grpc-status.js';

export interface ServerCall {
  /** Aborted when the client cancels or disconnects, the deadline passes, or the server closes. */
  readonly signal: AbortSignal;
  readonly path: string;
}

export interface MessageSink {
  write(message: Uint8Array): void;
}

export type GrpcMethod =
  | {
      readonly kind: 'unary';
      readonly handler: (request: Uint8Array, call: ServerCall) => Promise<Uint8Array>;
      /** Runs once the response has been sent and the stream closed. */
      readonly afterResponse?: () => void;
    }
  | {
      readonly kind: 'serverStream';
      readonly handler: (request: Uint8Array, out: MessageSink, call: ServerCall) => Promise<void>;
    }
  | {
      readonly kind: 'bidiStream';
      readonly handler: (input: AsyncIterable<Uint8Array>, out: MessageSink, call: ServerCall) => Promise<void>;
    };

export interface TlsOptions {
  readonly keyPem: string;
  readonly certPem: string;
  /** The only certificate (CA) a client certificate may chain to; client certificates are required. */
  readonly clientCaPem: string;
}

export interface GrpcServerOptions {
  readonly logger: Logger;
  readonly tls?: TlsOptions;
  readonly maxMessageSize: number;
}

const WINDOW_SIZE = 8 << 20;
const MAX_TIMER_MS = 2 ** 31 - 1;

export type ListenTarget = { readonly path: string } | { readonly host: string; readonly port: number };

export class GrpcServer {
  private readonly methods = new Map<string, GrpcMethod>();
  private readonly listener: NetServer;
  private http: Promise<http2.Http2Server | http2.Http2SecureServer> | undefined;
  private readonly sessions = new Set<http2.ServerHttp2Session>();
  private readonly sockets = new Set<Socket>();
  private readonly closing = new AbortController();

  constructor(private readonly options: GrpcServerOptions) {
    this.listener = createNetServer((socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
      socket.on('error', () => undefined);
      this.prepare().then(
        (server) => server.emit('connection', socket),
        () => socket.destroy(),
      );
    });
  }

  /** Loads node:http2 and builds the HTTP/2 server; called on the first connection at the latest. */
  prepare(): Promise<http2.Http2Server | http2.Http2SecureServer> {
    this.http ??= import('node:http2').then((h2) => this.createHttp2Server(h2));
    return this.http;
  }

  private createHttp2Server(h2: typeof http2): http2.Http2Server | http2.Http2SecureServer {
    const { options } = this;
    // Large flow-control windows: states and schemas of several MiB otherwise crawl in 64 KiB steps.
    const settings: http2.Settings = { maxConcurrentStreams: 1000, initialWindowSize: WINDOW_SIZE };
    let server: http2.Http2Server | http2.Http2SecureServer;
    if (options.tls !== undefined) {
      server = h2.createSecureServer({
        key: options.tls.keyPem,
        cert: options.tls.certPem,
        ca: options.tls.clientCaPem,
        requestCert: true,
        rejectUnauthorized: true,
        minVersion: 'TLSv1.2',
        ALPNProtocols: ['h2'],
        allowHTTP1: false,
        settings,
        maxSessionMemory: 64,
      });
      server.on('tlsClientError', (err: Error) => options.logger.debug('TLS handshake refused', { error: err.message }));
    } else {
      server = h2.createServer({ settings, maxSessionMemory: 64 });
    }
    server.on('session', (session: http2.ServerHttp2Session) => {
      this.sessions.add(session);
      session.setLocalWindowSize(WINDOW_SIZE);
      session.on('close', () => this.sessions.delete(session));
      session.on('error', (err: Error) => options.logger.debug('HTTP/2 session error', { error: err.message }));
    });
    server.on('stream', (stream: http2.ServerHttp2Stream, headers: http2.IncomingHttpHeaders) =>
      this.onStream(stream, headers),
    );
    return server;
  }

  /** Registers every method of a service, by method name. */
  addService(service: string, methods: Readonly<Record<string, GrpcMethod>>): void {
    for (const [name, method] of Object.entries(methods)) this.methods.set(`/${service}/${name}`, method);
  }

  listen(target: ListenTarget): Promise<AddressInfo | string> {
    // Both listeners go on every attempt: a busy TCP port is retried on the same server.
    return new Promise((resolve, reject) => {
      const onError = (err: Error) => {
        this.listener.off('listening', done);
        reject(err);
      };
      const done = () => {
        this.listener.off('error', onError);
        const addr = this.listener.address();
        if (addr === null) reject(new Error('server has no address'));
        else resolve(addr);
      };
      this.listener.once('error', onError);
      this.listener.once('listening', done);
      if ('path' in target) this.listener.listen(target.path);
      else this.listener.listen(target.port, target.host);
    });
  }

  /** Stops accepting connections, ends open streams with OK, and closes sessions (forcibly after `graceMs`). */
  close(graceMs = 1000): Promise<void> {
    this.closing.abort();
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        for (const s of this.sessions) s.destroy();
        for (const s of this.sockets) s.destroy();
      }, graceMs);
      timer.unref();
      this.listener.close(() => {
        clearTimeout(timer);
        resolve();
      });
      for (const s of this.sessions) s.close();
    });
  }

  private onStream(stream: http2.ServerHttp2Stream, headers: http2.IncomingHttpHeaders): void {
    stream.on('error', () => undefined); // resets by the client surface as 'close'
    const path = String(headers[':path'] ?? '');
    const contentType = String(headers['content-type'] ?? '');
    if (headers[':method'] !== 'POST' || !contentType.startsWith('application/grpc')) {
      if (!stream.headersSent) stream.respond({ ':status': 415 }, { endStream: true });
      return;
    }
    const method = this.methods.get(path);
    if (method === undefined) {
      finish(stream, GrpcStatus.UNIMPLEMENTED, `unknown method ${path}`);
      return;
    }

    const abort = new AbortController();
    const call: ServerCall = { signal: AbortSignal.any([abort.signal, this.closing.signal]), path };
    let ended = false;
    const deadline = deadlineTimer(parseGrpcTimeout(headers['grpc-timeout'] as string | undefined), () =>
      abort.abort(new Error('deadline exceeded')),
    );
    stream.on('close', () => {
      clearTimeout(deadline);
      if (!ended) abort.abort(new Error('call cancelled by the client'));
    });
    call.signal.addEventListener('abort', () => {
      if (!ended && !this.closing.signal.aborted) {
        ended = true;
        finish(stream, GrpcStatus.DEADLINE_EXCEEDED, 'deadline exceeded');
      }
    });

    const sink: MessageSink = {
      write: (message) => {
        if (stream.destroyed || stream.closed || ended) return;
        if (message.length > this.options.maxMessageSize) {
          throw new GrpcError(GrpcStatus.RESOURCE_EXHAUSTED, 'response message larger than max');
        }
        sendHeaders(stream);
        stream.write(frameMessage(message));
      },
    };
    const complete = (code: GrpcStatusCode, message?: string) => {
      if (ended) return;
      ended = true;
      finish(stream, code, message);
    };
    const fail = (err: unknown) => {
      if (err instanceof GrpcError) complete(err.code, err.message);
      else {
        this.options.logger.error('gRPC handler failed', { rpc: path, error: err instanceof Error ? err.message : String(err) });
        complete(GrpcStatus.INTERNAL, 'internal error');
      }
    };

    const reader = new GrpcMessageReader(this.options.maxMessageSize);
    if (method.kind === 'bidiStream') {
      const input = new MessageQueue();
      stream.on('data', (chunk: Buffer) => {
        try {
          for (const m of reader.push(chunk)) input.push(m);
        } catch (err) {
          input.end();
          fail(err);
        }
      });
      stream.on('end', () => input.end());
      stream.on('close', () => input.end());
      // A closing server ends the client's stream too, so the handler can finish with OK.
      call.signal.addEventListener('abort', () => input.end(), { once: true });
      method.handler(input, sink, call).then(() => complete(GrpcStatus.OK), fail);
      return;
    }

    const messages: Buffer[] = [];
    stream.on('data', (chunk: Buffer) => {
      if (ended) return;
      try {
        messages.push(...reader.push(chunk));
      } catch (err) {
        fail(err);
      }
    });
    stream.on('end', () => {
      if (ended) return;
      if (messages.length !== 1 || reader.hasPartialMessage) {
        complete(GrpcStatus.INTERNAL, `expected exactly one request message, got ${messages.length}`);
        return;
      }
      const request = messages[0]!;
      if (method.kind === 'serverStream') {
        method.handler(request, sink, call).then(() => complete(GrpcStatus.OK), fail);
        return;
      }
      method.handler(request, call).then((response) => {
        try {
          sink.write(response);
          complete(GrpcStatus.OK);
        } catch (err) {
          fail(err);
          return;
        }
        if (method.afterResponse) stream.once('close', method.afterResponse);
      }, fail);
    });
  }
}

/**
 * A plain timer rather than AbortSignal.timeout: inside AbortSignal.any a
 * timeout signal can be garbage-collected before it fires (nodejs/node#57736).
 * Timers hold at most 2^31-1 ms (~24.8 days); a later deadline is as good as none.
 */
function deadlineTimer(timeoutMs: number | undefined, onDeadline: () => void): NodeJS.Timeout | undefined {
  if (timeoutMs === undefined || timeoutMs > MAX_TIMER_MS) return undefined;
  return setTimeout(onDeadline, Math.max(1, Math.ceil(timeoutMs)));
}

function sendHeaders(stream: http2.ServerHttp2Stream): void {
  if (!stream.headersSent) {
    stream.respond({ ':status': 200, 'content-type': 'application/grpc' }, { waitForTrailers: true });
  }
}

/** Ends the call with a status: in trailers after a response, or as a trailers-only response. */
function finish(stream: http2.ServerHttp2Stream, code: GrpcStatusCode, message?: string): void {
  if (stream.destroyed || stream.closed) return;
  const status: http2.OutgoingHttpHeaders = { 'grpc-status': String(code) };
  if (message !== undefined && message !== '') status['grpc-message'] = encodeGrpcMessage(message);
  if (!stream.headersSent) {
    stream.respond({ ':status': 200, 'content-type': 'application/grpc', ...status }, { endStream: true });
    return;
  }
  stream.once('wantTrailers', () => {
    if (!stream.destroyed) stream.sendTrailers(status);
  });
  stream.end();
}

/** Incoming messages of a client stream as an async iterable. */
class MessageQueue implements AsyncIterable<Uint8Array> {
  private readonly items: Uint8Array[] = [];
  private waiting: (() => void) | undefined;
  private done = false;

  push(m: Uint8Array): void {
    this.items.push(m);
    this.wake();
  }

  end(): void {
    this.done = true;
    this.wake();
  }

  private wake(): void {
    const w = this.waiting;
    this.waiting = undefined;
    w?.();
  }

  async *[Symbol.asyncIterator](): AsyncIterator<Uint8Array> {
    for (;;) {
      const next = this.items.shift();
      if (next !== undefined) {
        yield next;
        continue;
      }
      if (this.done) return;
      await new Promise<void>((resolve) => (this.waiting = resolve));
    }
  }
}
