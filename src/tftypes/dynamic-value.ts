/**
 * DynamicValue as the protocol carries it (msgpack or json bytes), typed
 * structurally so tftypes does not depend on tfprotov6.
 *
 *   decodeDynamicValue(dv, type): TfValue   msgpack if non-empty, else json, else null
 *   encodeDynamicValue(value, type): { msgpack }
 *   decodeRawState(raw, type): TfValue      UpgradeResourceState's RawState (json only)
 */
import { AttributePath } from './attribute-path.js';
import { decodeJsonValue } from './json-value.js';
import { decodeMsgpack, encodeMsgpack } from './msgpack.js';
import type { TfType } from './type.js';
import type { TfValue } from './value.js';
import { Value } from './value.js';
import { ValueCodecError } from './value-codec-error.js';

export interface DynamicValueBytes {
  readonly msgpack?: Uint8Array | null;
  readonly json?: Uint8Array | null;
}

export interface RawStateBytes {
  readonly json?: Uint8Array | null;
  readonly flatmap?: Readonly<Record<string, string>> | null;
}

export function decodeDynamicValue(dv: DynamicValueBytes | null | undefined, type: TfType): TfValue {
  if (dv?.msgpack && dv.msgpack.length > 0) return decodeMsgpack(dv.msgpack, type);
  if (dv?.json && dv.json.length > 0) return decodeJsonValue(dv.json, type);
  return Value.null(type);
}

export function encodeDynamicValue(value: TfValue, type: TfType): { msgpack: Uint8Array } {
  return { msgpack: encodeMsgpack(value, type) };
}

/**
 * Stored state as JSON (missing attributes read as null). Flatmap state comes
 * only from Terraform < 0.12, which this provider never wrote: a clear error.
 */
export function decodeRawState(raw: RawStateBytes | null | undefined, type: TfType): TfValue {
  if (raw?.json && raw.json.length > 0) return decodeJsonValue(raw.json, type);
  if (raw?.flatmap && Object.keys(raw.flatmap).length > 0) {
    throw new ValueCodecError(
      AttributePath.root,
      'state in the legacy flatmap format (written by Terraform before 0.12) is not supported; ' +
        'upgrade it with Terraform 0.12–0.15 or remove the resource from state and import it again',
    );
  }
  return Value.null(type);
}
