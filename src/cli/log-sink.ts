/**
 * Log lines for journald: one line per entry on standard output, with the
 * level, the module and the message. Under systemd (JOURNAL_STREAM set) each
 * line starts with its syslog priority (<3> error ... <7> debug), which
 * journald turns into the entry's priority; elsewhere it starts with the time.
 * Redaction already happened in the logger (src/main/log.ts).
 */
import type { LogLevel, LogSink } from '../main/ports/log';

const priority: Record<LogLevel, number> = { error: 3, warn: 4, info: 6, debug: 7 };
const rank: Record<LogLevel, number> = { debug: 0, info: 1, warn: 2, error: 3 };

export interface JournalSinkOptions {
  write: (line: string) => void;
  journald: boolean;
  minLevel: LogLevel;
  now?: () => Date;
}

/** A LogSink writing `<prio>level module: message` (journald) or `time level module: message`. */
export function journalSink(options: JournalSinkOptions): LogSink {
  const now = options.now ?? (() => new Date());
  return (level, scope, message) => {
    if (rank[level] < rank[options.minLevel]) return;
    // One entry per line: a newline inside a message would split it into two journal entries.
    const text = message.replace(/\r?\n/g, ' | ');
    const prefix = options.journald ? `<${priority[level]}>` : `${now().toISOString()} `;
    options.write(`${prefix}${level} ${scope}: ${text}\n`);
  };
}
