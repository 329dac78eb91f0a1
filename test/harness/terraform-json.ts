/**
 * TypeScript shapes of the parts of Terraform's machine-readable JSON that the
 * harness and tests use: `show -json` for plans and state, `validate -json`,
 * `output -json`, `version -json`, and the diagnostics of the `-json` UI
 * stream. Fields not listed here still exist at run time (typed `unknown`
 * where they are free-form values).
 */

/** An action in `resource_changes[].change.actions`; a replacement is two actions. */
export type ChangeAction = 'no-op' | 'create' | 'read' | 'update' | 'delete' | 'forget';

export interface ChangeJson {
  readonly actions: readonly ChangeAction[];
  readonly before: unknown;
  readonly after: unknown;
  /** Mirrors `after`; `true` where the planned value is unknown. */
  readonly after_unknown: unknown;
  /** Mirrors the values; `true` where a value is sensitive. */
  readonly before_sensitive: unknown;
  readonly after_sensitive: unknown;
  /** Paths (attribute names / indexes) that force replacement. */
  readonly replace_paths?: readonly (readonly (string | number)[])[];
  readonly importing?: { readonly id?: string };
  readonly generated_config?: string;
}

export interface ResourceChangeJson {
  readonly address: string;
  readonly previous_address?: string;
  readonly module_address?: string;
  readonly mode: 'managed' | 'data';
  readonly type: string;
  readonly name: string;
  readonly index?: number | string;
  readonly provider_name: string;
  readonly deposed?: string;
  readonly change: ChangeJson;
  /** e.g. `replace_because_cannot_update`, `delete_because_no_resource_config`. */
  readonly action_reason?: string;
}

export interface ResourceJson {
  readonly address: string;
  readonly mode: 'managed' | 'data';
  readonly type: string;
  readonly name: string;
  readonly index?: number | string;
  readonly provider_name: string;
  readonly schema_version?: number;
  readonly values: Readonly<Record<string, unknown>>;
  /** Mirrors `values`; `true` where a value is sensitive. */
  readonly sensitive_values?: unknown;
  readonly depends_on?: readonly string[];
  readonly tainted?: boolean;
  readonly deposed_key?: string;
}

export interface ModuleJson {
  readonly address?: string;
  readonly resources?: readonly ResourceJson[];
  readonly child_modules?: readonly ModuleJson[];
}

export interface OutputJson {
  readonly sensitive: boolean;
  readonly value?: unknown;
  readonly type?: unknown;
}

export interface StateValuesJson {
  readonly outputs?: Readonly<Record<string, OutputJson>>;
  readonly root_module?: ModuleJson;
}

/** `terraform show -json` without a plan file. `values` is absent when the state is empty. */
export interface StateJson {
  readonly format_version?: string;
  readonly terraform_version?: string;
  readonly values?: StateValuesJson;
}

/** `terraform show -json <planfile>`. */
export interface PlanJson {
  readonly format_version: string;
  readonly terraform_version: string;
  readonly planned_values?: StateValuesJson;
  readonly resource_changes?: readonly ResourceChangeJson[];
  readonly resource_drift?: readonly ResourceChangeJson[];
  readonly output_changes?: Readonly<Record<string, ChangeJson>>;
  readonly prior_state?: StateJson;
  readonly configuration?: unknown;
  readonly errored?: boolean;
  readonly applyable?: boolean;
  readonly complete?: boolean;
}

export interface SourcePos {
  readonly line: number;
  readonly column: number;
  readonly byte: number;
}

export interface DiagnosticJson {
  readonly severity: 'error' | 'warning';
  readonly summary: string;
  readonly detail: string;
  /** The resource address the diagnostic belongs to (`with ibm_x.y`), when there is one. */
  readonly address?: string;
  readonly range?: { readonly filename: string; readonly start: SourcePos; readonly end: SourcePos };
  readonly snippet?: {
    readonly context: string | null;
    readonly code: string;
    readonly start_line: number;
    readonly highlight_start_offset: number;
    readonly highlight_end_offset: number;
  };
}

/** `terraform validate -json`. */
export interface ValidateJson {
  readonly format_version: string;
  readonly valid: boolean;
  readonly error_count: number;
  readonly warning_count: number;
  readonly diagnostics: readonly DiagnosticJson[];
}

/** `terraform version -json`. */
export interface VersionJson {
  readonly terraform_version: string;
  readonly platform: string;
  readonly provider_selections: Readonly<Record<string, string>>;
  readonly terraform_outdated: boolean;
}
