/**
 * One page at a time may hold work that leaving would lose (the rule editor's unsaved
 * draft). It registers a guard here; the router asks it before showing another page.
 */

/**
 * Returns true to let the app go to `to` (a hash path); false when it has asked the user
 * instead. `proceed` repeats the navigation (the same Back, or the same link) once agreed.
 */
export type LeaveGuard = (to: string, proceed: () => void) => boolean;

let guard: LeaveGuard | null = null;

/** Installs the guard, replacing any other; returns the function that removes it. */
export function setLeaveGuard(next: LeaveGuard): () => void {
  guard = next;
  return () => {
    if (guard === next) guard = null;
  };
}

/** Whether the app may show `to` now; the router calls this on every hash change. */
export function mayLeave(to: string, proceed: () => void): boolean {
  return guard ? guard(to, proceed) : true;
}
