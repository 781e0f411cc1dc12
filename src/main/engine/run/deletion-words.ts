/** Every sentence a deletion the user asked for says (owned-deletion.ts). */
const quoted = (s: string) => `"${s}"`;

export const deletionWords = {
  deleted: (snapshot: string, target: string) =>
    `Deleted snapshot ${quoted(snapshot)} of ${quoted(target)} at the provider, as you asked.`,
  failed: (snapshot: string, target: string, reason: string) =>
    `Could not delete snapshot ${quoted(snapshot)} of ${quoted(target)}: ${reason} It is kept; retry from Snapshots without a rule or the snapshot's details.`,
  refused: (snapshot: string, target: string, reason: string) =>
    `Did not delete snapshot ${quoted(snapshot)} of ${quoted(target)}: ${reason}`,
  notOurs: (target: string) =>
    `volsnap did not make this snapshot: at the provider it lacks volsnap's ownership tag or this installation's rule key, so volsnap never deletes it (it may have been made by hand or by another volsnap, or its tags were changed). Delete it in the provider's console if you no longer need it; it was a snapshot of ${quoted(target)}.`,
  protectedAtProvider:
    'Deletion protection is on for it at the provider. Turn the protection off in the provider’s console, then retry.',
};
