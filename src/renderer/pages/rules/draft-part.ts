/** What each part of the rule editor is given: the draft, a way to change it, and the problem at a contract path. */
import type { Draft } from './draft';

export interface DraftPartProps {
  draft: Draft;
  update: (patch: Partial<Draft>) => void;
  /** The problem to show for a contract path (e.g. `schedule.every`), if any. */
  issue: (path: string) => string | undefined;
}
