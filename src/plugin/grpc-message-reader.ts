/**
 * Splits an HTTP/2 request body into gRPC length-prefixed messages
 * (1 byte compressed flag, 4 bytes big-endian length, payload), across
 * arbitrary chunk boundaries.
 */
import { GrpcError, GrpcStatus } from './grpc-status.js';

export class GrpcMessageReader {
  private buffered: Buffer = Buffer.alloc(0);

  constructor(private readonly maxMessageSize: number) {}

  /** Feeds a chunk; returns the messages it completed. */
  push(chunk: Buffer): Buffer[] {
    this.buffered = this.buffered.length === 0 ? chunk : Buffer.concat([this.buffered, chunk]);
    const out: Buffer[] = [];
    while (this.buffered.length >= 5) {
      const compressed = this.buffered[0]!;
      const length = this.buffered.readUInt32BE(1);
      if (compressed !== 0) throw new GrpcError(GrpcStatus.UNIMPLEMENTED, 'compressed messages are not supported');
      if (length > this.maxMessageSize) {
        throw new GrpcError(
          GrpcStatus.RESOURCE_EXHAUSTED,
          `received message larger than max (${length} vs. ${this.maxMessageSize})`,
        );
      }
      if (this.buffered.length < 5 + length) break;
      out.push(this.buffered.subarray(5, 5 + length));
      this.buffered = this.buffered.subarray(5 + length);
    }
    return out;
  }

  /** True when a message was started but not completed. */
  get hasPartialMessage(): boolean {
    return this.buffered.length > 0;
  }
}

export function frameMessage(message: Uint8Array): Buffer {
  const frame = Buffer.allocUnsafe(5 + message.length);
  frame[0] = 0;
  frame.writeUInt32BE(message.length, 1);
  frame.set(message, 5);
  return frame;
}
