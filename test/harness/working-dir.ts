/**
 * A fresh temporary Terraform working directory per test, with its own CLI
 * config file, wired to a provider in one of three ways:
 *
 *   devOverrides(IBM_PROVIDER)   dev_overrides → the built package dir; no init needed
 *   mirror(IBM_PROVIDER)         filesystem_mirror of a copied, unpacked package; init installs it
 *   reattach(json)               TF_REATTACH_PROVIDERS → a provider already running in debug mode
 *   (none)                       built-in resources only (terraform_data)
 *
 *   const wd = await WorkingDir.create({ wiring: devOverrides(IBM_PROVIDER) });
 *   wd.setConfig(hcl);                  // writes main.tf
 *   await wd.ensureInit();              // no-op unless the wiring needs init
 *   await wd.tf.apply();                // wd.tf is a TerraformRunner bound to the dir
 *   await wd.cleanup();                 // HARNESS_KEEP=1 keeps directories for debugging
 *
 * Provider packages are described by their fully qualified source and the
 * directory holding `terraform-provider-<type>`, so the same harness drives
 * the ibm provider, the fixture provider and the stub provider.
 */
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import type { EnvVars } from './terraform-runner.js';
import { TerraformRunner } from './terraform-runner.js';

export interface ProviderPackage {
  /** Fully qualified source address, e.g. `registry.terraform.io/ibm-cloud/ibm` (lower case). */
  readonly source: string;
  /** Directory holding the executable `terraform-provider-<type>` and everything it needs. */
  readonly dir: string;
}

const ROOT = process.cwd();

export const IBM_PROVIDER: ProviderPackage = {
  source: 'registry.terraform.io/ibm-cloud/ibm',
  dir: join(ROOT, 'dist/provider'),
};
export const FIXTURE_PROVIDER: ProviderPackage = {
  source: 'registry.terraform.io/example/fixture',
  dir: join(ROOT, 'dist/test-providers/fixture'),
};
export const STUB_PROVIDER: ProviderPackage = {
  source: 'registry.terraform.io/test/stub',
  dir: join(ROOT, 'dist/test-providers/stub'),
};

export type ProviderWiring =
  | { readonly mode: 'none' }
  | { readonly mode: 'dev_overrides'; readonly provider: ProviderPackage }
  | { readonly mode: 'mirror'; readonly provider: ProviderPackage; readonly version?: string }
  /** The TF_REATTACH_PROVIDERS JSON, or a getter (a debug provider started in beforeAll). */
  | { readonly mode: 'reattach'; readonly reattach: string | (() => string) };

export const devOverrides = (provider: ProviderPackage): ProviderWiring => ({ mode: 'dev_overrides', provider });
export const mirror = (provider: ProviderPackage, version?: string): ProviderWiring =>
  version === undefined ? { mode: 'mirror', provider } : { mode: 'mirror', provider, version };
export const reattach = (json: string | (() => string)): ProviderWiring => ({ mode: 'reattach', reattach: json });

/** `ibm` for `registry.terraform.io/ibm-cloud/ibm`. */
export function providerType(source: string): string {
  const type = source.split('/').pop();
  if (!type) throw new Error(`invalid provider source ${JSON.stringify(source)}`);
  return type;
}

/** Path of the package's executable; a clear error when the package was not built. */
export function providerExecutable(pkg: ProviderPackage): string {
  const prefix = `terraform-provider-${providerType(pkg.source)}`;
  const name = existsSync(pkg.dir) ? readdirSync(pkg.dir).sort().find((f) => f === prefix || f.startsWith(`${prefix}_`)) : undefined;
  if (name === undefined) {
    throw new Error(`${join(pkg.dir, prefix)} is missing: run \`npm run build\` first`);
  }
  return join(pkg.dir, name);
}

export interface WorkingDirOptions {
  /** Default `{ mode: 'none' }`. */
  readonly wiring?: ProviderWiring;
  /** Environment for every terraform call in this directory. */
  readonly env?: EnvVars;
  /** Name prefix of the temp directory (helps when HARNESS_KEEP=1). */
  readonly prefix?: string;
  /** Default os.tmpdir(). */
  readonly parent?: string;
  /** Keep the directory on cleanup (also with env HARNESS_KEEP=1). */
  readonly keep?: boolean;
}

export class WorkingDir {
  /** Where terraform runs (`<root>/work`). */
  readonly path: string;
  readonly tf: TerraformRunner;
  private initialized = false;

  private constructor(
    /** Temp root holding the working dir, the CLI config and any mirror. */
    readonly root: string,
    readonly cliConfigFile: string,
    readonly wiring: ProviderWiring,
    private readonly env: EnvVars,
    private readonly keep: boolean,
  ) {
    this.path = join(root, 'work');
    mkdirSync(this.path, { recursive: true });
    this.tf = new TerraformRunner({ dir: this.path, env: this.terraformEnv() });
  }

  static async create(opts: WorkingDirOptions = {}): Promise<WorkingDir> {
    const wiring = opts.wiring ?? { mode: 'none' };
    const root = mkdtempSync(join(opts.parent ?? tmpdir(), `${opts.prefix ?? 'tf-acc'}-`));
    const cliConfigFile = join(root, 'terraform.tfrc');
    writeFileSync(cliConfigFile, cliConfigFor(wiring, root));
    return new WorkingDir(root, cliConfigFile, wiring, opts.env ?? {}, opts.keep ?? process.env['HARNESS_KEEP'] === '1');
  }

  /** True when Terraform must run `init` before plan/apply (filesystem mirror). */
  get needsInit(): boolean {
    return this.wiring.mode === 'mirror';
  }

  /** Runs `terraform init` once if the wiring needs it. */
  async ensureInit(): Promise<void> {
    if (this.initialized || !this.needsInit) return;
    await this.tf.init();
    this.initialized = true;
  }

  /** Replaces the configuration (main.tf by default). */
  setConfig(hcl: string, file = 'main.tf'): void {
    this.writeFile(file, hcl);
  }

  writeFile(rel: string, content: string): void {
    const full = this.file(rel);
    mkdirSync(dirname(full), { recursive: true });
    writeFileSync(full, content);
  }

  readFile(rel: string): string {
    return readFileSync(this.file(rel), 'utf8');
  }

  hasFile(rel: string): boolean {
    return existsSync(this.file(rel));
  }

  removeFile(rel: string): void {
    rmSync(this.file(rel), { force: true });
  }

  /** Absolute path of a file inside the working directory. */
  file(rel: string): string {
    const full = resolve(this.path, rel);
    if (!full.startsWith(this.path)) throw new Error(`${rel} is outside the working directory`);
    return full;
  }

  /**
   * A new working directory with the same configuration, wiring and lock file
   * but no state (for import verification). Clean it up before this one.
   */
  async scratchCopy(): Promise<WorkingDir> {
    const root = mkdtempSync(`${this.root}-scratch-`);
    const copy = new WorkingDir(root, this.cliConfigFile, this.wiring, this.env, this.keep);
    for (const name of readdirSync(this.path)) {
      const src = join(this.path, name);
      if (!statSync(src).isFile()) continue;
      if (/\.(tf|tfvars|json)$/.test(name) || name === '.terraform.lock.hcl') {
        if (!name.startsWith('terraform.tfstate')) copyFileSync(src, join(copy.path, name));
      }
    }
    return copy;
  }

  async cleanup(): Promise<void> {
    if (this.keep) {
      process.stderr.write(`harness: kept ${this.path}\n`);
      return;
    }
    rmSync(this.root, { recursive: true, force: true });
  }

  /** Resolved per call, so a reattach getter may start its debug provider after this dir was created. */
  private terraformEnv(): () => EnvVars {
    return () => {
      const env: Record<string, string | undefined> = { TF_CLI_CONFIG_FILE: this.cliConfigFile, ...this.env };
      const w = this.wiring;
      if (w.mode === 'reattach') env['TF_REATTACH_PROVIDERS'] = typeof w.reattach === 'string' ? w.reattach : w.reattach();
      return env;
    };
  }
}

function cliConfigFor(wiring: ProviderWiring, root: string): string {
  switch (wiring.mode) {
    case 'none':
    case 'reattach':
      // An explicit empty config keeps the user's ~/.terraformrc out of tests.
      return '# no provider installation settings\n';
    case 'dev_overrides':
      providerExecutable(wiring.provider);
      return [
        'provider_installation {',
        '  dev_overrides {',
        `    ${JSON.stringify(wiring.provider.source)} = ${JSON.stringify(wiring.provider.dir)}`,
        '  }',
        '  direct {}',
        '}',
        '',
      ].join('\n');
    case 'mirror': {
      const mirrorDir = join(root, 'mirror');
      writeMirrorPackage(wiring.provider, mirrorDir, wiring.version ?? packageVersion());
      return [
        'provider_installation {',
        '  filesystem_mirror {',
        `    path    = ${JSON.stringify(mirrorDir)}`,
        `    include = [${JSON.stringify(wiring.provider.source)}]`,
        '  }',
        '}',
        '',
      ].join('\n');
    }
  }
}

/**
 * Unpacked mirror layout `<host>/<ns>/<type>/<version>/<os_arch>/`, holding a
 * copy (not a link: the installed package must not reach back into the
 * repository) of the package with the executable named `..._v<version>`.
 */
export function writeMirrorPackage(pkg: ProviderPackage, mirrorDir: string, version: string): string {
  const exe = providerExecutable(pkg);
  const target = join(mirrorDir, ...pkg.source.split('/'), version, platformDir());
  const exeName = `terraform-provider-${providerType(pkg.source)}_v${version}`;
  copyTree(pkg.dir, target, (from) => (from === exe ? exeName : undefined));
  return target;
}

/** Copies a directory tree (file modes included); `rename` may give a file another name. */
function copyTree(src: string, dest: string, rename: (from: string) => string | undefined): void {
  mkdirSync(dest, { recursive: true });
  for (const name of readdirSync(src)) {
    const from = join(src, name);
    if (statSync(from).isDirectory()) copyTree(from, join(dest, name), rename);
    else copyFileSync(from, join(dest, rename(from) ?? name));
  }
}

function platformDir(): string {
  const arch = process.arch === 'x64' ? 'amd64' : process.arch;
  return `${process.platform}_${arch}`;
}

function packageVersion(): string {
  try {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version?: string };
    return pkg.version ?? '0.0.1';
  } catch {
    return '0.0.1';
  }
}
