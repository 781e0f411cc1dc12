/**
 * A damaged database at start: volsnap has already moved the file aside
 * untouched (db/open-checks.ts). Here the user chooses, in a dialog that shows
 * the damaged file's path, between the newest automatic backup (named by its
 * date), an empty database, or quitting.
 */
import type { MessageBoxSyncOptions } from 'electron';
import { DatabaseDamagedError, restoreBackup } from '../../db';

export type RecoveryChoice = 'backup' | 'empty' | 'quit';

/** Electron's `dialog` (its window-less overload); tests pass their own. */
export interface MessageBox {
  showMessageBoxSync(options: MessageBoxSyncOptions): number;
}

/** Asks what to do; without a backup the first choice is not offered. */
export function askDatabaseRecovery(dialog: MessageBox, error: DatabaseDamagedError): RecoveryChoice {
  const choices: Array<[RecoveryChoice, string]> = [
    ...(error.backup
      ? [['backup', `Start from the backup of ${error.backup.takenAt.toLocaleString()}`] as [RecoveryChoice, string]]
      : []),
    ['empty', 'Start with an empty database'],
    ['quit', 'Quit'],
  ];
  const index = dialog.showMessageBoxSync({
    type: 'error',
    title: 'volsnap',
    message: "volsnap's database is damaged",
    detail:
      `volsnap did not change the damaged file and kept it here:\n${error.movedTo}\n\n` +
      (error.backup
        ? `The newest automatic backup is from ${error.backup.takenAt.toLocaleString()}:\n${error.backup.path}\n\n`
        : 'There is no automatic backup yet. ') +
      'Your snapshots at the cloud providers are not affected either way.',
    buttons: choices.map(([, label]) => label),
    defaultId: 0,
    cancelId: choices.length - 1,
    noLink: true,
  });
  return choices[index]?.[0] ?? 'quit';
}

/**
 * Runs `open` (which builds the core and opens the database); when the file is
 * damaged, asks the user and opens again from the chosen start. Returns
 * undefined when the user quits; any other failure is thrown as before.
 */
export function openWithRecovery<T>(open: () => T, dialog: MessageBox): T | undefined {
  // Bounded: a backup that turns out damaged too is set aside and asked about once more.
  for (let attempt = 0; ; attempt++) {
    try {
      return open();
    } catch (error) {
      if (!(error instanceof DatabaseDamagedError) || attempt >= 3) throw error;
      const choice = askDatabaseRecovery(dialog, error);
      if (choice === 'quit') return undefined;
      if (choice === 'backup' && error.backup) restoreBackup(error.file, error.backup.path);
      // 'empty': the damaged file is already aside, so opening creates a new database.
    }
  }
}
