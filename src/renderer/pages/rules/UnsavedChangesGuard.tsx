import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import { Dialog } from '../../components/Dialog';
import { setLeaveGuard } from '../../lib/leave-guard';

/**
 * While `isDirty()` says there are unsaved edits, leaving the page (a link, Back, a typed
 * address) asks first, and closing or reloading the window asks the browser to confirm.
 * `isDirty` is read at the moment of leaving, so a save that navigates is never asked about.
 */
export function UnsavedChangesGuard({ isDirty }: { isDirty: () => boolean }) {
  const dirty = useRef(isDirty);
  useLayoutEffect(() => {
    dirty.current = isDirty;
  });
  const discarded = useRef(false);
  // The navigation the user is being asked about, to repeat if they discard.
  const [pending, setPending] = useState<{ proceed: () => void } | null>(null);

  useEffect(() => {
    const removeGuard = setLeaveGuard((_to, proceed) => {
      if (discarded.current || !dirty.current()) return true;
      setPending({ proceed });
      return false;
    });
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      if (discarded.current || !dirty.current()) return;
      event.preventDefault();
      // Older Chromium (and Electron's will-prevent-unload) look at returnValue.
      event.returnValue = '';
    };
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => {
      removeGuard();
      window.removeEventListener('beforeunload', onBeforeUnload);
    };
  }, []);

  const discard = () => {
    discarded.current = true;
    setPending(null);
    pending?.proceed();
  };

  return (
    <Dialog open={pending !== null} title="Discard changes?" onClose={() => setPending(null)}>
      <p>Your changes to this rule have not been saved. Leaving now loses them.</p>
      <div className="button-row end">
        <button type="button" className="button primary" onClick={() => setPending(null)} autoFocus>
          Keep editing
        </button>
        <button type="button" className="button danger" onClick={discard}>
          Discard changes
        </button>
      </div>
    </Dialog>
  );
}
