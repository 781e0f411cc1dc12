/**
 * Any snapshot row can open the snapshot's detail: the host (SnapshotDetailHost,
 * mounted once in App) keeps which snapshot is open; rows open it through this context.
 */
import { createContext, useContext } from 'react';

export const OpenSnapshotDetail = createContext<(id: number) => void>(() => undefined);

/** A snapshot's name as a button that opens its detail (a keyboard stop in every snapshot list). */
export function SnapshotNameButton({ id, name }: { id: number; name: string }) {
  const open = useContext(OpenSnapshotDetail);
  return (
    <button type="button" className="link-button ellipsis strong snapshot-name" title={name} onClick={() => open(id)}>
      {name}
    </button>
  );
}
