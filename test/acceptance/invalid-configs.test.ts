/**
 * A corpus of configurations the service would reject, each caught at plan
 * time with a diagnostic on the right attribute and no provider crash.
 *
 * Every case is its own .tf file in one working directory, and the line of
 * the offending attribute ends in `# <-`; one `terraform validate -json`
 * (against a reattached provider, so it is fast) reports them all, and each
 * diagnostic must point at its file and line — Terraform maps the
 * attribute path the provider gives to that source range, so a wrong path
 * lands on a wrong line. Checks that need the plan (a rotation interval
 * left out on create) run as plans afterwards.
 */
import type { DiagnosticJson } from '../harness/index.js';
import { WorkingDir } from '../harness/index.js';
import { accTarget, targets } from './acc-target.js';
import { COS_CRN, EN_CRN, SERVICE_ID_CRN, WRITER } from './configs.js';

const INSTANCE = '6ebc4224-e983-496a-8a54-f40a0bfa9175';

interface Case {
  readonly name: string;
  /** The resource or data source; the offending line ends with `# <-` (none: the block itself). */
  readonly hcl: string;
  readonly summary: RegExp;
  /** Words the detail must contain (what to write instead). */
  readonly detail?: RegExp;
}

interface SecretParts {
  readonly top?: string;
  readonly instance?: string;
  readonly role?: string | null;
  readonly parameters?: string;
  readonly extra?: string;
  readonly source?: string | null;
}

let counter = 0;
function secret(p: SecretParts = {}): string {
  counter += 1;
  const role = p.role === null ? '' : `    role {\n      crn = ${p.role ?? `"${WRITER}"`}\n    }\n`;
  const source =
    p.source === null
      ? ''
      : (p.source ??
        `  source_service {\n    instance {\n      crn = ${p.instance ?? `"${EN_CRN}"`}\n    }\n${role}${p.parameters !== undefined ? `    parameters = ${p.parameters}\n` : ''}  }\n`);
  return `resource "ibm_sm_service_credentials_secret" "c${counter}" {
  instance_id = "${INSTANCE}"
${p.top ?? '  name        = "valid-name"\n'}${source}${p.extra ?? ''}}
`;
}

const named = (line: string) => `  ${line} # <-\n`;
const rot = (body: string) => `  rotation {\n${body}\n  }\n`;

const CASES: readonly Case[] = [
  { name: 'name too short', hcl: secret({ top: named('name = "a"') }), summary: /Invalid Secret Name/, detail: /2 to 256/ },
  { name: 'name with spaces', hcl: secret({ top: named('name = "bad name!"') }), summary: /Invalid Secret Name/, detail: /letters, digits/ },
  { name: 'name starting with a dash', hcl: secret({ top: named('name = "-abc"') }), summary: /Invalid Secret Name/ },
  { name: 'name ending with a dot', hcl: secret({ top: named('name = "abc."') }), summary: /Invalid Secret Name/ },
  { name: 'name too long', hcl: secret({ top: named(`name = "${'n'.repeat(257)}"`) }), summary: /Invalid Secret Name/ },
  {
    name: 'description too long',
    hcl: secret({ top: `  name = "ok-name"\n${named(`description = "${'d'.repeat(1025)}"`)}` }),
    summary: /Invalid Description/,
    detail: /1024/,
  },
  {
    name: 'too many labels',
    hcl: secret({ top: `  name = "ok-name"\n${named(`labels = [${Array.from({ length: 31 }, (_, i) => `"label-${i}"`).join(', ')}]`)}` }),
    summary: /Invalid Labels/,
    detail: /At most 30/,
  },
  { name: 'label too short', hcl: secret({ top: `  name = "ok-name"\n${named('labels = ["ok", "x"]')}` }), summary: /Invalid Labels/, detail: /2 to 64/ },
  { name: 'ttl not a duration', hcl: secret({ extra: named('ttl = "abc"') }), summary: /Invalid TTL/, detail: /86400 or 24h/ },
  { name: 'ttl below one day', hcl: secret({ extra: named('ttl = "12h"') }), summary: /Invalid TTL/, detail: /between 1 day/ },
  { name: 'ttl above 90 days', hcl: secret({ extra: named('ttl = "91d"') }), summary: /Invalid TTL/, detail: /90 days/ },
  { name: 'ttl too long a text', hcl: secret({ extra: named('ttl = "10000000000000"') }), summary: /Invalid TTL/ },
  { name: 'ttl negative', hcl: secret({ extra: named('ttl = "-5"') }), summary: /Invalid TTL/ },
  { name: 'rotation interval 0', hcl: secret({ extra: rot(`    auto_rotate = true\n  ${named('interval = 0')}    unit = "day"`) }), summary: /Invalid Rotation Policy/, detail: /at least 1/ },
  { name: 'rotation unit week', hcl: secret({ extra: rot(`    auto_rotate = true\n    interval = 1\n  ${named('unit = "week"')}`) }), summary: /Invalid Rotation Policy/, detail: /"day" or "month"/ },
  { name: 'rotation 4 months', hcl: secret({ extra: rot(`    auto_rotate = true\n  ${named('interval = 4')}    unit = "month"`) }), summary: /Invalid Rotation Policy/, detail: /3 months/ },
  { name: 'rotation 100 days', hcl: secret({ extra: rot(`    auto_rotate = true\n  ${named('interval = 100')}    unit = "day"`) }), summary: /Invalid Rotation Policy/, detail: /3 months/ },
  {
    name: 'rotation longer than ttl',
    hcl: secret({ extra: `  ttl = "30d"\n${rot(`    auto_rotate = true\n  ${named('interval = 2')}    unit = "month"`)}` }),
    summary: /Invalid Rotation Policy/,
    detail: /cannot be longer than the TTL/,
  },
  {
    name: 'rotation in days longer than ttl',
    hcl: secret({ extra: `  ttl = "7d"\n${rot(`    auto_rotate = true\n  ${named('interval = 8')}    unit = "day"`)}` }),
    summary: /Invalid Rotation Policy/,
    detail: /cannot be longer than the TTL/,
  },
  { name: 'rotation interval not whole', hcl: secret({ extra: rot(`    auto_rotate = true\n  ${named('interval = 1.5')}    unit = "day"`) }), summary: /Invalid Rotation Policy/, detail: /whole number/ },
  { name: 'secret group id not a UUID', hcl: secret({ extra: named('secret_group_id = "my-group"') }), summary: /Invalid Secret Group ID/, detail: /"default"/ },
  { name: 'instance id not a UUID', hcl: secret({ top: `  name = "ok-name"\n` }).replace(`instance_id = "${INSTANCE}"`, 'instance_id = "not-a-uuid" # <-'), summary: /Invalid Instance ID/, detail: /GUID/ },
  { name: 'region not a region', hcl: secret({ extra: named('region = "Mars"') }), summary: /Invalid Region/, detail: /us-south/ },
  { name: 'endpoint_type unknown', hcl: secret({ extra: named('endpoint_type = "internal"') }), summary: /Invalid Attribute Value/, detail: /public/ },
  { name: 'instance CRN not a CRN', hcl: secret({ instance: '"not-a-crn" # <-' }), summary: /Invalid Source Service Instance CRN/, detail: /crn:v1:/ },
  {
    name: 'instance CRN of an unsupported service',
    hcl: secret({ instance: '"crn:v1:bluemix:public:kms:us-south:a/347df6de25020f0fa8b711c6d9881111:f35e85fc-3d4d-476e-8547-51222e3c1111::" # <-' }),
    summary: /Invalid Source Service Instance CRN/,
    detail: /does not support service credentials/,
  },
  {
    name: 'instance CRN of a resource inside the instance',
    hcl: secret({ instance: `"${COS_CRN.replace(/::$/, ':bucket:b1')}" # <-` }),
    summary: /Invalid Source Service Instance CRN/,
  },
  { name: 'role CRN with an unknown role', hcl: secret({ role: '"crn:v1:bluemix:public:iam::::serviceRole:Owner" # <-' }), summary: /Invalid Role CRN/, detail: /Unknown service role/ },
  { name: 'role CRN not a CRN', hcl: secret({ role: '"Writer" # <-' }), summary: /Invalid Role CRN/, detail: /10 colon-separated/ },
  {
    name: 'role of another service',
    hcl: secret({ role: '"crn:v1:bluemix:public:iam::::serviceRole:ObjectWriter" # <-' }),
    summary: /Invalid Role CRN/,
    detail: /Reader, Writer, Manager/,
  },
  { name: 'HMAC not a boolean', hcl: secret({ instance: `"${COS_CRN}"`, parameters: '{ HMAC = "yes" } # <-' }), summary: /Invalid Source Service Parameter/, detail: /true or false/ },
  { name: 'serviceid_crn not a service ID', hcl: secret({ parameters: '{ serviceid_crn = "crn:v1:bluemix:public:iam-identity::a/347df6de25020f0fa8b711c6d9881111::serviceid:x" } # <-' }), summary: /Invalid Source Service Parameter/, detail: /ServiceId-/ },
  {
    name: 'custom metadata over 10 KB',
    hcl: secret({ extra: named(`custom_metadata = { big = "${'m'.repeat(10_300)}" }`) }),
    summary: /Invalid Custom Metadata/,
    detail: /10 KB/,
  },
  {
    name: 'version custom metadata over 10 KB',
    hcl: secret({ extra: named(`version_custom_metadata = { big = "${'v'.repeat(10_300)}" }`) }),
    summary: /Invalid Custom Metadata/,
    detail: /10 KB/,
  },
  { name: 'two rotation blocks', hcl: secret({ extra: `${rot('    auto_rotate = false')}${rot('    auto_rotate = false')}` }), summary: /Too many rotation blocks|Too Many Blocks/ },
  { name: 'no source_service block', hcl: secret({ source: null }), summary: /Insufficient source_service blocks|Missing Required Block/ },
  {
    name: 'secret group name too short',
    hcl: `resource "ibm_sm_secret_group" "g1" {\n  instance_id = "${INSTANCE}"\n  name = "x" # <-\n}\n`,
    summary: /Invalid Secret Group Name/,
    detail: /2 to 64/,
  },
  {
    name: 'secret group named default',
    hcl: `resource "ibm_sm_secret_group" "g2" {\n  instance_id = "${INSTANCE}"\n  name = "default" # <-\n}\n`,
    summary: /Invalid Secret Group Name/,
    detail: /reserved/,
  },
  {
    name: 'data source without secret_id or name',
    hcl: `data "ibm_sm_service_credentials_secret" "d1" {\n  instance_id = "${INSTANCE}"\n}\n`,
    summary: /Invalid Attribute Combination/,
    detail: /Exactly one of these attributes must be configured: secret_id, name/,
  },
  {
    name: 'data source secret_group_name without name',
    hcl: `data "ibm_sm_service_credentials_secret" "d2" {\n  instance_id = "${INSTANCE}"\n  secret_id = "${INSTANCE}"\n  secret_group_name = "default" # <-\n}\n`,
    summary: /Invalid Attribute Combination/,
    detail: /secret_group_name requires name/,
  },
  {
    name: 'data source group id not a UUID',
    hcl: `data "ibm_sm_secret_group" "d3" {\n  instance_id = "${INSTANCE}"\n  secret_group_id = "nope" # <-\n}\n`,
    summary: /Invalid Secret Group ID/,
  },
];

function markedLine(hcl: string): number | undefined {
  const i = hcl.split('\n').findIndex((l) => l.includes('# <-'));
  return i < 0 ? undefined : i + 1;
}

for (const name of targets(['local-reattach'])) {
  describe(name, () => {
    const acc = accTarget(name);

    test(`${CASES.length} invalid configurations: each one diagnostic at its attribute, no crash`, async () => {
      expect(CASES.length).toBeGreaterThanOrEqual(30);
      const wd = await WorkingDir.create({ wiring: acc.wiring(), prefix: 'acc-invalid' });
      try {
        wd.setConfig(acc.config(''), 'main.tf');
        CASES.forEach((c, i) => wd.writeFile(`case-${String(i).padStart(2, '0')}.tf`, c.hcl));
        await wd.ensureInit();
        const result = await wd.tf.validate();
        expect(result.valid).toBe(false);
        const byFile = new Map<string, DiagnosticJson[]>();
        for (const d of result.diagnostics) {
          const file = d.range?.filename ?? '(none)';
          byFile.set(file, [...(byFile.get(file) ?? []), d]);
        }
        const problems: string[] = [];
        CASES.forEach((c, i) => {
          const file = `case-${String(i).padStart(2, '0')}.tf`;
          const found = (byFile.get(file) ?? []).filter((d) => d.severity === 'error');
          const describe = found.map((d) => `${d.summary} @${d.range?.start.line}: ${d.detail ?? ''}`).join(' | ') || 'no error';
          if (found.length !== 1) {
            problems.push(`${c.name} (${file}): expected exactly one error, got ${describe}`);
            return;
          }
          const d = found[0]!;
          const line = markedLine(c.hcl);
          if (!c.summary.test(d.summary)) problems.push(`${c.name}: summary ${JSON.stringify(d.summary)} does not match ${c.summary}`);
          if (c.detail !== undefined && !c.detail.test((d.detail ?? '').replace(/\s+/g, ' '))) problems.push(`${c.name}: detail does not match ${c.detail}: ${d.detail}`);
          if (line !== undefined && (d.range === undefined || d.range.start.line > line || d.range.end.line < line)) {
            problems.push(`${c.name}: points at lines ${d.range?.start.line}-${d.range?.end.line}, expected line ${line}`);
          }
        });
        expect(problems).toEqual([]);
        expect(byFile.get('main.tf') ?? []).toEqual([]);
        // Still alive and well: a valid configuration validates against the same provider process.
        for (let i = 0; i < CASES.length; i++) wd.removeFile(`case-${String(i).padStart(2, '0')}.tf`);
        wd.writeFile('valid.tf', secret({ top: '  name = "still-fine"\n' }));
        expect((await wd.tf.validate()).valid).toBe(true);
        expect(acc.providerLog()).not.toMatch(/Unexpected Provider Error|panic|TypeError/);
      } finally {
        await wd.cleanup();
      }
    });

    test('checks that need the plan: a rotation without interval, no role on create, no backend configured', async () => {
      const inst = acc.instance();
      const wd = await WorkingDir.create({ wiring: acc.wiring(), prefix: 'acc-invalid-plan' });
      try {
        wd.setConfig(
          acc.config(`resource "ibm_sm_service_credentials_secret" "r" {
  instance_id = "${inst.id}"
  name        = "rotates"
  source_service {
    instance {
      crn = "${EN_CRN}"
    }
    parameters = { serviceid_crn = "${SERVICE_ID_CRN}" }
  }
  rotation {
    auto_rotate = true
  }
}
`),
        );
        await wd.ensureInit();
        const plan = await wd.tf.plan({ json: true }).then(
          () => undefined,
          (e: unknown) => e as { diagnostics: readonly DiagnosticJson[] },
        );
        expect(plan?.diagnostics.map((d) => `${d.summary}: ${d.detail}`)).toEqual([expect.stringMatching(/Invalid Rotation Policy: An interval is required when auto_rotate is true/)]);

        const noRole = `resource "ibm_sm_service_credentials_secret" "r" {
  instance_id = "${inst.id}"
  name        = "no-role"
  source_service { # <-
    instance {
      crn = "${EN_CRN}"
    }
  }
}
`;
        wd.setConfig(acc.config(noRole));
        const missing = await wd.tf.plan({ json: true }).then(
          () => undefined,
          (e: unknown) => e as { diagnostics: readonly DiagnosticJson[] },
        );
        expect(missing?.diagnostics).toHaveLength(1);
        const [role] = missing!.diagnostics;
        expect(role).toMatchObject({ summary: 'Missing Role', detail: expect.stringContaining('serviceRole:Writer') });
        expect(role!.range?.start.line).toBe(acc.config(noRole).split('\n').findIndex((l) => l.includes('# <-')) + 1);

        wd.setConfig(`${acc.config('').replace(/provider "ibm" \{[\s\S]*?\n\}/, 'provider "ibm" {\n}')}
resource "ibm_sm_secret_group" "g" {
  instance_id = "${inst.id}"
  name        = "no-backend"
}
`);
        const none = await wd.tf.plan({ json: true }).then(
          () => undefined,
          (e: unknown) => e as { diagnostics: readonly DiagnosticJson[] },
        );
        const text = none?.diagnostics.map((d) => `${d.summary}: ${d.detail}`).join('\n') ?? '';
        expect(text).toMatch(/No Secrets Manager Backend Configured/);
        expect(text).toMatch(/ibmcloud_api_key/);
        expect(text).toMatch(/local_store/);
      } finally {
        await wd.cleanup();
      }
    });
  });
}
