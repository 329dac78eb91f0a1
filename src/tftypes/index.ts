/**
 * tftypes: cty types and values, their wire codecs (msgpack, JSON) and
 * attribute paths. Import from here rather than from individual files.
 */

/**** Types ****/
export { Types, TypeParseError, isCollectionType, isObjectType, typeEquals, typeFromJSON, typeToJSON, typeToString } from './type.js';
export type { CollectionType, ObjectType, PrimitiveKind, TfType, TupleType } from './type.js';

/**** Values ****/
export {
  Value,
  ValueError,
  getAtPath,
  getAttribute,
  isKnown,
  isNull,
  isUnknown,
  isWhollyKnown,
  knownBool,
  knownElements,
  knownEntries,
  knownNumber,
  knownString,
  toJsNumber,
  transformValue,
  valueEquals,
  withAttribute,
} from './value.js';
export type { KnownPayload, KnownValue, NullValue, TfNumber, TfValue, UnknownRefinements, UnknownValue } from './value.js';
export { NumberFormatError, normalizeNumber, numberToText, numbersEqual, parseNumberText } from './number.js';

/**** Paths ****/
export { AttributePath } from './attribute-path.js';
export type { PathStep } from './attribute-path.js';

/**** Codecs ****/
export { ValueCodecError } from './value-codec-error.js';
export { decodeMsgpack, encodeMsgpack } from './msgpack.js';
export { decodeJsonValue, encodeJsonValue } from './json-value.js';
export { decodeDynamicValue, decodeRawState, encodeDynamicValue } from './dynamic-value.js';
export type { DynamicValueBytes, RawStateBytes } from './dynamic-value.js';
