/** Keeps a few old log files: main.log -> main.1.log -> ... -> main.<keep>.log, oldest dropped. */
import { existsSync, renameSync, rmSync } from 'node:fs';

export function rotateLogFile(path: string, keep = 3): void {
  const numbered = (n: number) => path.replace(/(\.log)?$/, `.${n}.log`);
  rmSync(numbered(keep), { force: true });
  for (let n = keep - 1; n >= 1; n--) if (existsSync(numbered(n))) renameSync(numbered(n), numbered(n + 1));
  if (existsSync(path)) renameSync(path, numbered(1));
}
