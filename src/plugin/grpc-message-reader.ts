/**
 * Splits an HTTP/2 request body into gRPC length-prefixed messages
 * (1 byte compressed flag, 4 bytes big-endian length, payload), across
 * arbitrary chunk boundaries. Chunks are joined once per message, not once
 * per chunk, so multi-MiB messages cost linear time.
 */
import { GrpcError, GrpcStatus } from './grpc-status.js';

export class GrpcMessageReader {
  private chunks: Buffer[] = [];
  private length = 0;

  constructor(private readonly maxMessageSize: number) {}

  /** Feeds a chunk; returns the messages it completed. */
  push(chunk: Buffer): Buffer[] {
    this.chunks.push(chunk);
    this.length += chunk.length;
    const out: Buffer[] = [];
    while (this.length >= 5) {
      const header = this.peek(5);
      const messageLength = header.readUInt32BE(1);
      if (header[0] !== 0) throw new GrpcError(GrpcStatus.UNIMPLEMENTED, 'compressed messages are not supported');
      if (messageLength > this.maxMessageSize) {
        throw new GrpcError(
          GrpcStatus.RESOURCE_EXHAUSTED,
          `received message larger than max (${messageLength} vs. ${this.maxMessageSize})`,
        );
      }
      if (this.length < 5 + messageLength) break;
      const all = this.chunks.length === 1 ? this.chunks[0]! : Buffer.concat(this.chunks, this.length);
      out.push(all.subarray(5, 5 + messageLength));
      const rest = all.subarray(5 + messageLength);
      this.chunks = rest.length > 0 ? [rest] : [];
      this.length = rest.length;
    }
    return out;
  }

  /** True when a message was started but not completed. */
  get hasPartialMessage(): boolean {
    return this.length > 0;
  }

  private peek(n: number): Buffer {
    if (this.chunks[0]!.length < n) this.chunks = [Buffer.concat(this.chunks, this.length)];
    return this.chunks[0]!.subarray(0, n);
  }
}

export function frameMessage(message: Uint8Array): Buffer {
  const frame = Buffer.allocUnsafe(5 + message.length);
  frame[0] = 0;
  frame.writeUInt32BE(message.length, 1);
  frame.set(message, 5);
  return frame;
}
