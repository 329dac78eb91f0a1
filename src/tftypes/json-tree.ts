/**
 * A small strict JSON parser that keeps number tokens as their source text,
 * so `9007199254740993` and `1.1` reach the number code exactly, and keeps
 * object members as an ordered list (no prototype keys, duplicates visible).
 */

export type JsonNode =
  | { readonly kind: 'null' }
  | { readonly kind: 'bool'; readonly value: boolean }
  | { readonly kind: 'number'; readonly text: string }
  | { readonly kind: 'string'; readonly value: string }
  | { readonly kind: 'array'; readonly items: readonly JsonNode[] }
  | { readonly kind: 'object'; readonly members: readonly (readonly [string, JsonNode])[] };

export class JsonSyntaxError extends Error {
  override readonly name = 'JsonSyntaxError';
}

const NUMBER_RE = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const ESCAPES: Readonly<Record<string, string>> = {
  '"': '"',
  '\\': '\\',
  '/': '/',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
};

export function parseJsonTree(text: string): JsonNode {
  const p = new Parser(text);
  const node = p.value();
  p.skipSpace();
  if (!p.done()) p.fail('unexpected data after the JSON value');
  return node;
}

class Parser {
  private i = 0;

  constructor(private readonly s: string) {}

  done(): boolean {
    return this.i >= this.s.length;
  }

  fail(msg: string): never {
    throw new JsonSyntaxError(`${msg} at offset ${this.i}`);
  }

  skipSpace(): void {
    while (this.i < this.s.length) {
      const c = this.s.charCodeAt(this.i);
      if (c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09) return;
      this.i += 1;
    }
  }

  value(): JsonNode {
    this.skipSpace();
    const c = this.s[this.i];
    switch (c) {
      case '{':
        return this.object();
      case '[':
        return this.array();
      case '"':
        return { kind: 'string', value: this.string() };
      case 't':
        return this.literal('true', { kind: 'bool', value: true });
      case 'f':
        return this.literal('false', { kind: 'bool', value: false });
      case 'n':
        return this.literal('null', { kind: 'null' });
      case undefined:
        return this.fail('unexpected end of JSON');
      default:
        return this.number();
    }
  }

  private literal(word: string, node: JsonNode): JsonNode {
    if (!this.s.startsWith(word, this.i)) this.fail('invalid JSON literal');
    this.i += word.length;
    return node;
  }

  private number(): JsonNode {
    NUMBER_RE.lastIndex = this.i;
    const m = NUMBER_RE.exec(this.s);
    if (!m) this.fail('invalid JSON value');
    this.i += m[0].length;
    return { kind: 'number', text: m[0] };
  }

  private string(): string {
    this.i += 1; // opening quote
    let out = '';
    let start = this.i;
    for (;;) {
      if (this.i >= this.s.length) this.fail('unterminated string');
      const c = this.s.charCodeAt(this.i);
      if (c === 0x22) break;
      if (c < 0x20) this.fail('control character in string');
      if (c !== 0x5c) {
        this.i += 1;
        continue;
      }
      out += this.s.slice(start, this.i);
      const e = this.s[this.i + 1];
      if (e === 'u') {
        const hex = this.s.slice(this.i + 2, this.i + 6);
        if (!/^[0-9a-fA-F]{4}$/.test(hex)) this.fail('invalid \\u escape');
        out += String.fromCharCode(parseInt(hex, 16));
        this.i += 6;
      } else {
        const rep = e === undefined ? undefined : ESCAPES[e];
        if (rep === undefined) this.fail('invalid escape');
        out += rep;
        this.i += 2;
      }
      start = this.i;
    }
    out += this.s.slice(start, this.i);
    this.i += 1; // closing quote
    return out;
  }

  private array(): JsonNode {
    this.i += 1;
    const items: JsonNode[] = [];
    this.skipSpace();
    if (this.s[this.i] === ']') {
      this.i += 1;
      return { kind: 'array', items };
    }
    for (;;) {
      items.push(this.value());
      this.skipSpace();
      const c = this.s[this.i++];
      if (c === ']') return { kind: 'array', items };
      if (c !== ',') this.fail("expected ',' or ']'");
    }
  }

  private object(): JsonNode {
    this.i += 1;
    const members: (readonly [string, JsonNode])[] = [];
    this.skipSpace();
    if (this.s[this.i] === '}') {
      this.i += 1;
      return { kind: 'object', members };
    }
    for (;;) {
      this.skipSpace();
      if (this.s[this.i] !== '"') this.fail('expected an object key');
      const key = this.string();
      this.skipSpace();
      if (this.s[this.i++] !== ':') this.fail("expected ':'");
      members.push([key, this.value()]);
      this.skipSpace();
      const c = this.s[this.i++];
      if (c === '}') return { kind: 'object', members };
      if (c !== ',') this.fail("expected ',' or '}'");
    }
  }
}
