/**
 * A path into a value: attribute names, map keys and list/tuple indexes, as in
 * tfplugin6's AttributePath. Set elements cannot be addressed (the protocol
 * has no step for them), so paths stop at the set.
 */

export type PathStep =
  | { readonly kind: 'attribute'; readonly name: string }
  | { readonly kind: 'key'; readonly key: string }
  | { readonly kind: 'index'; readonly index: number };

export class AttributePath {
  static readonly root = new AttributePath([]);

  private constructor(readonly steps: readonly PathStep[]) {}

  static of(...names: string[]): AttributePath {
    return new AttributePath(names.map((name) => ({ kind: 'attribute', name })));
  }

  static fromSteps(steps: readonly PathStep[]): AttributePath {
    return new AttributePath([...steps]);
  }

  attribute(name: string): AttributePath {
    return new AttributePath([...this.steps, { kind: 'attribute', name }]);
  }

  key(key: string): AttributePath {
    return new AttributePath([...this.steps, { kind: 'key', key }]);
  }

  index(index: number): AttributePath {
    return new AttributePath([...this.steps, { kind: 'index', index }]);
  }

  get isRoot(): boolean {
    return this.steps.length === 0;
  }

  parent(): AttributePath {
    return new AttributePath(this.steps.slice(0, -1));
  }

  last(): PathStep | undefined {
    return this.steps[this.steps.length - 1];
  }

  equals(other: AttributePath): boolean {
    return (
      this.steps.length === other.steps.length &&
      this.steps.every((s, i) => stepEquals(s, other.steps[i]!))
    );
  }

  /** True when `other` equals this path or lies beneath it. */
  isPrefixOf(other: AttributePath): boolean {
    return (
      this.steps.length <= other.steps.length &&
      this.steps.every((s, i) => stepEquals(s, other.steps[i]!))
    );
  }

  /** HCL-like rendering for messages: `source_service[0].role[0].crn`, `credentials["a.b"]`. */
  toString(): string {
    let out = '';
    for (const s of this.steps) {
      switch (s.kind) {
        case 'attribute':
          out += out === '' ? s.name : `.${s.name}`;
          break;
        case 'key':
          out += `[${JSON.stringify(s.key)}]`;
          break;
        case 'index':
          out += `[${s.index}]`;
          break;
      }
    }
    return out;
  }
}

function stepEquals(a: PathStep, b: PathStep): boolean {
  switch (a.kind) {
    case 'attribute':
      return b.kind === 'attribute' && a.name === b.name;
    case 'key':
      return b.kind === 'key' && a.key === b.key;
    case 'index':
      return b.kind === 'index' && a.index === b.index;
  }
}
