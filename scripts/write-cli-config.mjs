#!/usr/bin/env node
// Writes a terraform CLI config (TF_CLI_CONFIG_FILE) that points Terraform at
// the built provider, either way:
//   dev    dev_overrides: Terraform runs dist/provider directly; no `terraform init`.
//   mirror an unpacked filesystem_mirror: `terraform init` installs (copies) the
//          package into .terraform/ and records it in the lock file.
//
//   node scripts/write-cli-config.mjs [--mode dev|mirror] [--out FILE]
//        [--provider SOURCE=PACKAGE_DIR]... [--mirror-dir DIR] [--version X.Y.Z]
// Prints `export TF_CLI_CONFIG_FILE=...` for a shell to eval.
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

export const IBM_PROVIDER_SOURCE = 'registry.terraform.io/ibm-cloud/ibm';

/** Terraform's platform name for this machine, e.g. linux_amd64. */
export function terraformPlatform(platform = process.platform, arch = process.arch) {
  const goArch = { x64: 'amd64', arm64: 'arm64', ia32: '386', arm: 'arm' }[arch] ?? arch;
  const goOs = platform === 'win32' ? 'windows' : platform;
  return `${goOs}_${goArch}`;
}

function packageVersion(root) {
  return JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version;
}

const hcl = (s) => JSON.stringify(s); // HCL string literals accept JSON escapes

/**
 * Copies a built provider package into an unpacked mirror layout
 * MIRROR/HOST/NAMESPACE/TYPE/VERSION/OS_ARCH/ and returns that directory.
 */
export function installIntoMirror({ mirrorDir, source, packageDir, version }) {
  const [host, namespace, type] = source.split('/');
  if (!host || !namespace || !type) throw new Error(`provider source must be HOST/NAMESPACE/TYPE: ${source}`);
  if (!existsSync(packageDir)) throw new Error(`${packageDir} does not exist: run npm run build`);
  const target = join(mirrorDir, host, namespace, type, version, terraformPlatform());
  rmSync(target, { recursive: true, force: true });
  mkdirSync(dirname(target), { recursive: true });
  cpSync(packageDir, target, { recursive: true, dereference: true });
  return target;
}

/**
 * Writes the CLI config file and returns its path.
 * providers: [{ source, dir }] where dir is a built package directory (default: the IBM provider).
 */
export function writeCliConfig({
  root = process.cwd(),
  mode = 'dev',
  file,
  providers = [{ source: IBM_PROVIDER_SOURCE, dir: join(root, 'dist/provider') }],
  mirrorDir = join(root, '.tmp/terraform-mirror'),
  version = packageVersion(root),
} = {}) {
  const out = resolve(file ?? join(root, `.tmp/terraform-${mode}.tfrc`));
  const sources = providers.map((p) => p.source);
  let body;
  if (mode === 'dev') {
    const lines = providers.map((p) => `    ${hcl(p.source)} = ${hcl(resolve(p.dir))}`);
    body = `provider_installation {\n  dev_overrides {\n${lines.join('\n')}\n  }\n  direct {}\n}\n`;
  } else if (mode === 'mirror') {
    for (const p of providers) installIntoMirror({ mirrorDir, source: p.source, packageDir: p.dir, version });
    body =
      `provider_installation {\n  filesystem_mirror {\n    path    = ${hcl(resolve(mirrorDir))}\n` +
      `    include = [${sources.map(hcl).join(', ')}]\n  }\n` +
      `  direct {\n    exclude = [${sources.map(hcl).join(', ')}]\n  }\n}\n`;
  } else {
    throw new Error(`unknown mode ${mode} (dev or mirror)`);
  }
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, `# Written by scripts/write-cli-config.mjs (${mode}).\n${body}`);
  return out;
}

function main() {
  const { values } = parseArgs({
    options: {
      mode: { type: 'string', default: 'dev' },
      out: { type: 'string' },
      provider: { type: 'string', multiple: true },
      'mirror-dir': { type: 'string' },
      version: { type: 'string' },
    },
  });
  const providers = values.provider?.map((spec) => {
    const eq = spec.indexOf('=');
    if (eq < 0) throw new Error(`--provider wants SOURCE=PACKAGE_DIR, got ${spec}`);
    return { source: spec.slice(0, eq), dir: resolve(spec.slice(eq + 1)) };
  });
  // From the command line the repo is the one holding this script, wherever the shell is.
  const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
  const file = writeCliConfig({
    root,
    mode: values.mode,
    ...(values.out && { file: values.out }),
    ...(providers && { providers }),
    ...(values['mirror-dir'] && { mirrorDir: resolve(values['mirror-dir']) }),
    ...(values.version && { version: values.version }),
  });
  console.log(`export TF_CLI_CONFIG_FILE=${file}`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  try {
    main();
  } catch (err) {
    console.error(`write-cli-config: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  }
}
