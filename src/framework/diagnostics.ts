/**
 * A collection of diagnostics: how a resource, data source or the provider
 * tells Terraform (and the user) what went wrong. Summaries are short Title
 * Case phrases ("Invalid Secret Name"); details are full sentences that say
 * what to do. Never put secret values into either.
 *
 *   resp.diagnostics.addAttributeError('source_service[0].role[0].crn', 'Invalid Role CRN', 'The role CRN must ...');
 *   if (resp.diagnostics.hasError()) return;
 */
import type { AttributePath } from '../tftypes/attribute-path.js';
import type { Diagnostic, DiagnosticSeverity } from '../tfprotov6/types.js';
import { toPath } from './path.js';
import type { PathLike } from './path.js';

export type DiagnosticsLike = Diagnostics | Diagnostic | readonly Diagnostic[];

export class Diagnostics implements Iterable<Diagnostic> {
  private readonly items: Diagnostic[] = [];

  constructor(initial: Iterable<Diagnostic> = []) {
    for (const d of initial) this.items.push(d);
  }

  addError(summary: string, detail?: string): this {
    return this.add('error', summary, detail);
  }

  addWarning(summary: string, detail?: string): this {
    return this.add('warning', summary, detail);
  }

  addAttributeError(path: PathLike, summary: string, detail?: string): this {
    return this.add('error', summary, detail, toPath(path));
  }

  addAttributeWarning(path: PathLike, summary: string, detail?: string): this {
    return this.add('warning', summary, detail, toPath(path));
  }

  /** Adds everything from other collections or single diagnostics. */
  append(...others: readonly DiagnosticsLike[]): this {
    for (const o of others) {
      if (o instanceof Diagnostics) this.items.push(...o.items);
      else if (isDiagnosticArray(o)) this.items.push(...o);
      else this.items.push(o);
    }
    return this;
  }

  hasError(): boolean {
    return this.items.some((d) => d.severity === 'error');
  }

  errors(): readonly Diagnostic[] {
    return this.items.filter((d) => d.severity === 'error');
  }

  warnings(): readonly Diagnostic[] {
    return this.items.filter((d) => d.severity === 'warning');
  }

  get length(): number {
    return this.items.length;
  }

  toArray(): readonly Diagnostic[] {
    return [...this.items];
  }

  [Symbol.iterator](): Iterator<Diagnostic> {
    return this.items[Symbol.iterator]();
  }

  private add(severity: DiagnosticSeverity, summary: string, detail?: string, attribute?: AttributePath): this {
    this.items.push({
      severity,
      summary,
      ...(detail !== undefined && detail !== '' && { detail }),
      ...(attribute !== undefined && !attribute.isRoot && { attribute }),
    });
    return this;
  }
}

function isDiagnosticArray(x: Diagnostic | readonly Diagnostic[]): x is readonly Diagnostic[] {
  return Array.isArray(x);
}
