/**
 * Golden bytes from go-cty itself: a saved Terraform plan (`tfplan` inside the
 * plan zip) holds the planned values as msgpack written by go-cty, encoded
 * against the resource schema's type. We decode them and re-encode: the bytes
 * must be identical. terraform_data's input/output are `dynamic`, so this also
 * covers [type, value] wrapping, unknowns, big ints and decimal text.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Reader } from 'protobufjs/minimal.js';
import { decodeMsgpack, encodeMsgpack } from '../../src/tftypes/msgpack.js';
import { Types } from '../../src/tftypes/type.js';
import { getAttribute, knownEntries, knownNumber } from '../../src/tftypes/value.js';
import type { TfValue } from '../../src/tftypes/value.js';

const CONFIG = `
variable "big" {
  type    = number
  default = 9007199254740993
}
resource "terraform_data" "a" {
  input = {
    s      = "x"
    long   = "${'y'.repeat(40)}"
    dec    = 1.1
    big    = var.big
    neg    = -300
    half   = 0.5
    huge   = 1e30
    tup    = ["a", 2, true]
    list   = tolist(["b", "a"])
    set    = toset(["b", "a", "b"])
    map    = tomap({ z = "1", a = "2" })
    nested = [{ k = 1, j = null }]
    nul    = null
  }
}
output "out" {
  value = terraform_data.a.output
}
`;

/** terraform_data's schema type (id string; input, output, triggers_replace dynamic). */
const TERRAFORM_DATA = Types.object({
  id: Types.string,
  input: Types.dynamic,
  output: Types.dynamic,
  triggers_replace: Types.dynamic,
});

interface Fields {
  readonly bytes: Map<number, Uint8Array[]>;
}

/** The length-delimited fields of one protobuf message, by field number. */
function fields(buf: Uint8Array): Fields {
  const r = Reader.create(buf);
  const bytes = new Map<number, Uint8Array[]>();
  while (r.pos < r.len) {
    const tag = r.uint32();
    const [field, wire] = [tag >>> 3, tag & 7];
    if (wire === 2) bytes.set(field, [...(bytes.get(field) ?? []), r.bytes()]);
    else r.skipType(wire);
  }
  return { bytes };
}

const str = (b: Uint8Array | undefined): string => Buffer.from(b ?? []).toString('utf8');

let work: string;
let plan: Fields;

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'tftypes-golden-'));
  writeFileSync(join(work, 'main.tf'), CONFIG);
  writeFileSync(join(work, 'cli.tfrc'), '');
  const env = { PATH: process.env['PATH'], HOME: work, CHECKPOINT_DISABLE: '1', TF_CLI_CONFIG_FILE: join(work, 'cli.tfrc') };
  execFileSync('terraform', ['plan', '-input=false', '-no-color', '-out=tfplan', '-var=big=9007199254740993'], { cwd: work, env, stdio: 'pipe' });
  // planfile.proto: Plan.variables = 2 (map<string, DynamicValue>), resource_changes = 3, output_changes = 4.
  plan = fields(execFileSync('unzip', ['-p', 'tfplan', 'tfplan'], { cwd: work }));
});

afterAll(() => rmSync(work, { recursive: true, force: true }));

/** msgpack of ResourceInstanceChange(addr = 13).change(9).values(2)[i].msgpack(1). */
function resourceValue(addr: string, i = 0): Uint8Array {
  for (const rc of plan.bytes.get(3) ?? []) {
    const f = fields(rc);
    if (str(f.bytes.get(13)?.[0]) !== addr) continue;
    const change = fields(f.bytes.get(9)![0]!);
    return fields(change.bytes.get(2)![i]!).bytes.get(1)![0]!;
  }
  throw new Error(`${addr} not in the plan`);
}

test('a planned resource object: decode, then re-encode to the same bytes', () => {
  const bytes = resourceValue('terraform_data.a');
  const value = decodeMsgpack(bytes, TERRAFORM_DATA);
  expect(Buffer.from(encodeMsgpack(value, TERRAFORM_DATA)).toString('hex')).toBe(Buffer.from(bytes).toString('hex'));

  expect(getAttribute(value, 'id').state).toBe('unknown');
  expect(getAttribute(value, 'output')).toMatchObject({ state: 'unknown' });
  expect(getAttribute(value, 'triggers_replace')).toEqual({ state: 'null', type: Types.dynamic });
  const input = getAttribute(value, 'input');
  const attrs = knownEntries(input)!;
  expect(knownNumber(attrs['dec']!)).toBe('1.1');
  expect(knownNumber(attrs['big']!)).toBe(9007199254740993n);
  expect(knownNumber(attrs['neg']!)).toBe(-300);
  expect(knownNumber(attrs['half']!)).toBe(0.5);
  expect(knownNumber(attrs['huge']!)).toBe(10n ** 30n);
  expect(attrs['tup']!.type).toEqual(Types.tuple([Types.string, Types.number, Types.bool]));
  expect(attrs['set']!.type).toEqual(Types.set(Types.string));
  expect((attrs['set'] as TfValue & { value: TfValue[] }).value).toHaveLength(2);
  expect(attrs['map']!.type).toEqual(Types.map(Types.string));
  expect(attrs['nul']).toEqual({ state: 'null', type: Types.dynamic });
});

test('variables and output changes are dynamic values: same bytes after a round trip', () => {
  const entries = plan.bytes.get(2) ?? [];
  expect(entries.length).toBeGreaterThan(0);
  for (const entry of entries) {
    const kv = fields(entry); // map entry: key = 1, value = 2 (DynamicValue)
    const bytes = fields(kv.bytes.get(2)![0]!).bytes.get(1)![0]!;
    const value = decodeMsgpack(bytes, Types.dynamic);
    expect(Buffer.from(encodeMsgpack(value, Types.dynamic))).toEqual(Buffer.from(bytes));
    // -var values are stored as the raw strings given on the command line.
    if (str(kv.bytes.get(1)?.[0]) === 'big') expect(value).toEqual({ state: 'known', type: Types.string, value: '9007199254740993' });
  }
  const outputs = plan.bytes.get(4) ?? [];
  expect(outputs).toHaveLength(1);
  const change = fields(fields(outputs[0]!).bytes.get(2)![0]!);
  for (const dv of change.bytes.get(2) ?? []) {
    const bytes = fields(dv).bytes.get(1)?.[0] ?? new Uint8Array(0);
    if (bytes.length === 0) continue;
    const value = decodeMsgpack(bytes, Types.dynamic);
    expect(Buffer.from(encodeMsgpack(value, Types.dynamic))).toEqual(Buffer.from(bytes));
  }
});
