/**
 * Sends the main process's log lines (already redacted by log.ts) to a rotating
 * file in userData/logs via electron-log: main.log, then main.1.log ... main.3.log.
 */
import electronLog from 'electron-log/main';
import { join } from 'node:path';
import { setLogSink, type LogLevel } from '../../ports/log';
import { rotateLogFile } from './log-rotation';

export function logToFile(logsDir: string, options: { maxBytes?: number; alsoConsole?: boolean } = {}): string {
  const file = join(logsDir, 'main.log');
  const transport = electronLog.transports.file;
  transport.resolvePathFn = () => file;
  transport.maxSize = options.maxBytes ?? 2 * 1024 * 1024;
  transport.archiveLogFn = (old) => rotateLogFile(old.path);
  transport.format = '[{y}-{m}-{d} {h}:{i}:{s}.{ms}] [{level}] {text}';
  electronLog.transports.console.level = options.alsoConsole ? 'info' : false;
  const write: Record<LogLevel, (text: string) => void> = {
    debug: (text) => electronLog.debug(text),
    info: (text) => electronLog.info(text),
    warn: (text) => electronLog.warn(text),
    error: (text) => electronLog.error(text),
  };
  setLogSink((level, scope, message) => write[level](`[${scope}] ${message}`));
  return file;
}
