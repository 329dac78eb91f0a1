/**
 * Config, plan and state as resources see them: an object value of the
 * schema's implied type, read and written through plain models or paths.
 *
 *   interface ThingModel { id: string | Unknown; name: string; size: number | null; items: ItemModel[] }
 *
 *   const plan = req.plan.as<ThingModel>();          // whole object as a model
 *   const name = req.config.get('name');              // one value as a model
 *   resp.state.set({ ...plan, id: created.id });      // whole object from a model
 *   resp.state.setAttribute('items[0].note', 'x');    // surgical edit by path
 *
 * `as<T>()` is an unchecked view: the value was decoded against the schema,
 * so its shape is the schema's; T only has to describe that shape.
 */
import { AttributePath } from '../tftypes/attribute-path.js';
import type { ObjectType } from '../tftypes/type.js';
import type { TfValue } from '../tftypes/value.js';
import { getAtPath, Value } from '../tftypes/value.js';
import { fromModel, ModelError, toModel } from './model.js';
import type { ModelValue } from './model.js';
import { toPath } from './path.js';
import type { PathLike } from './path.js';
import { setValueAtPath, typeAtPath } from './value-at-path.js';

export interface ReadonlyObjectData {
  readonly type: ObjectType;
  /** The raw value (null when there is no object, e.g. the prior state of a create). */
  readonly value: TfValue;
  readonly isNull: boolean;
  /** The whole object as a model; throws a ModelError when the object is null or unknown. */
  as<T>(): T;
  /** The model of the value at a path; null when the path leads through a null value. */
  get<T = ModelValue>(path: PathLike): T;
  /** The raw value at a path; null (of the right type) when the path leads through a null value. */
  getValue(path: PathLike): TfValue;
}

export class ObjectData implements ReadonlyObjectData {
  private current: TfValue;
  private touched = false;

  constructor(
    readonly type: ObjectType,
    value: TfValue,
  ) {
    this.current = value;
  }

  static null(type: ObjectType): ObjectData {
    return new ObjectData(type, Value.null(type));
  }

  get value(): TfValue {
    return this.current;
  }

  get isNull(): boolean {
    return this.current.state === 'null';
  }

  /** True once any setter ran (the framework uses it to keep state a failed create already wrote). */
  get modified(): boolean {
    return this.touched;
  }

  as<T>(): T {
    if (this.current.state !== 'known') throw new ModelError(AttributePath.root, `the object is ${this.current.state}`);
    return toModel(this.current) as T;
  }

  get<T = ModelValue>(path: PathLike): T {
    return toModel(this.getValue(path)) as T;
  }

  getValue(path: PathLike): TfValue {
    const p = toPath(path);
    const t = typeAtPath(this.type, p);
    if (t === undefined) throw new ModelError(p, 'no such attribute path in the schema');
    const found = getAtPath(this.current, p);
    if (found !== undefined) return found;
    return leadsThroughUnknown(this.current, p) ? Value.unknown(t) : Value.null(t);
  }

  /** Replaces the whole object from a model naming every attribute. */
  set(model: object): void {
    this.setValue(fromModel(this.type, model));
  }

  setValue(value: TfValue): void {
    this.current = value;
    this.touched = true;
  }

  /** Sets one value from its model (string, number, array, record or typed model object, null or UNKNOWN). */
  setAttribute(path: PathLike, model: ModelValue | object): void {
    const p = toPath(path);
    const t = typeAtPath(this.type, p);
    if (t === undefined) throw new ModelError(p, 'no such attribute path in the schema');
    this.setAttributeValue(p, fromModel(t, model, p));
  }

  setAttributeValue(path: PathLike, value: TfValue): void {
    this.setValue(setValueAtPath(this.current, toPath(path), value));
  }

  /** Makes the object null (for state: the remote object is gone). */
  setNull(): void {
    this.setValue(Value.null(this.type));
  }
}

function leadsThroughUnknown(root: TfValue, path: AttributePath): boolean {
  for (let n = 0; n <= path.steps.length; n++) {
    const v = getAtPath(root, AttributePath.fromSteps(path.steps.slice(0, n)));
    if (v === undefined) return false;
    if (v.state === 'unknown') return true;
    if (v.state === 'null') return false;
  }
  return false;
}
