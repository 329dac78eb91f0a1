/**
 * A typed wrapper over the real `terraform` binary, in the spirit of
 * terraform-exec: one runner per working directory, no shell, always
 * `-no-color` and `-input=false`, JSON parsed where Terraform offers it.
 *
 *   const tf = new TerraformRunner({ dir, env: { TF_CLI_CONFIG_FILE: cfg } });
 *   await tf.init();
 *   const { changes } = await tf.plan({ out: 'tfplan' });      // -detailed-exitcode
 *   const plan = await tf.showPlanJson('tfplan');              // PlanJson
 *   await tf.apply({ planFile: 'tfplan' });                    // or apply() = -auto-approve
 *   const state = await tf.showStateJson();                    // StateJson
 *   await tf.import('ibm_x.a', 'id'); await tf.stateList(); await tf.output('name');
 *   await tf.destroy();
 *
 * Every call takes { env, timeoutMs, signal }. A non-zero exit (other than
 * plan's 2 = "changes") throws TerraformError carrying the arguments, exit code,
 * stdout and stderr; its message ends with stderr so jest shows Terraform's
 * diagnostics. The environment is isolated: inherited TF_*, PLUGIN_*, IC_*,
 * IBMCLOUD_* and IBM_SM_* variables are dropped; CHECKPOINT_DISABLE=1 and
 * TF_IN_AUTOMATION=1 are set; the runner's env and the call's env come on top
 * (a value of undefined removes a variable).
 */
import { spawn } from 'node:child_process';
import { isAbsolute, join } from 'node:path';
import type { DiagnosticJson, OutputJson, PlanJson, StateJson, ValidateJson, VersionJson } from './terraform-json.js';

export type EnvVars = Readonly<Record<string, string | undefined>>;

export interface RunOptions {
  /** Extra environment for this call (e.g. IBM_SM_LOCAL_CLOCK_OFFSET, TF_LOG). */
  readonly env?: EnvVars;
  /** Default: the runner's defaultTimeoutMs (90 s). */
  readonly timeoutMs?: number;
  readonly signal?: AbortSignal;
}

export interface RunResult {
  readonly args: readonly string[];
  readonly exitCode: number;
  readonly stdout: string;
  readonly stderr: string;
  readonly durationMs: number;
}

export interface VarOptions {
  /** `-var name=value` for each entry. */
  readonly vars?: Readonly<Record<string, string>>;
  readonly varFiles?: readonly string[];
}

export interface PlanOptions extends RunOptions, VarOptions {
  /** Save the plan to this file (relative to the working directory). */
  readonly out?: string;
  readonly refreshOnly?: boolean;
  /** `-refresh=false` when false. */
  readonly refresh?: boolean;
  readonly destroy?: boolean;
  readonly targets?: readonly string[];
  readonly replace?: readonly string[];
  /** `-generate-config-out=FILE` for `import {}` blocks. The file must not exist yet. */
  readonly generateConfigOut?: string;
  /** `-json` UI output: diagnostics come back parsed in `diagnostics`. */
  readonly json?: boolean;
}

export interface PlanResult extends RunResult {
  /** From -detailed-exitcode: exit 2 means the plan has changes. */
  readonly changes: boolean;
  /** Parsed only with `json: true`. */
  readonly diagnostics: readonly DiagnosticJson[];
}

export interface ApplyOptions extends RunOptions, VarOptions {
  /** Apply this saved plan; without it apply runs with -auto-approve. */
  readonly planFile?: string;
  readonly refreshOnly?: boolean;
  readonly targets?: readonly string[];
  readonly replace?: readonly string[];
}

export interface DestroyOptions extends RunOptions, VarOptions {
  readonly targets?: readonly string[];
}

export interface InitOptions extends RunOptions {
  readonly upgrade?: boolean;
  readonly extraArgs?: readonly string[];
}

export interface TerraformRunnerOptions {
  /** Absolute path of the working directory (commands run with it as cwd). */
  readonly dir: string;
  /** Environment for every call, e.g. TF_CLI_CONFIG_FILE, TF_REATTACH_PROVIDERS (a getter is read per call). */
  readonly env?: EnvVars | (() => EnvVars);
  /** Default `terraform` from PATH. */
  readonly terraformPath?: string;
  readonly defaultTimeoutMs?: number;
}

const ISOLATED_PREFIXES = ['TF_', 'PLUGIN_', 'IC_', 'IBMCLOUD_', 'IBM_SM_'];
const MAX_MESSAGE_STDERR = 12_000;
const KILL_GRACE_MS = 5_000;

export class TerraformError extends Error {
  override readonly name = 'TerraformError';

  constructor(
    readonly args: readonly string[],
    /** null when the process was killed (timeout/abort). */
    readonly exitCode: number | null,
    readonly stdout: string,
    readonly stderr: string,
    /** Set when the harness stopped the process: 'timeout' or 'aborted'. */
    readonly stopped?: 'timeout' | 'aborted',
    /** Diagnostics from the -json UI stream, when the call used -json. */
    readonly diagnostics: readonly DiagnosticJson[] = [],
  ) {
    super(describeFailure(args, exitCode, stdout, stderr, stopped, diagnostics));
  }

  /** stdout and stderr together (Terraform prints warnings on stdout, errors on stderr). */
  get output(): string {
    return `${this.stdout}\n${this.stderr}`;
  }
}

function describeFailure(
  args: readonly string[],
  exitCode: number | null,
  stdout: string,
  stderr: string,
  stopped: 'timeout' | 'aborted' | undefined,
  diagnostics: readonly DiagnosticJson[],
): string {
  const how = stopped === 'timeout' ? 'timed out' : stopped === 'aborted' ? 'was aborted' : `exited with code ${exitCode}`;
  const diagText = diagnostics.map((d) => `${d.severity}: ${d.summary}${d.detail ? `: ${d.detail}` : ''}`).join('\n');
  let detail = stderr.trim() || diagText || stdout.trim();
  if (detail.length > MAX_MESSAGE_STDERR) detail = `…${detail.slice(-MAX_MESSAGE_STDERR)}`;
  return `terraform ${args.join(' ')} ${how}${detail ? `:\n${detail}` : ''}`;
}

/** The process environment without variables that would leak into Terraform or the provider. */
export function isolatedEnv(extra: EnvVars = {}): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (v !== undefined && !ISOLATED_PREFIXES.some((p) => k.startsWith(p))) out[k] = v;
  }
  out['CHECKPOINT_DISABLE'] = '1';
  out['TF_IN_AUTOMATION'] = '1';
  for (const [k, v] of Object.entries(extra)) {
    if (v === undefined) delete out[k];
    else out[k] = v;
  }
  return out;
}

export class TerraformRunner {
  readonly dir: string;
  private readonly env: EnvVars | (() => EnvVars);
  private readonly terraformPath: string;
  private readonly defaultTimeoutMs: number;

  constructor(opts: TerraformRunnerOptions) {
    if (!isAbsolute(opts.dir)) throw new Error(`TerraformRunner needs an absolute directory, got ${opts.dir}`);
    this.dir = opts.dir;
    this.env = opts.env ?? {};
    this.terraformPath = opts.terraformPath ?? 'terraform';
    this.defaultTimeoutMs = opts.defaultTimeoutMs ?? 90_000;
  }

  /** Runs `terraform <args>`; exit codes in okExitCodes (default [0]) resolve, others throw TerraformError. */
  run(args: readonly string[], opts: RunOptions & { readonly okExitCodes?: readonly number[] } = {}): Promise<RunResult> {
    const ok = opts.okExitCodes ?? [0];
    const started = Date.now();
    const timeoutMs = opts.timeoutMs ?? this.defaultTimeoutMs;
    return new Promise<RunResult>((resolve, reject) => {
      if (opts.signal?.aborted) {
        reject(new TerraformError(args, null, '', '', 'aborted'));
        return;
      }
      const child = spawn(this.terraformPath, [...args], {
        cwd: this.dir,
        env: isolatedEnv({ ...(typeof this.env === 'function' ? this.env() : this.env), ...opts.env }),
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      const out: Buffer[] = [];
      const err: Buffer[] = [];
      child.stdout.on('data', (d: Buffer) => out.push(d));
      child.stderr.on('data', (d: Buffer) => err.push(d));
      let stopped: 'timeout' | 'aborted' | undefined;
      let killTimer: NodeJS.Timeout | undefined;
      // Terraform stops gracefully on the first SIGINT/SIGTERM; SIGKILL only if it hangs.
      const stop = (why: 'timeout' | 'aborted'): void => {
        if (stopped !== undefined || child.exitCode !== null) return;
        stopped = why;
        child.kill('SIGTERM');
        killTimer = setTimeout(() => child.kill('SIGKILL'), KILL_GRACE_MS);
      };
      const timer = setTimeout(() => stop('timeout'), timeoutMs);
      const onAbort = (): void => stop('aborted');
      opts.signal?.addEventListener('abort', onAbort, { once: true });
      child.on('error', (e) => {
        clearTimeout(timer);
        reject(new TerraformError(args, null, '', `could not start ${this.terraformPath}: ${e.message}`));
      });
      child.on('close', (code) => {
        clearTimeout(timer);
        if (killTimer) clearTimeout(killTimer);
        opts.signal?.removeEventListener('abort', onAbort);
        const stdout = Buffer.concat(out).toString('utf8');
        const stderr = Buffer.concat(err).toString('utf8');
        const result: RunResult = { args, exitCode: code ?? -1, stdout, stderr, durationMs: Date.now() - started };
        if (stopped === undefined && code !== null && ok.includes(code)) resolve(result);
        else reject(new TerraformError(args, code, stdout, stderr, stopped));
      });
    });
  }

  async version(opts: RunOptions = {}): Promise<VersionJson> {
    const r = await this.run(['version', '-json'], opts);
    return JSON.parse(r.stdout) as VersionJson;
  }

  init(opts: InitOptions = {}): Promise<RunResult> {
    const args = ['init', '-input=false', '-no-color'];
    if (opts.upgrade) args.push('-upgrade');
    args.push(...(opts.extraArgs ?? []));
    return this.run(args, opts);
  }

  /** `validate -json`. An invalid configuration resolves (valid: false) with its diagnostics. */
  async validate(opts: RunOptions = {}): Promise<ValidateJson> {
    const r = await this.run(['validate', '-json', '-no-color'], { ...opts, okExitCodes: [0, 1] });
    try {
      return JSON.parse(r.stdout) as ValidateJson;
    } catch {
      throw new TerraformError(r.args, r.exitCode, r.stdout, r.stderr);
    }
  }

  /** Always `-detailed-exitcode`: resolves with `changes` for exit 0/2, throws for 1. */
  async plan(opts: PlanOptions = {}): Promise<PlanResult> {
    const args = ['plan', '-input=false', '-no-color', '-detailed-exitcode'];
    if (opts.out !== undefined) args.push(`-out=${opts.out}`);
    if (opts.refreshOnly) args.push('-refresh-only');
    if (opts.refresh === false) args.push('-refresh=false');
    if (opts.destroy) args.push('-destroy');
    if (opts.generateConfigOut !== undefined) args.push(`-generate-config-out=${opts.generateConfigOut}`);
    if (opts.json) args.push('-json');
    args.push(...targetArgs(opts.targets, opts.replace), ...varArgs(opts));
    try {
      const r = await this.run(args, { ...opts, okExitCodes: [0, 2] });
      return { ...r, changes: r.exitCode === 2, diagnostics: opts.json ? parseUiDiagnostics(r.stdout) : [] };
    } catch (e: unknown) {
      throw opts.json ? withUiDiagnostics(e) : e;
    }
  }

  async showPlanJson(planFile: string, opts: RunOptions = {}): Promise<PlanJson> {
    const r = await this.run(['show', '-json', '-no-color', planFile], opts);
    return JSON.parse(r.stdout) as PlanJson;
  }

  /** `show -json` of the current state (an empty state has no `values`). */
  async showStateJson(opts: RunOptions = {}): Promise<StateJson> {
    const r = await this.run(['show', '-json', '-no-color'], opts);
    return JSON.parse(r.stdout) as StateJson;
  }

  apply(opts: ApplyOptions = {}): Promise<RunResult> {
    const args = ['apply', '-input=false', '-no-color'];
    if (opts.planFile !== undefined) {
      args.push(opts.planFile);
    } else {
      args.push('-auto-approve');
      if (opts.refreshOnly) args.push('-refresh-only');
      args.push(...targetArgs(opts.targets, opts.replace), ...varArgs(opts));
    }
    return this.run(args, opts);
  }

  import(address: string, id: string, opts: RunOptions & VarOptions = {}): Promise<RunResult> {
    return this.run(['import', '-input=false', '-no-color', ...varArgs(opts), address, id], opts);
  }

  async stateList(opts: RunOptions = {}): Promise<string[]> {
    const r = await this.run(['state', 'list'], opts);
    return r.stdout.split('\n').map((l) => l.trim()).filter((l) => l !== '');
  }

  stateRm(addresses: readonly string[], opts: RunOptions = {}): Promise<RunResult> {
    return this.run(['state', 'rm', ...addresses], opts);
  }

  /** Human-readable attributes of one resource (sensitive values shown as such by Terraform). */
  async stateShow(address: string, opts: RunOptions = {}): Promise<string> {
    const r = await this.run(['state', 'show', '-no-color', address], opts);
    return r.stdout;
  }

  /** All outputs (`output -json`) or, with a name, that output's value (sensitive values included). */
  output(name?: undefined, opts?: RunOptions): Promise<Record<string, OutputJson>>;
  output(name: string, opts?: RunOptions): Promise<unknown>;
  async output(name?: string, opts: RunOptions = {}): Promise<unknown> {
    const args = ['output', '-json', '-no-color'];
    if (name !== undefined) args.push(name);
    const r = await this.run(args, opts);
    return JSON.parse(r.stdout) as unknown;
  }

  destroy(opts: DestroyOptions = {}): Promise<RunResult> {
    return this.run(['destroy', '-input=false', '-no-color', '-auto-approve', ...targetArgs(opts.targets), ...varArgs(opts)], opts);
  }

  /** `providers schema -json` (needs init, or dev_overrides / reattach). */
  async providersSchema(opts: RunOptions = {}): Promise<unknown> {
    const r = await this.run(['providers', 'schema', '-json'], opts);
    return JSON.parse(r.stdout) as unknown;
  }

  /** `fmt -check -diff` over `dir` (default the working directory); resolves true when formatted. */
  async fmtCheck(dir = '.', opts: RunOptions & { readonly recursive?: boolean } = {}): Promise<{ ok: boolean; diff: string }> {
    const args = ['fmt', '-check', '-diff', '-no-color', ...(opts.recursive ? ['-recursive'] : []), dir];
    const r = await this.run(args, { ...opts, okExitCodes: [0, 3] });
    return { ok: r.exitCode === 0, diff: r.stdout };
  }

  /** Absolute path of a file in the working directory. */
  path(file: string): string {
    return isAbsolute(file) ? file : join(this.dir, file);
  }
}

function varArgs(opts: VarOptions): string[] {
  const args: string[] = [];
  for (const [k, v] of Object.entries(opts.vars ?? {})) args.push('-var', `${k}=${v}`);
  for (const f of opts.varFiles ?? []) args.push(`-var-file=${f}`);
  return args;
}

function targetArgs(targets: readonly string[] = [], replace: readonly string[] = []): string[] {
  return [...targets.map((t) => `-target=${t}`), ...replace.map((r) => `-replace=${r}`)];
}

/** Diagnostics from the `-json` UI stream (one JSON object per line). */
export function parseUiDiagnostics(stdout: string): DiagnosticJson[] {
  const out: DiagnosticJson[] = [];
  for (const line of stdout.split('\n')) {
    if (!line.startsWith('{')) continue;
    try {
      const msg = JSON.parse(line) as { type?: string; diagnostic?: DiagnosticJson };
      if (msg.type === 'diagnostic' && msg.diagnostic) out.push(msg.diagnostic);
    } catch {
      // not a UI message
    }
  }
  return out;
}

function withUiDiagnostics(e: unknown): unknown {
  if (!(e instanceof TerraformError)) return e;
  return new TerraformError(e.args, e.exitCode, e.stdout, e.stderr, e.stopped, parseUiDiagnostics(e.stdout));
}
