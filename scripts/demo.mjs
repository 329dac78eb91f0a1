#!/usr/bin/env node
// `npm run demo`: the quickstart end to end, with no network and no IBM
// Cloud account.
//
//   1. builds the provider if dist/ is missing or older than src/;
//   2. writes a CLI config with a filesystem mirror of the built provider
//      (so a plain `terraform init` installs it) under .tmp/demo/;
//   3. runs `terraform init` and `terraform apply` of examples/quickstart
//      against an embedded store (.tmp/demo/quickstart.db);
//   4. shows the resulting secret, credential values redacted;
//   5. plans a TTL change, so you see what it means for the credentials.
//
// Everything stays in .tmp/demo/ (the next run starts afresh there), or in
// $IBM_SM_DEMO_DIR when set.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { writeCliConfig } from './write-cli-config.mjs';

const root = process.cwd();
const demoDir = resolve(process.env.IBM_SM_DEMO_DIR || join(root, '.tmp/demo'));
const workDir = join(demoDir, 'quickstart');
const store = join(demoDir, 'quickstart.db');
const providerEntry = join(root, 'dist/provider/provider.cjs');

const bold = (s) => (process.stdout.isTTY ? `\x1b[1m${s}\x1b[0m` : s);
const step = (s) => console.log(`\n${bold(`==> ${s}`)}`);

function newestMtime(dir) {
  let newest = 0;
  for (const name of readdirSync(dir)) {
    const full = join(dir, name);
    const st = statSync(full);
    newest = Math.max(newest, st.isDirectory() ? newestMtime(full) : st.mtimeMs);
  }
  return newest;
}

function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { stdio: opts.capture ? ['ignore', 'pipe', 'inherit'] : 'inherit', encoding: 'utf8', ...opts });
  if (r.error) {
    console.error(`demo: could not run ${cmd}: ${r.error.message}`);
    process.exit(1);
  }
  if (!(opts.okStatus ?? [0]).includes(r.status)) {
    console.error(`demo: ${cmd} ${args.join(' ')} failed (exit ${r.status})`);
    process.exit(r.status ?? 1);
  }
  return r;
}

// 1. Build if needed.
const stale = !existsSync(providerEntry) || !existsSync(join(root, 'dist/cli/ibm-sm.cjs')) || newestMtime(join(root, 'src')) > statSync(providerEntry).mtimeMs;
if (stale) {
  step('Building the provider (npm run build)');
  run(process.execPath, [join(root, 'scripts/build.mjs')]);
}

// 2. A fresh working directory and a CLI config with a filesystem mirror.
step(`Preparing ${demoDir}`);
rmSync(demoDir, { recursive: true, force: true });
mkdirSync(workDir, { recursive: true });
cpSync(join(root, 'examples/quickstart'), workDir, { recursive: true });
const cliConfig = writeCliConfig({ root, mode: 'mirror', file: join(demoDir, 'terraform.tfrc'), mirrorDir: join(demoDir, 'mirror') });
console.log(`CLI config: ${cliConfig} (filesystem mirror of dist/provider)`);
console.log(`Store:      ${store} (the embedded Secrets Manager engine)`);

const env = { ...process.env, TF_CLI_CONFIG_FILE: cliConfig, CHECKPOINT_DISABLE: '1', TF_IN_AUTOMATION: '1' };
for (const k of Object.keys(env)) if (k.startsWith('TF_LOG') || k.startsWith('IC_') || k.startsWith('IBMCLOUD_') || k === 'IBM_SM_LOCAL_STORE') delete env[k];
const color = process.stdout.isTTY ? [] : ['-no-color'];
const tf = ([cmd, ...rest], opts = {}) => run('terraform', [cmd, ...color, ...rest], { cwd: workDir, env, ...opts });
const storeVar = `-var=local_store=${store}`;

// 3. init + apply.
step('terraform init');
tf(['init', '-input=false']);
step('terraform apply (examples/quickstart)');
tf(['apply', '-input=false', '-auto-approve', storeVar]);

// 4. The secret, credentials redacted.
step('The secret in the Terraform state (credential values redacted)');
const shown = JSON.parse(tf(['show', '-json'], { capture: true }).stdout);
const secret = shown.values.root_module.resources.find((r) => r.type === 'ibm_sm_service_credentials_secret');
const v = secret.values;
const redacted = Object.fromEntries(Object.entries(v.credentials ?? {}).map(([k, val]) => [k, `<redacted, ${String(val).length} characters>`]));
const view = {
  id: v.id,
  name: v.name,
  secret_group_id: v.secret_group_id,
  state: `${v.state} (${v.state_description})`,
  ttl: v.ttl,
  created_at: v.created_at,
  expiration_date: v.expiration_date,
  rotation: v.rotation?.[0],
  next_rotation_date: v.next_rotation_date,
  versions_total: v.versions_total,
  credentials: redacted,
};
console.log(JSON.stringify(view, null, 2));
console.log(`\nReference a value as ibm_sm_service_credentials_secret.cos_hmac.credentials["cos_hmac_keys.access_key_id"];`);
console.log(`the same secret through the CLI: bin/ibm-sm --store ${store} --instance-id ${v.instance_id} secret-metadata --id ${v.secret_id}`);

// 5. What a TTL change means.
step('terraform plan -var ttl=20d: a TTL change applies from the next rotation');
tf(['plan', '-input=false', storeVar, '-var=ttl=20d', '-detailed-exitcode'], { okStatus: [0, 2] }); // 2: the plan has changes

step('Done');
console.log(`The secrets stay in ${store}. To go on by hand:`);
console.log(`  cd ${workDir}`);
console.log(`  export TF_CLI_CONFIG_FILE=${cliConfig}`);
console.log(`  terraform apply -var local_store=${store} -var ttl=20d     # then: terraform destroy -var local_store=${store}`);
