/**
 * Paths written the way users read them in diagnostics:
 * `source_service[0].role[0].crn`, `credentials["cos_hmac_keys.access_key_id"]`.
 * Every framework API that takes a path accepts this string form or an
 * AttributePath.
 */
import { AttributePath } from '../tftypes/attribute-path.js';

export type PathLike = string | AttributePath;

export class PathSyntaxError extends Error {
  override readonly name = 'PathSyntaxError';
}

const NAME = /[A-Za-z_][A-Za-z0-9_-]*/y;
const INDEX = /\[(\d+)\]/y;
const KEY = /\["((?:[^"\\]|\\.)*)"\]/y;

export function toPath(p: PathLike): AttributePath {
  return typeof p === 'string' ? parsePath(p) : p;
}

/** Parses `a.b[0].c` / `m["k"]`; the empty string is the root. */
export function parsePath(text: string): AttributePath {
  let path = AttributePath.root;
  let i = 0;
  const fail = (why: string): never => {
    throw new PathSyntaxError(`invalid attribute path ${JSON.stringify(text)}: ${why} at offset ${i}`);
  };
  const name = (): string => {
    NAME.lastIndex = i;
    const m = NAME.exec(text);
    if (!m) return fail('expected an attribute name');
    i = NAME.lastIndex;
    return m[0];
  };
  if (text === '') return path;
  path = path.attribute(name());
  while (i < text.length) {
    if (text[i] === '.') {
      i++;
      path = path.attribute(name());
      continue;
    }
    INDEX.lastIndex = i;
    const idx = INDEX.exec(text);
    if (idx) {
      i = INDEX.lastIndex;
      path = path.index(Number(idx[1]));
      continue;
    }
    KEY.lastIndex = i;
    const key = KEY.exec(text);
    if (key) {
      i = KEY.lastIndex;
      path = path.key(JSON.parse(`"${key[1]!}"`) as string);
      continue;
    }
    fail('expected ".", "[n]" or ["key"]');
  }
  return path;
}
