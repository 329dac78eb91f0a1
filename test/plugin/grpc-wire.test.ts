import { frameMessage, GrpcMessageReader } from '../../src/plugin/grpc-message-reader.js';
import { encodeGrpcMessage, GrpcStatus, parseGrpcTimeout } from '../../src/plugin/grpc-status.js';
import { decodeFields, encodeFields, messageField, numberField, stringField } from '../../src/plugin/proto-wire.js';

describe('gRPC message framing', () => {
  test('messages split across arbitrary chunk boundaries come out whole', () => {
    const a = Buffer.from('first message');
    const b = Buffer.alloc(70_000, 7);
    const stream = Buffer.concat([frameMessage(a), frameMessage(b), frameMessage(Buffer.alloc(0))]);
    for (const size of [1, 3, 5, 1000, stream.length]) {
      const reader = new GrpcMessageReader(1 << 20);
      const out: Buffer[] = [];
      for (let i = 0; i < stream.length; i += size) out.push(...reader.push(stream.subarray(i, i + size)));
      expect(out.map((m) => m.length)).toEqual([a.length, b.length, 0]);
      expect(out[0]!.equals(a)).toBe(true);
      expect(out[1]!.equals(b)).toBe(true);
      expect(reader.hasPartialMessage).toBe(false);
    }
  });

  test('oversized and compressed messages are refused with the right status', () => {
    expect(() => new GrpcMessageReader(10).push(frameMessage(Buffer.alloc(11)))).toThrow(
      expect.objectContaining({ code: GrpcStatus.RESOURCE_EXHAUSTED }),
    );
    const compressed = frameMessage(Buffer.from('x'));
    compressed[0] = 1;
    expect(() => new GrpcMessageReader(10).push(compressed)).toThrow(expect.objectContaining({ code: GrpcStatus.UNIMPLEMENTED }));
  });

  test('grpc-message is percent-encoded and grpc-timeout parsed', () => {
    expect(encodeGrpcMessage('ok 100% done\n✓')).toBe('ok 100%25 done%0A%E2%9C%93');
    expect(parseGrpcTimeout('250m')).toBe(250);
    expect(parseGrpcTimeout('3S')).toBe(3000);
    expect(parseGrpcTimeout('1H')).toBe(3_600_000);
    expect(parseGrpcTimeout('bad')).toBeUndefined();
    expect(parseGrpcTimeout(undefined)).toBeUndefined();
  });
});

describe('protobuf wire subset', () => {
  test('round-trips varints, strings and nested messages; skips zero values like proto3', () => {
    const bytes = encodeFields([
      [1, 300],
      [2, 'unix'],
      [3, ''],
      [4, encodeFields([[1, true], [3, 'no']])],
      [5, 0],
    ]);
    const fields = decodeFields(bytes);
    expect(numberField(fields, 1)).toBe(300);
    expect(stringField(fields, 2)).toBe('unix');
    expect(stringField(fields, 3)).toBe('');
    expect(numberField(messageField(fields, 4)!, 1)).toBe(1);
    expect(stringField(messageField(fields, 4)!, 3)).toBe('no');
    expect(fields.map((f) => f.field)).toEqual([1, 2, 4]);
  });

  test('health response SERVING is the bytes 08 01', () => {
    expect(encodeFields([[1, 1]])).toEqual(Buffer.from([0x08, 0x01]));
  });

  test('truncated input is an error, not a hang', () => {
    expect(() => decodeFields(Buffer.from([0x12, 0x05, 0x61]))).toThrow('truncated');
  });
});
