/**
 * A minimal msgpack writer producing the same bytes as go-cty's encoder
 * (vmihailenco/msgpack with compact ints): smallest int format, float64
 * always, str8/16/32, bin8/16/32, fixext/ext8/16/32.
 */
import type { NumberWireForm } from './number.js';

export class MsgpackWriter {
  // Buffer (not Uint8Array) for its native UTF-8 write; allocUnsafe skips zero-filling.
  private buf = Buffer.allocUnsafe(1024);
  private view = new DataView(this.buf.buffer, this.buf.byteOffset, this.buf.byteLength);
  private len = 0;

  /** The bytes written so far, as an independent copy. */
  bytes(): Uint8Array {
    return Uint8Array.prototype.slice.call(this.buf, 0, this.len);
  }

  nil(): void {
    this.byte(0xc0);
  }

  bool(b: boolean): void {
    this.byte(b ? 0xc3 : 0xc2);
  }

  int(n: bigint): void {
    if (n >= 0n) {
      if (n < 0x80n) return this.byte(Number(n));
      if (n <= 0xffn) return this.head8(0xcc, Number(n));
      if (n <= 0xffffn) return this.head16(0xcd, Number(n));
      if (n <= 0xffffffffn) return this.head32(0xce, Number(n));
      this.ensure(9);
      this.buf[this.len] = 0xcf;
      this.view.setBigUint64(this.len + 1, n);
      this.len += 9;
      return;
    }
    if (n >= -32n) return this.byte(Number(n) & 0xff);
    this.ensure(9);
    if (n >= -0x80n) {
      this.buf[this.len] = 0xd0;
      this.view.setInt8(this.len + 1, Number(n));
      this.len += 2;
    } else if (n >= -0x8000n) {
      this.buf[this.len] = 0xd1;
      this.view.setInt16(this.len + 1, Number(n));
      this.len += 3;
    } else if (n >= -0x80000000n) {
      this.buf[this.len] = 0xd2;
      this.view.setInt32(this.len + 1, Number(n));
      this.len += 5;
    } else {
      this.buf[this.len] = 0xd3;
      this.view.setBigInt64(this.len + 1, n);
      this.len += 9;
    }
  }

  float64(x: number): void {
    this.ensure(9);
    this.buf[this.len] = 0xcb;
    this.view.setFloat64(this.len + 1, x);
    this.len += 9;
  }

  /** A number in the form go-cty chose for it (see numberWireForm). */
  number(form: NumberWireForm): void {
    if (form.kind === 'int') this.int(form.value);
    else if (form.kind === 'float') this.float64(form.value);
    else this.str(form.value);
  }

  str(s: string): void {
    const n = Buffer.byteLength(s, 'utf8');
    if (n < 32) this.byte(0xa0 | n);
    else if (n <= 0xff) this.head8(0xd9, n);
    else if (n <= 0xffff) this.head16(0xda, n);
    else this.head32(0xdb, n);
    this.ensure(n);
    this.len += this.buf.write(s, this.len, n, 'utf8');
  }

  bin(data: Uint8Array): void {
    const n = data.length;
    if (n <= 0xff) this.head8(0xc4, n);
    else if (n <= 0xffff) this.head16(0xc5, n);
    else this.head32(0xc6, n);
    this.raw(data);
  }

  arrayHeader(n: number): void {
    if (n < 16) this.byte(0x90 | n);
    else if (n <= 0xffff) this.head16(0xdc, n);
    else this.head32(0xdd, n);
  }

  mapHeader(n: number): void {
    if (n < 16) this.byte(0x80 | n);
    else if (n <= 0xffff) this.head16(0xde, n);
    else this.head32(0xdf, n);
  }

  ext(type: number, payload: Uint8Array): void {
    const n = payload.length;
    const fixed = FIXEXT_CODES.get(n);
    if (fixed !== undefined) this.byte(fixed);
    else if (n <= 0xff) this.head8(0xc7, n);
    else if (n <= 0xffff) this.head16(0xc8, n);
    else this.head32(0xc9, n);
    this.byte(type & 0xff);
    this.raw(payload);
  }

  raw(data: Uint8Array): void {
    this.ensure(data.length);
    this.buf.set(data, this.len);
    this.len += data.length;
  }

  private byte(b: number): void {
    this.ensure(1);
    this.buf[this.len++] = b;
  }

  private head8(code: number, n: number): void {
    this.ensure(2);
    this.buf[this.len] = code;
    this.buf[this.len + 1] = n;
    this.len += 2;
  }

  private head16(code: number, n: number): void {
    this.ensure(3);
    this.buf[this.len] = code;
    this.view.setUint16(this.len + 1, n);
    this.len += 3;
  }

  private head32(code: number, n: number): void {
    this.ensure(5);
    this.buf[this.len] = code;
    this.view.setUint32(this.len + 1, n);
    this.len += 5;
  }

  private ensure(extra: number): void {
    if (this.len + extra <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.len + extra) size *= 2;
    const next = Buffer.allocUnsafe(size);
    this.buf.copy(next, 0, 0, this.len);
    this.buf = next;
    this.view = new DataView(next.buffer, next.byteOffset, next.byteLength);
  }
}

const FIXEXT_CODES = new Map<number, number>([
  [1, 0xd4],
  [2, 0xd5],
  [4, 0xd6],
  [8, 0xd7],
  [16, 0xd8],
]);
