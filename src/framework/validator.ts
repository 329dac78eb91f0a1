/**
 * Validator contracts. Attribute validators are attached to an attribute or
 * a nested block in the schema and see only known, non-null values (a value
 * from another resource is validated once it is known); config validators
 * check relations between attributes of one configuration. Both report
 * through attribute diagnostics so Terraform points at the offending line.
 */
import type { AttributePath } from '../tftypes/attribute-path.js';
import type { KnownValue } from '../tftypes/value.js';
import type { Diagnostics } from './diagnostics.js';
import type { ReadonlyObjectData } from './object-data.js';

export interface AttributeValidatorRequest {
  /** Where the value sits, e.g. `source_service[0].role[0].crn`. */
  readonly path: AttributePath;
  /** Known and non-null; may still contain unknown elements. */
  readonly value: KnownValue;
  /** The whole configuration, for cross-attribute checks. */
  readonly config: ReadonlyObjectData;
}

export interface AttributeValidator {
  /** One sentence for the docs, e.g. "length must be between 2 and 256". */
  readonly description: string;
  validate(req: AttributeValidatorRequest, diagnostics: Diagnostics): void;
}

export interface ConfigValidator {
  readonly description: string;
  validate(config: ReadonlyObjectData, diagnostics: Diagnostics): void;
}
