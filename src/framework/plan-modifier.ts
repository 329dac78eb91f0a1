/**
 * The plan-modifier contract. A modifier is a small described value attached
 * to an attribute (or a nested block) in the schema; the framework calls it
 * while planning with the values at that path and lets it adjust the
 * planned value or ask for replacement. Descriptions feed the docs.
 *
 * Modifiers run after the framework marked computed values unknown and
 * before the resource's own ModifyPlan. They never run on destroy.
 */
import type { AttributePath } from '../tftypes/attribute-path.js';
import type { TfValue } from '../tftypes/value.js';
import type { Diagnostics } from './diagnostics.js';
import type { ReadonlyObjectData } from './object-data.js';
import type { PathLike } from './path.js';
import type { ReadonlyPrivateData } from './private-data.js';

export interface PlanModifierRequest {
  readonly path: AttributePath;
  /** Values at `path`: configuration, prior state (null when creating) and the plan so far. */
  readonly config: TfValue;
  readonly state: TfValue;
  readonly plan: TfValue;
  /** Whole objects, for conditions on other attributes. */
  readonly configData: ReadonlyObjectData;
  readonly stateData: ReadonlyObjectData;
  readonly planData: ReadonlyObjectData;
  /** The resource is being created (no prior state). */
  readonly isCreate: boolean;
  /** The attribute may hold provider-chosen values (computed or optionalComputed). */
  readonly computed: boolean;
  readonly private: ReadonlyPrivateData;
  /**
   * Whether the planned value at `path` (default: this attribute, with the plan
   * so far) differs from state. Unknown counts as a difference; computed-only
   * attributes inside blocks are ignored (they follow from the rest).
   */
  changed(path?: PathLike): boolean;
}

export interface PlanModifierResponse {
  /** The planned value at the path; replace it to change the plan. */
  plan: TfValue;
  /** Set to ask Terraform to destroy and recreate the resource. */
  requiresReplace: boolean;
  readonly diagnostics: Diagnostics;
}

export interface PlanModifier {
  /** One sentence for the docs, e.g. "If the value of this attribute changes, Terraform will destroy and recreate the resource." */
  readonly description: string;
  modify(req: PlanModifierRequest, resp: PlanModifierResponse): void;
}
