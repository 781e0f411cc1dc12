import type { ActivityEntry } from '../../../shared/domain';
import { Badge } from '../../components/Status';
import type { Column } from '../../components/VirtualTable';
import { FullText } from '../../components/FullText';
import { formatTime } from '../../lib/format';

const levelTone = { info: 'muted', warning: 'late', error: 'failing' } as const;
/** The events table's columns: when, how serious, and what happened. */
export const eventColumns: Column<ActivityEntry>[] = [
  {
    key: 'time',
    header: 'When',
    width: '130px',
    sortFirst: 'desc',
    cell: (e) => <time dateTime={e.at}>{formatTime(e.at)}</time>,
  },
  {
    key: 'level',
    header: 'Level',
    width: '84px',
    cell: (e) => (
      <Badge tone={levelTone[e.level]}>
        {e.level === 'info' ? 'Info' : e.level === 'warning' ? 'Warning' : 'Error'}
      </Badge>
    ),
  },
  {
    key: 'message',
    header: 'What happened',
    width: 'minmax(200px, 1fr)',
    cell: (e) => <FullText text={e.message} lines={2} />,
  },
];
