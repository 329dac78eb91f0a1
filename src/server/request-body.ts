/**
 * Reads a request body under a size limit and checks its media type and JSON
 * syntax, answering in the service's error shape (413, 415, 400).
 */
import type { IncomingMessage } from 'node:http';
import { isPlainObject } from '../backend/validation/secret-field-validators.js';
import { HttpError } from './http-error.js';

export const DEFAULT_BODY_LIMIT = 1024 * 1024;

export function mediaType(req: IncomingMessage): string | undefined {
  const header = req.headers['content-type'];
  if (header === undefined) return undefined;
  return header.split(';')[0]?.trim().toLowerCase();
}

function tooLarge(limit: number): HttpError {
  return new HttpError(413, 'request_entity_too_large', `The request body exceeds the limit of ${limit} bytes.`, undefined, {
    Connection: 'close',
  });
}

export async function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) throw tooLarge(limit);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > limit) throw tooLarge(limit);
    chunks.push(buffer);
  }
  return Buffer.concat(chunks);
}

export interface JsonBodyRule {
  /** Accepted media types, e.g. `application/merge-patch+json` for PATCH. */
  readonly mediaTypes: readonly string[];
  /** An empty body stands for `{}` (e.g. rotating without version metadata). */
  readonly optional?: boolean;
}

/** The body as a JSON object, validated against the route's rule. */
export async function readJsonObject(
  req: IncomingMessage,
  rule: JsonBodyRule,
  limit: number,
): Promise<Record<string, unknown>> {
  const raw = await readBody(req, limit);
  if (raw.length === 0) {
    if (rule.optional === true) return {};
    throw HttpError.badRequest('A JSON request body is required.');
  }
  const type = mediaType(req);
  if (type === undefined || !rule.mediaTypes.includes(type)) {
    throw new HttpError(
      415,
      'unsupported_media_type',
      `Content-Type must be ${rule.mediaTypes.join(' or ')}${type === undefined ? '' : `, not ${type}`}.`,
      { type: 'header', name: 'Content-Type' },
    );
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw.toString('utf8'));
  } catch (reason: unknown) {
    // V8's message quotes the input, which may hold values: keep only the position.
    const position = reason instanceof Error ? /position (\d+)/.exec(reason.message)?.[1] : undefined;
    throw HttpError.badRequest(`The request body is not valid JSON${position === undefined ? '' : ` (at position ${position})`}.`);
  }
  if (!isPlainObject(parsed)) throw HttpError.badRequest('The request body must be a JSON object.');
  return parsed;
}

/** `application/x-www-form-urlencoded` fields (the IAM token request). */
export async function readForm(req: IncomingMessage, limit: number): Promise<URLSearchParams | undefined> {
  const raw = await readBody(req, limit);
  if (mediaType(req) !== 'application/x-www-form-urlencoded') return undefined;
  return new URLSearchParams(raw.toString('utf8'));
}
