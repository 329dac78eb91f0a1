/**
 * hclog-compatible JSON lines on stderr. go-plugin parses each stderr line as
 * JSON and needs `@timestamp` with exactly six fractional digits
 * ("2006-01-02T15:04:05.000000Z07:00"), else it shows the raw line. stdout is
 * never touched: it belongs to the go-plugin handshake.
 */

export type LogLevel = 'trace' | 'debug' | 'info' | 'warn' | 'error' | 'off';

const RANK: Record<LogLevel, number> = { trace: 0, debug: 1, info: 2, warn: 3, error: 4, off: 5 };

export type LogFields = Readonly<Record<string, unknown>>;

export interface Logger {
  readonly level: LogLevel;
  trace(message: string, fields?: LogFields): void;
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
  /** A child logger that adds `fields` to every line. */
  with(fields: LogFields): Logger;
  isEnabled(level: LogLevel): boolean;
}

export interface LoggerOptions {
  readonly module: string;
  readonly level?: LogLevel;
  readonly write?: (line: string) => void;
}

// Field names whose values must never reach a log line, whatever the caller passes.
const SECRET_KEY = /api_?key|apikey|secret|password|passwd|token|credential|private_?key|authorization/i;

export function parseLogLevel(raw: string | undefined): LogLevel | undefined {
  if (raw === undefined || raw === '') return undefined;
  const v = raw.trim().toLowerCase();
  if (v === 'json') return 'trace'; // TF_LOG=JSON means trace in JSON format
  return v in RANK ? (v as LogLevel) : undefined;
}

/**
 * Level from the environment: TF_LOG_PROVIDER_IBM, then TF_LOG_PROVIDER, then
 * TF_LOG, as Terraform and terraform-plugin-go resolve them; `off` otherwise.
 */
export function levelFromEnv(env: NodeJS.ProcessEnv = process.env): LogLevel {
  return (
    parseLogLevel(env['TF_LOG_PROVIDER_IBM']) ??
    parseLogLevel(env['TF_LOG_PROVIDER']) ??
    parseLogLevel(env['TF_LOG']) ??
    'off'
  );
}

export function hclogTimestamp(date: Date = new Date()): string {
  return date.toISOString().replace(/\.(\d{3})Z$/, '.$1000Z');
}

function scrub(fields: LogFields): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(fields)) {
    if (k.startsWith('@')) continue; // reserved hclog keys
    out[k] = SECRET_KEY.test(k) ? '[redacted]' : v instanceof Error ? v.message : v;
  }
  return out;
}

class JsonLogger implements Logger {
  constructor(
    readonly level: LogLevel,
    private readonly module: string,
    private readonly fields: LogFields,
    private readonly write: (line: string) => void,
  ) {}

  isEnabled(level: LogLevel): boolean {
    return this.level !== 'off' && RANK[level] >= RANK[this.level];
  }

  private log(level: LogLevel, message: string, fields?: LogFields): void {
    if (!this.isEnabled(level)) return;
    const line = {
      '@level': level,
      '@message': String(message),
      '@module': this.module,
      '@timestamp': hclogTimestamp(),
      ...scrub(this.fields),
      ...(fields ? scrub(fields) : {}),
    };
    let text: string;
    try {
      text = JSON.stringify(line, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v));
    } catch {
      text = JSON.stringify({ ...line, '@message': `${message} (fields not serializable)` });
    }
    this.write(text + '\n');
  }

  trace(m: string, f?: LogFields): void {
    this.log('trace', m, f);
  }
  debug(m: string, f?: LogFields): void {
    this.log('debug', m, f);
  }
  info(m: string, f?: LogFields): void {
    this.log('info', m, f);
  }
  warn(m: string, f?: LogFields): void {
    this.log('warn', m, f);
  }
  error(m: string, f?: LogFields): void {
    this.log('error', m, f);
  }

  with(fields: LogFields): Logger {
    return new JsonLogger(this.level, this.module, { ...this.fields, ...fields }, this.write);
  }
}

export function createLogger(options: LoggerOptions): Logger {
  const write = options.write ?? ((line: string) => void process.stderr.write(line));
  return new JsonLogger(options.level ?? levelFromEnv(), options.module, {}, write);
}

/** A logger that drops everything; the default for library code and tests. */
export const nullLogger: Logger = new JsonLogger('off', 'null', {}, () => undefined);
