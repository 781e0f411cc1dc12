/**
 * The command's socket protocol: one JSON object per line each way.
 *   request  {"id": 1, "channel": "targets:list", "input": {...}, "tokenRef": "file:/..."?}
 *   response {"id": 1, "envelope": {"ok": true, "value": ...} | {"ok": false, "error": {...}}}
 * `channel` and `input` are exactly a contract call (src/shared/contract.ts);
 * the daemon validates them with the same dispatcher as the app's IPC.
 */
import { z } from 'zod';

/** A line longer than this is refused (the contract's own input limit is 64 KiB). */
export const MAX_LINE_BYTES = 256 * 1024;

export const SocketRequest = z.object({
  id: z.number().int().nonnegative(),
  channel: z.string().max(100),
  input: z.unknown().optional(),
  tokenRef: z.string().max(4096).optional(),
});
export type SocketRequest = z.infer<typeof SocketRequest>;

export interface SocketResponse {
  id: number;
  envelope: { ok: true; value: unknown } | { ok: false; error: { code: string; message: string } };
}

/**
 * The longest answer the command accepts from its daemon: answers are the
 * daemon's own (a rules export of thousands of rules is megabytes), only
 * requests are held to MAX_LINE_BYTES.
 */
export const MAX_RESPONSE_BYTES = 256 * 1024 * 1024;

/** Splits a byte stream into lines, refusing an over-long line. */
export function lineReader(
  onLine: (line: string) => void,
  onTooLong: () => void,
  maxLineBytes = MAX_LINE_BYTES,
): (chunk: Buffer) => void {
  let buffered = '';
  return (chunk) => {
    buffered += chunk.toString('utf8');
    let newline: number;
    while ((newline = buffered.indexOf('\n')) >= 0) {
      const line = buffered.slice(0, newline);
      buffered = buffered.slice(newline + 1);
      if (line.trim()) onLine(line);
    }
    if (buffered.length > maxLineBytes) {
      buffered = '';
      onTooLong();
    }
  };
}
