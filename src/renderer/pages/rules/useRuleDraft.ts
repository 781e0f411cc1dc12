import { useLayoutEffect, useRef, useState } from 'react';
import { retentionOf, scheduleOf, validate, type Draft, type Issues } from './draft';

/**
 * The rule being edited and everything derived from it: the input to send (null while
 * anything is wrong), every problem found, and the schedule and retention to preview
 * (null while their own fields are wrong, so the previews never ask about nonsense).
 * `followedName` gives the name a draft whose name still follows its schedule should have.
 */
export function useRuleDraft(initial: Draft, followedName: (d: Draft) => string) {
  const [typed, setDraft] = useState(initial);
  const [submitted, setSubmitted] = useState(false);
  const update = (patch: Partial<Draft>) =>
    // Typing a name stops it following the schedule.
    setDraft((d) => ({ ...d, ...patch, ...('name' in patch ? { nameFollows: false } : {}) }));
  const draft: Draft = typed.nameFollows ? { ...typed, name: followedName(typed) } : typed;

  // What was last saved (or loaded), to tell whether leaving would lose anything.
  const draftJson = JSON.stringify(draft);
  const saved = useRef(draftJson);
  const current = useRef(draftJson);
  useLayoutEffect(() => {
    current.current = draftJson;
  }, [draftJson]);

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
    /** Read when leaving: true while the draft differs from what was last saved. */
    isDirty: () => current.current !== saved.current,
    /** Records `snapshot` (a `snapshot()` taken when saving started) as saved. */
    markSaved: (snapshot: string) => {
      saved.current = snapshot;
    },
    snapshot: () => current.current,
  };
}
