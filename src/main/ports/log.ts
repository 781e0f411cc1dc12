/**
 * One logger for the main process. Every line passes through redaction here, at
 * the logger, so a token cannot reach a log file whatever a caller passes in.
 */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
export type LogSink = (level: LogLevel, scope: string, message: string) => void;

export interface Logger {
  debug(message: string, ...details: unknown[]): void;
  info(message: string, ...details: unknown[]): void;
  warn(message: string, ...details: unknown[]): void;
  error(message: string, ...details: unknown[]): void;
}

const secrets = new Set<string>();
// Header-shaped secrets are masked even if a caller never registered them.
const secretPatterns: RegExp[] = [
  /(authorization["']?\s*[:=]\s*["']?bearer\s+)[^\s"',}]+/gi,
  /(x-auth-token["']?\s*[:=]\s*["']?)[^\s"',}]+/gi,
  /(\btoken["']?\s*[:=]\s*["']?)[^\s"',}]+/gi,
];

/** Registers a secret value (a token) so every later log line masks it. */
export function registerSecret(value: string): void {
  if (value.length >= 4) secrets.add(value);
}

export function forgetSecret(value: string): void {
  secrets.delete(value);
}

export function redact(text: string): string {
  let out = text;
  for (const secret of secrets) out = out.split(secret).join('[redacted]');
  for (const pattern of secretPatterns) out = out.replace(pattern, '$1[redacted]');
  return out;
}

function render(detail: unknown): string {
  if (detail instanceof Error) return `${detail.name}: ${detail.message}`;
  if (typeof detail === 'string') return detail;
  try {
    return JSON.stringify(detail);
  } catch {
    return String(detail);
  }
}

let sink: LogSink = (level, scope, message) => {
  const line = `[${level}] [${scope}] ${message}`;
  if (level === 'error' || level === 'warn') console.error(line);
  else if (process.env.VOLSNAP_LOG_LEVEL === 'debug' || level === 'info') console.log(line);
};

/** The shell replaces the console sink with a rotating file (electron-log). */
export function setLogSink(next: LogSink): void {
  sink = next;
}

export function createLogger(scope: string): Logger {
  const write =
    (level: LogLevel) =>
    (message: string, ...details: unknown[]) => {
      const full = details.length ? `${message} ${details.map(render).join(' ')}` : message;
      sink(level, scope, redact(full));
    };
  return { debug: write('debug'), info: write('info'), warn: write('warn'), error: write('error') };
}
