import { useState, type ReactNode } from 'react';
import { OpenSnapshotDetail } from './snapshot-detail-open';
import { SnapshotDetailDialog } from './SnapshotDetailDialog';

/** Keeps which snapshot's detail is open, for every snapshot list below it. */
export function SnapshotDetailHost({ children }: { children: ReactNode }) {
  const [openId, setOpenId] = useState<number | null>(null);
  return (
    <OpenSnapshotDetail.Provider value={setOpenId}>
      {children}
      {openId !== null && <SnapshotDetailDialog id={openId} onClose={() => setOpenId(null)} />}
    </OpenSnapshotDetail.Provider>
  );
}
