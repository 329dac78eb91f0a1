/**
 * Binary protobuf codec for tfplugin6 messages, built lazily from the
 * descriptor JSON precompiled at build time (no .proto parsing at run time,
 * and nothing loaded before the handshake line is printed).
 */
import type * as protobuf from 'protobufjs/light.js';

export interface MessageCodec<T> {
  decode(bytes: Uint8Array): T;
  encode(message: T): Uint8Array;
}

// Plain objects shaped like the generated interfaces: int64 as numbers, enums by name.
const TO_OBJECT: protobuf.IConversionOptions = { longs: Number, enums: String, oneofs: true };

let root: Promise<protobuf.Root> | undefined;
const codecs = new Map<string, MessageCodec<unknown>>();

async function loadRoot(): Promise<protobuf.Root> {
  const [pb, { TFPLUGIN6_DESCRIPTOR_JSON }] = await Promise.all([
    import('protobufjs/light.js'),
    import('./generated/descriptor.js'),
  ]);
  return pb.Root.fromJSON(JSON.parse(TFPLUGIN6_DESCRIPTOR_JSON) as protobuf.INamespace);
}

/** Codec for a message by fully-qualified name, e.g. `tfplugin6.GetProviderSchema.Request`. */
export async function messageCodec<T>(fullName: string): Promise<MessageCodec<T>> {
  let codec = codecs.get(fullName);
  if (codec === undefined) {
    root ??= loadRoot();
    const type = (await root).lookupType(fullName);
    codec = {
      decode: (bytes) => type.toObject(type.decode(bytes), TO_OBJECT),
      encode: (message) => type.encode(type.fromObject(message as Record<string, unknown>)).finish(),
    };
    codecs.set(fullName, codec);
  }
  return codec as MessageCodec<T>;
}
