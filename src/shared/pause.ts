/**
 * "Until resumed" is a pause with an end so far away it never comes; the
 * engine needs an end time, the UI says "until you resume".
 */
export const pauseUntilResumed = '9999-12-31T00:00:00.000Z';

/** True for a pause that only ends when the user resumes. */
export const isPausedUntilResumed = (until: string | Date): boolean =>
  (typeof until === 'string' ? new Date(until) : until).getUTCFullYear() >= 9999;
