/**
 * Validation of a configuration against its schema: attribute and block
 * validators (known, non-null values only), block item counts, and
 * deprecation warnings, each diagnostic at its full path.
 */
import { AttributePath } from '../tftypes/attribute-path.js';
import type { TfValue } from '../tftypes/value.js';
import { knownElements } from '../tftypes/value.js';
import { Diagnostics } from './diagnostics.js';
import type { ReadonlyObjectData } from './object-data.js';
import type { BlockSchema, NestedBlockSchema } from './schema.js';
import { attributeOf } from './schema-walk.js';
import type { AttributeValidator } from './validator.js';

export function validateConfigAgainstSchema(schema: BlockSchema, config: ReadonlyObjectData): Diagnostics {
  const d = new Diagnostics();
  validateBlock(schema, config.value, AttributePath.root, config, d);
  return d;
}

function validateBlock(block: BlockSchema, obj: TfValue, path: AttributePath, config: ReadonlyObjectData, d: Diagnostics): void {
  if (obj.state !== 'known') return;
  for (const [name, attr] of Object.entries(block.attributes ?? {})) {
    const v = attributeOf(obj, name, block);
    const at = path.attribute(name);
    if (v.state === 'null') continue;
    if (attr.deprecationMessage !== undefined) d.addAttributeWarning(at, 'Attribute Deprecated', attr.deprecationMessage);
    run(attr.validators, v, at, config, d);
  }
  for (const [name, nested] of Object.entries(block.blocks ?? {})) {
    const v = attributeOf(obj, name, block);
    validateNested(nested, v, path.attribute(name), config, d);
  }
}

function validateNested(nested: NestedBlockSchema, v: TfValue, at: AttributePath, config: ReadonlyObjectData, d: Diagnostics): void {
  if (v.state === 'unknown') return; // a dynamic block over values not known yet
  if (nested.nesting === 'single') {
    if (v.state === 'null') return;
    if (nested.deprecationMessage !== undefined) d.addAttributeWarning(at, 'Block Deprecated', nested.deprecationMessage);
    run(nested.validators, v, at, config, d);
    validateBlock(nested, v, at, config, d);
    return;
  }
  const items = knownElements(v) ?? [];
  const name = at.toString();
  if (nested.minItems !== undefined && items.length < nested.minItems) {
    d.addAttributeError(
      at,
      'Missing Required Block',
      nested.minItems === 1
        ? `At least one ${name} block is required.`
        : `At least ${nested.minItems} ${name} blocks are required, got ${items.length}.`,
    );
  }
  if (nested.maxItems !== undefined && nested.maxItems > 0 && items.length > nested.maxItems) {
    d.addAttributeError(
      at,
      'Too Many Blocks',
      `No more than ${nested.maxItems} ${name} block${nested.maxItems === 1 ? ' is' : 's are'} allowed, got ${items.length}.`,
    );
  }
  if (items.length === 0) return;
  if (nested.deprecationMessage !== undefined) d.addAttributeWarning(at, 'Block Deprecated', nested.deprecationMessage);
  if (v.state === 'known') run(nested.validators, v, at, config, d);
  items.forEach((e, i) => validateBlock(nested, e, nested.nesting === 'list' ? at.index(i) : at, config, d));
}

function run(
  validators: readonly AttributeValidator[] | undefined,
  value: TfValue,
  path: AttributePath,
  config: ReadonlyObjectData,
  d: Diagnostics,
): void {
  if (validators === undefined || value.state !== 'known') return;
  for (const v of validators) v.validate({ path, value, config }, d);
}
