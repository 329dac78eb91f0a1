/**
 * What every validator returns instead of throwing, so the provider can turn
 * an issue into a diagnostic at an attribute path at plan time and the
 * engines can turn it into a BackendError at the API boundary.
 */
import { BackendError } from '../backend-error.js';

export interface ValidationIssue {
  /** The API field, dotted as in the JSON body: `name`, `rotation.interval`, `source_service.role.crn`. */
  readonly field: string;
  /** The same location as steps, with list indexes as numbers: `['labels', 3]`. */
  readonly path: readonly (string | number)[];
  /** One sentence, safe to show: never quotes a credential. */
  readonly message: string;
}

export type Parsed<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly issue: ValidationIssue };

export function issueAt(path: readonly (string | number)[], message: string): ValidationIssue {
  const field = path.filter((step): step is string => typeof step === 'string').join('.');
  return { field, path, message };
}

/** `field` may be dotted (`rotation.interval`); it becomes the path steps. */
export function issue(field: string, message: string): ValidationIssue {
  return { field, path: field.split('.'), message };
}

export function ok<T>(value: T): Parsed<T> {
  return { ok: true, value };
}

export function failed<T>(i: ValidationIssue): Parsed<T> {
  return { ok: false, issue: i };
}

export function issueToBackendError(i: ValidationIssue): BackendError {
  return BackendError.invalid(i.field, i.message);
}

/** Throws the first issue as an InvalidArgument BackendError; for engines. */
export function throwFirstIssue(issues: readonly (ValidationIssue | undefined)[]): void {
  const first = issues.find((i): i is ValidationIssue => i !== undefined);
  if (first) throw issueToBackendError(first);
}
