/**
 * The `ttl` of a service credentials secret: absent or 0 means the credentials
 * never expire; otherwise 1 to 90 days. The API takes it as a string of at
 * most 10 characters.
 */
import { parseDurationSeconds } from './parse-duration.js';
import { failed, issue, ok, type Parsed } from './validation-issue.js';

export const TTL_MIN_SECONDS = 86_400;
export const TTL_MAX_SECONDS = 90 * 86_400;
const TTL_MAX_LENGTH = 10;
const TTL_FORMAT = /^[0-9]+[smhd]?$/;

/** The TTL in seconds, 0 meaning "no expiry". */
export function parseTtl(raw: string, field = 'ttl'): Parsed<number> {
  const text = raw.trim();
  if (text === '') return ok(0);
  if (text.length > TTL_MAX_LENGTH || !TTL_FORMAT.test(text)) {
    return failed(
      issue(field, `The TTL must be a number of seconds or a number followed by s, m, h or d (at most ${TTL_MAX_LENGTH} characters), for example 86400 or 24h.`),
    );
  }
  const seconds = parseDurationSeconds(text);
  if (seconds === undefined) return failed(issue(field, 'The TTL is not a valid duration.'));
  if (seconds === 0) return ok(0);
  if (seconds < TTL_MIN_SECONDS || seconds > TTL_MAX_SECONDS) {
    return failed(
      issue(field, `The TTL must be between 1 day (86400 seconds) and 90 days (7776000 seconds), or 0 for no expiry; got ${seconds} seconds.`),
    );
  }
  return ok(seconds);
}

/** A `ttl` from a JSON body: it must be a string before it can be parsed. */
export function parseTtlField(raw: unknown, field = 'ttl'): Parsed<number> {
  if (typeof raw !== 'string') return failed(issue(field, 'The TTL must be a string, e.g. "86400" or "24h".'));
  return parseTtl(raw, field);
}
