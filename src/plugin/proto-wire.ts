/**
 * Just enough protobuf wire format for go-plugin's and grpc health's tiny
 * messages (Empty, StdioData, ConnInfo, HealthCheck*), so serving them needs
 * no protobuf runtime. Field numbers follow proto/grpc_*.proto and
 * proto/grpc/health/v1/health.proto.
 */

export type WireValue = number | Buffer;

export interface WireField {
  readonly field: number;
  readonly value: WireValue;
}

function varint(n: number): number[] {
  const out: number[] = [];
  let v = n;
  while (v > 0x7f) {
    out.push((v % 128) | 0x80);
    v = Math.floor(v / 128);
  }
  out.push(v);
  return out;
}

/** Encodes fields in order; numbers as varints, buffers as length-delimited; proto3 zero values are skipped. */
export function encodeFields(fields: readonly (readonly [number, number | boolean | string | Buffer | undefined])[]): Buffer {
  const parts: Buffer[] = [];
  for (const [field, raw] of fields) {
    if (raw === undefined || raw === false || raw === 0 || raw === '') continue;
    if (typeof raw === 'number' || typeof raw === 'boolean') {
      parts.push(Buffer.from([...varint(field << 3), ...varint(raw === true ? 1 : Number(raw))]));
    } else {
      const bytes = typeof raw === 'string' ? Buffer.from(raw, 'utf8') : raw;
      parts.push(Buffer.from([...varint((field << 3) | 2), ...varint(bytes.length)]), bytes);
    }
  }
  return Buffer.concat(parts);
}

export class WireFormatError extends Error {
  override readonly name = 'WireFormatError';
}

/** Decodes the top level of a message; fixed-width fields are skipped (none of these messages use them). */
export function decodeFields(buf: Uint8Array): WireField[] {
  const bytes = Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength);
  const fields: WireField[] = [];
  let pos = 0;
  const readVarint = (): number => {
    let result = 0;
    let scale = 1;
    for (;;) {
      if (pos >= bytes.length) throw new WireFormatError('truncated varint');
      const b = bytes[pos++]!;
      result += (b & 0x7f) * scale;
      if ((b & 0x80) === 0) return result;
      scale *= 128;
      if (scale > 2 ** 63) throw new WireFormatError('varint too long');
    }
  };
  while (pos < bytes.length) {
    const key = readVarint();
    const field = Math.floor(key / 8);
    switch (key & 7) {
      case 0:
        fields.push({ field, value: readVarint() });
        break;
      case 1:
        pos += 8;
        break;
      case 2: {
        const len = readVarint();
        if (pos + len > bytes.length) throw new WireFormatError('truncated field');
        fields.push({ field, value: bytes.subarray(pos, pos + len) });
        pos += len;
        break;
      }
      case 5:
        pos += 4;
        break;
      default:
        throw new WireFormatError(`unsupported wire type ${key & 7}`);
    }
  }
  return fields;
}

export function stringField(fields: readonly WireField[], field: number): string {
  const f = fields.findLast((x) => x.field === field);
  return f !== undefined && Buffer.isBuffer(f.value) ? f.value.toString('utf8') : '';
}

export function numberField(fields: readonly WireField[], field: number): number {
  const f = fields.findLast((x) => x.field === field);
  return f !== undefined && typeof f.value === 'number' ? f.value : 0;
}

export function messageField(fields: readonly WireField[], field: number): WireField[] | undefined {
  const f = fields.findLast((x) => x.field === field);
  return f !== undefined && Buffer.isBuffer(f.value) ? decodeFields(f.value) : undefined;
}
