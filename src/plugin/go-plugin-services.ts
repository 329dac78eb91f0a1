/**
 * The services a go-plugin host expects next to the provider: health
 * ("plugin" and "" are SERVING), GRPCController.Shutdown, GRPCStdio (mirrors
 * anything written to stdout after the handshake) and a minimal GRPCBroker
 * (this plugin never brokers extra connections; knocks are refused).
 */
import type { GrpcMethod, MessageSink } from './grpc-server.js';
import { GrpcError, GrpcStatus } from './grpc-status.js';
import { decodeFields, encodeFields, messageField, numberField, stringField } from './proto-wire.js';

const EMPTY = Buffer.alloc(0);

/** grpc.health.v1.HealthCheckResponse.ServingStatus */
const SERVING = 1;

/** plugin.StdioData.Channel */
export const StdioChannel = { STDOUT: 1, STDERR: 2 } as const;

const HEALTHY_SERVICES = new Set(['', 'plugin']);

function healthStatus(request: Uint8Array): Buffer {
  const service = stringField(decodeFields(request), 1);
  if (!HEALTHY_SERVICES.has(service)) throw new GrpcError(GrpcStatus.NOT_FOUND, `unknown service ${service}`);
  return encodeFields([[1, SERVING]]);
}

export function healthService(): Record<string, GrpcMethod> {
  return {
    Check: { kind: 'unary', handler: async (req) => healthStatus(req) },
    Watch: {
      kind: 'serverStream',
      handler: async (req, out, call) => {
        out.write(healthStatus(req));
        await untilAborted(call.signal);
      },
    },
  };
}

export function controllerService(onShutdown: () => void): Record<string, GrpcMethod> {
  return { Shutdown: { kind: 'unary', handler: async () => EMPTY, afterResponse: onShutdown } };
}

/** Fan-out of stdout data to every open StreamStdio call. */
export class StdioMirror {
  private readonly sinks = new Set<MessageSink>();

  write(channel: number, data: Uint8Array): void {
    if (data.length === 0) return;
    const message = encodeFields([
      [1, channel],
      [2, Buffer.from(data)],
    ]);
    for (const sink of this.sinks) {
      try {
        sink.write(message);
      } catch {
        this.sinks.delete(sink);
      }
    }
  }

  service(): Record<string, GrpcMethod> {
    return {
      StreamStdio: {
        kind: 'serverStream',
        handler: async (_req, out, call) => {
          this.sinks.add(out);
          try {
            await untilAborted(call.signal);
          } finally {
            this.sinks.delete(out);
          }
        },
      },
    };
  }
}

export function brokerService(): Record<string, GrpcMethod> {
  return {
    StartStream: {
      kind: 'bidiStream',
      handler: async (input, out) => {
        for await (const message of input) {
          const info = decodeFields(message);
          const knock = messageField(info, 4);
          if (knock === undefined || numberField(knock, 1) === 0) continue;
          out.write(
            encodeFields([
              [1, numberField(info, 1)],
              [4, encodeFields([[3, 'this plugin does not broker connections']])],
            ]),
          );
        }
      },
    },
  };
}

function untilAborted(signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.resolve();
  return new Promise((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
}
