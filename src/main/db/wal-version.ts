/**
 * Reads `user_version` from a leftover write-ahead log without SQLite: any
 * SQLite connection on the file rewrites its -shm, and a writable one merges
 * the WAL into the file when it closes, which must not happen to a database
 * volsnap refuses. Format: https://www.sqlite.org/fileformat2.html#walformat
 */
import { readFileSync } from 'node:fs';

const walHeaderBytes = 32;
const frameHeaderBytes = 24;
/** Where SQLite keeps `user_version` in page 1 (big-endian, 4 bytes). */
export const userVersionOffset = 60;

/** SQLite's WAL checksum over `data` (a multiple of 8 bytes), continuing from `s`. */
function checksum(data: Buffer, bigEndian: boolean, s: [number, number]): [number, number] {
  let [s0, s1] = s;
  for (let i = 0; i < data.length; i += 8) {
    const x0 = bigEndian ? data.readUInt32BE(i) : data.readUInt32LE(i);
    const x1 = bigEndian ? data.readUInt32BE(i + 4) : data.readUInt32LE(i + 4);
    s0 = (s0 + x0 + s1) >>> 0;
    s1 = (s1 + x1 + s0) >>> 0;
  }
  return [s0, s1];
}

/**
 * The `user_version` in the newest committed copy of page 1 in `walFile`, or
 * null when the log holds no committed page 1 (the main file's header then
 * holds the version). Frames after the first invalid one are ignored, as SQLite does.
 */
export function userVersionInWal(walFile: string): number | null {
  const wal = readFileSync(walFile);
  if (wal.length < walHeaderBytes) return null;
  const magic = wal.readUInt32BE(0);
  if (magic !== 0x377f0682 && magic !== 0x377f0683) return null;
  const bigEndian = magic === 0x377f0683;
  const pageSize = wal.readUInt32BE(8) === 1 ? 65536 : wal.readUInt32BE(8);
  const salt = wal.subarray(16, 24);
  let sum = checksum(wal.subarray(0, 24), bigEndian, [0, 0]);
  if (sum[0] !== wal.readUInt32BE(24) || sum[1] !== wal.readUInt32BE(28)) return null;

  let committed: number | null = null;
  let pending: number | null = null;
  for (let at = walHeaderBytes; at + frameHeaderBytes + pageSize <= wal.length; at += frameHeaderBytes + pageSize) {
    const frame = wal.subarray(at, at + frameHeaderBytes);
    const page = wal.subarray(at + frameHeaderBytes, at + frameHeaderBytes + pageSize);
    if (!frame.subarray(8, 16).equals(salt)) break;
    sum = checksum(page, bigEndian, checksum(frame.subarray(0, 8), bigEndian, sum));
    if (sum[0] !== frame.readUInt32BE(16) || sum[1] !== frame.readUInt32BE(20)) break;
    if (frame.readUInt32BE(0) === 1) pending = page.readUInt32BE(userVersionOffset);
    // A commit frame (database size set) makes everything before it durable.
    if (frame.readUInt32BE(4) !== 0) committed = pending ?? committed;
  }
  return committed;
}
