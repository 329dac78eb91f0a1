/**
 * A minimal pull reader for msgpack, driven by the decoder's expected type.
 * `readX()` returns undefined (consuming nothing) when the next item is not an
 * X, so the caller can word the error; truncated input throws
 * MsgpackFormatError.
 */

export class MsgpackFormatError extends Error {
  override readonly name = 'MsgpackFormatError';
}

export type WireNumber =
  | { readonly kind: 'int'; readonly value: number | bigint }
  | { readonly kind: 'float'; readonly value: number }
  | { readonly kind: 'string'; readonly value: string };

export interface WireExt {
  readonly type: number;
  readonly data: Uint8Array;
}

// Invalid UTF-8 becomes U+FFFD, as Go's string conversion would leave it readable.
const UTF8 = new TextDecoder('utf-8');

export class MsgpackReader {
  private pos = 0;
  private readonly view: DataView;

  constructor(private readonly buf: Uint8Array) {
    this.view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  }

  get offset(): number {
    return this.pos;
  }

  get atEnd(): boolean {
    return this.pos >= this.buf.length;
  }

  peek(): number {
    this.need(1);
    return this.buf[this.pos]!;
  }

  isNil(): boolean {
    return this.peek() === 0xc0;
  }

  isExt(): boolean {
    const c = this.peek();
    return (c >= 0xd4 && c <= 0xd8) || (c >= 0xc7 && c <= 0xc9);
  }

  readNil(): boolean {
    if (!this.isNil()) return false;
    this.pos += 1;
    return true;
  }

  readExt(): WireExt | undefined {
    const c = this.peek();
    let len: number;
    let head: number;
    if (c >= 0xd4 && c <= 0xd8) {
      len = 1 << (c - 0xd4);
      head = 1;
    } else if (c === 0xc7) {
      len = this.u8(1);
      head = 2;
    } else if (c === 0xc8) {
      len = this.u16(1);
      head = 3;
    } else if (c === 0xc9) {
      len = this.u32(1);
      head = 5;
    } else {
      return undefined;
    }
    this.need(head + 1 + len);
    const type = this.view.getInt8(this.pos + head);
    const start = this.pos + head + 1;
    this.pos = start + len;
    return { type, data: this.buf.subarray(start, start + len) };
  }

  readBool(): boolean | undefined {
    const c = this.peek();
    if (c !== 0xc2 && c !== 0xc3) return undefined;
    this.pos += 1;
    return c === 0xc3;
  }

  /** Any int/uint width, float32/64, or a str holding decimal text. */
  readNumber(): WireNumber | undefined {
    const c = this.peek();
    if (c <= 0x7f) return this.take(1, { kind: 'int', value: c });
    if (c >= 0xe0) return this.take(1, { kind: 'int', value: c - 0x100 });
    switch (c) {
      case 0xcc:
        return this.take(2, { kind: 'int', value: this.u8(1) });
      case 0xcd:
        return this.take(3, { kind: 'int', value: this.u16(1) });
      case 0xce:
        return this.take(5, { kind: 'int', value: this.u32(1) });
      case 0xcf:
        this.need(9);
        return this.take(9, { kind: 'int', value: this.view.getBigUint64(this.pos + 1) });
      case 0xd0:
        this.need(2);
        return this.take(2, { kind: 'int', value: this.view.getInt8(this.pos + 1) });
      case 0xd1:
        this.need(3);
        return this.take(3, { kind: 'int', value: this.view.getInt16(this.pos + 1) });
      case 0xd2:
        this.need(5);
        return this.take(5, { kind: 'int', value: this.view.getInt32(this.pos + 1) });
      case 0xd3:
        this.need(9);
        return this.take(9, { kind: 'int', value: this.view.getBigInt64(this.pos + 1) });
      case 0xca:
        this.need(5);
        return this.take(5, { kind: 'float', value: this.view.getFloat32(this.pos + 1) });
      case 0xcb:
        this.need(9);
        return this.take(9, { kind: 'float', value: this.view.getFloat64(this.pos + 1) });
      default: {
        const s = this.readString();
        return s === undefined ? undefined : { kind: 'string', value: s };
      }
    }
  }

  /** A str (or, leniently, a bin) as text. */
  readString(): string | undefined {
    const data = this.readRaw();
    if (data === undefined) return undefined;
    return UTF8.decode(data);
  }

  /** A bin (or a str) as bytes. */
  readBytes(): Uint8Array | undefined {
    return this.readRaw();
  }

  readArrayHeader(): number | undefined {
    const c = this.peek();
    if (c >= 0x90 && c <= 0x9f) return this.take(1, c & 0x0f);
    if (c === 0xdc) return this.take(3, this.u16(1));
    if (c === 0xdd) return this.take(5, this.u32(1));
    return undefined;
  }

  readMapHeader(): number | undefined {
    const c = this.peek();
    if (c >= 0x80 && c <= 0x8f) return this.take(1, c & 0x0f);
    if (c === 0xde) return this.take(3, this.u16(1));
    if (c === 0xdf) return this.take(5, this.u32(1));
    return undefined;
  }

  /** Skips one complete item of any kind. */
  skip(): void {
    if (this.readNil() || this.readBool() !== undefined || this.readExt() !== undefined) return;
    if (this.readNumber() !== undefined || this.readBytes() !== undefined) return;
    const arr = this.readArrayHeader();
    if (arr !== undefined) {
      for (let i = 0; i < arr; i++) this.skip();
      return;
    }
    const map = this.readMapHeader();
    if (map !== undefined) {
      for (let i = 0; i < map * 2; i++) this.skip();
      return;
    }
    throw new MsgpackFormatError(`invalid msgpack code 0x${this.peek().toString(16)} at offset ${this.pos}`);
  }

  /** A human name of the next item's kind, for error messages. */
  describeNext(): string {
    const c = this.peek();
    if (c === 0xc0) return 'null';
    if (c === 0xc2 || c === 0xc3) return 'bool';
    if (c <= 0x7f || c >= 0xe0 || (c >= 0xcc && c <= 0xd3) || c === 0xca || c === 0xcb) return 'number';
    if ((c >= 0xa0 && c <= 0xbf) || (c >= 0xd9 && c <= 0xdb)) return 'string';
    if (c >= 0xc4 && c <= 0xc6) return 'binary';
    if ((c >= 0x90 && c <= 0x9f) || c === 0xdc || c === 0xdd) return 'array';
    if ((c >= 0x80 && c <= 0x8f) || c === 0xde || c === 0xdf) return 'map';
    if (this.isExt()) return 'extension';
    return `invalid code 0x${c.toString(16)}`;
  }

  private readRaw(): Uint8Array | undefined {
    const c = this.peek();
    let len: number;
    let head: number;
    if (c >= 0xa0 && c <= 0xbf) [len, head] = [c & 0x1f, 1];
    else if (c === 0xd9 || c === 0xc4) [len, head] = [this.u8(1), 2];
    else if (c === 0xda || c === 0xc5) [len, head] = [this.u16(1), 3];
    else if (c === 0xdb || c === 0xc6) [len, head] = [this.u32(1), 5];
    else return undefined;
    this.need(head + len);
    const start = this.pos + head;
    this.pos = start + len;
    return this.buf.subarray(start, start + len);
  }

  private take<T>(size: number, value: T): T {
    this.need(size);
    this.pos += size;
    return value;
  }

  private u8(at: number): number {
    this.need(at + 1);
    return this.buf[this.pos + at]!;
  }

  private u16(at: number): number {
    this.need(at + 2);
    return this.view.getUint16(this.pos + at);
  }

  private u32(at: number): number {
    this.need(at + 4);
    return this.view.getUint32(this.pos + at);
  }

  private need(n: number): void {
    if (this.pos + n > this.buf.length) {
      throw new MsgpackFormatError(`unexpected end of msgpack data at offset ${this.pos}`);
    }
  }
}
