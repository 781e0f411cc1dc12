import type { ActivityEntry } from '../../../shared/domain';
import { formatTime } from '../../lib/format';
import { LinkedText } from '../../components/LinkedText';

const levelLabel = { info: 'Info', warning: 'Warning', error: 'Error' } as const;

export function ActivityLine({ entry }: { entry: ActivityEntry }) {
  return (
    <div className={`activity-line level-${entry.level}`}>
      <span className={`badge badge-level-${entry.level}`}>{levelLabel[entry.level]}</span>
      <time dateTime={entry.at}>{formatTime(entry.at)}</time>
      <span className="activity-message">
        <LinkedText text={entry.message} />
      </span>
    </div>
  );
}
