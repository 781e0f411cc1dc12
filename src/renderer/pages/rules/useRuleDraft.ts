import { useState } from 'react';
import { retentionOf, scheduleOf, validate, type Draft, type Issues } from './draft';

/**
 * The rule being edited and everything derived from it: the input to send (null while
 * anything is wrong), every problem found, and the schedule and retention to preview
 * (null while their own fields are wrong, so the previews never ask about nonsense).
 */
export function useRuleDraft(initial: Draft) {
  const [draft, setDraft] = useState(initial);
  const [submitted, setSubmitted] = useState(false);
  const update = (patch: Partial<Draft>) => setDraft((d) => ({ ...d, ...patch }));

  const { input, issues } = validate(draft);
  const scheduleIssues: Issues = {};
  const schedule = scheduleOf(draft, scheduleIssues);
  const validSchedule =
    Object.keys(issues).some((k) => k.startsWith('schedule')) || Object.keys(scheduleIssues).length ? null : schedule;
  const retentionIssues: Issues = {};
  const retention = retentionOf(draft, retentionIssues);
  const validRetention = Object.keys(retentionIssues).length ? null : retention;

  /** What the user may see: our own checks after the first save attempt, main's answer always. */
  const issuesToShow = (serverIssues: Issues): Issues => {
    const live: Issues = { ...(submitted ? issues : {}), ...serverIssues };
    // Schedule and retention problems show at once: their previews depend on them.
    for (const [k, v] of Object.entries({ ...scheduleIssues, ...retentionIssues })) live[k] ??= v;
    return live;
  };

  return {
    draft,
    update,
    input,
    issues,
    submitted,
    markSubmitted: () => setSubmitted(true),
    validSchedule,
    validRetention,
    issuesToShow,
  };
}
