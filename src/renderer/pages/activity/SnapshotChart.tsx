/**
 * Snapshots of one volume over time: successes, failures and deletions per
 * day (or per week for long histories), as plain SVG. A few hundred bars do
 * not need a charting library; the numbers are also given as text.
 */
import { useMemo } from 'react';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../api';
import type { SnapshotRow } from '../../../shared/contract';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Spinner } from '../../components/Status';

const maxSnapshots = 5000;
const day = 86_400_000;

async function allSnapshots(targetId: number): Promise<{ items: SnapshotRow[]; total: number; fetchedAt: number }> {
  const items: SnapshotRow[] = [];
  let total = 0;
  for (let offset = 0; offset < maxSnapshots; offset += 500) {
    const page = await api.snapshots.list({ targetId, offset, limit: 500 });
    items.push(...page.items);
    total = page.total;
    if (items.length >= total || page.items.length === 0) break;
  }
  return { items, total, fetchedAt: Date.now() };
}

interface Bucket {
  start: number;
  ok: number;
  failed: number;
  deleted: number;
}

const succeeded = new Set(['available', 'deleting', 'deleted']);

function bucketize(items: SnapshotRow[], now: number): { buckets: Bucket[]; width: number } {
  const times = items.map((s) => new Date(s.requestedAt).getTime());
  const earliest = Math.min(now - 13 * day, ...times);
  const span = now - earliest;
  const width = span > 120 * day ? 7 * day : day;
  const start = Math.floor(earliest / width) * width;
  const count = Math.floor((now - start) / width) + 1;
  const buckets: Bucket[] = Array.from({ length: count }, (_, i) => ({
    start: start + i * width,
    ok: 0,
    failed: 0,
    deleted: 0,
  }));
  const at = (t: number) => buckets[Math.min(count - 1, Math.max(0, Math.floor((t - start) / width)))]!;
  for (const s of items) {
    const requested = new Date(s.requestedAt).getTime();
    if (s.status === 'error') at(requested).failed++;
    else if (succeeded.has(s.status) && s.completedAt) at(requested).ok++;
    if (s.deletedAt) at(new Date(s.deletedAt).getTime()).deleted++;
  }
  return { buckets, width };
}

const dateLabel = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric' });

export function SnapshotChart({ targetId, targetName }: { targetId: number; targetName: string }) {
  const query = useQuery({ queryKey: ['snapshots', 'chart', targetId], queryFn: () => allSnapshots(targetId) });
  const chart = useMemo(() => (query.data ? bucketize(query.data.items, query.data.fetchedAt) : null), [query.data]);

  if (query.isPending) return <Spinner label="Drawing the chart…" />;
  if (query.isError) return <ErrorNotice error={query.error} what="chart this volume's snapshots" />;
  if (!chart) return null;

  const { buckets, width: bucketMs } = chart;
  const totals = buckets.reduce(
    (t, b) => ({ ok: t.ok + b.ok, failed: t.failed + b.failed, deleted: t.deleted + b.deleted }),
    { ok: 0, failed: 0, deleted: 0 },
  );
  const peak = Math.max(1, ...buckets.map((b) => Math.max(b.ok + b.failed, b.deleted)));
  const w = 640;
  const h = 140;
  const top = 8;
  const axis = 18;
  const plotH = h - top - axis;
  const barW = w / buckets.length;
  const y = (n: number) => (n / peak) * (plotH / 2);
  const mid = top + plotH / 2;
  const labelEvery = Math.ceil(buckets.length / 8);
  const summary = `${targetName}: ${totals.ok} successful, ${totals.failed} failed, ${totals.deleted} deleted snapshots ${bucketMs === day ? 'per day' : 'per week'} since ${dateLabel.format(buckets[0]!.start)}.`;

  return (
    <figure className="chart">
      <svg viewBox={`0 0 ${w} ${h}`} role="img" aria-label={summary}>
        <line x1={0} x2={w} y1={mid} y2={mid} className="chart-axis" />
        {buckets.map((b, i) => {
          const x = i * barW + barW * 0.15;
          const bw = Math.max(1, barW * 0.7);
          return (
            <g key={b.start}>
              <title>{`${dateLabel.format(b.start)}: ${b.ok} ok, ${b.failed} failed, ${b.deleted} deleted`}</title>
              {b.ok > 0 && <rect className="bar-ok" x={x} width={bw} y={mid - y(b.ok)} height={y(b.ok)} />}
              {b.failed > 0 && (
                <rect className="bar-failed" x={x} width={bw} y={mid - y(b.ok) - y(b.failed)} height={y(b.failed)} />
              )}
              {b.deleted > 0 && <rect className="bar-deleted" x={x} width={bw} y={mid} height={y(b.deleted)} />}
              {i % labelEvery === 0 && (
                <text
                  className="chart-label"
                  x={i === 0 ? 0 : i * barW + barW / 2}
                  y={h - 4}
                  textAnchor={i === 0 ? 'start' : 'middle'}
                >
                  {dateLabel.format(b.start)}
                </text>
              )}
            </g>
          );
        })}
      </svg>
      <figcaption>
        <span className="legend legend-ok">{totals.ok.toLocaleString()} successful</span>
        <span className="legend legend-failed">{totals.failed.toLocaleString()} failed</span>
        <span className="legend legend-deleted">{totals.deleted.toLocaleString()} deleted (below the line)</span>
        <span className="muted">
          {bucketMs === day ? 'Per day' : 'Per week'}
          {query.data.total > query.data.items.length &&
            `, latest ${query.data.items.length.toLocaleString()} of ${query.data.total.toLocaleString()}`}
        </span>
      </figcaption>
    </figure>
  );
}
