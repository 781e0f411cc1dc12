/**
 * Where tokens would be kept, said honestly. On Linux without a keyring
 * Electron's safeStorage falls back to basic_text (a fixed key): the user
 * decides whether that is acceptable before any token is saved.
 */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api';
import type { SecretStorageStatus } from '../../../shared/contract';
import { errorMessage } from '../../components/ErrorNotice';

/** True when a token may be saved now. */
export const canSaveTokens = (s: SecretStorageStatus): boolean => s.available && (s.secure || s.insecureAccepted);

export function SecretStorageNotice({ status }: { status: SecretStorageStatus }) {
  const client = useQueryClient();
  const accept = useMutation({
    mutationFn: () => api.app.acceptInsecureStorage(),
    onSuccess: () => client.invalidateQueries({ queryKey: ['settings', 'app-info'] }),
  });
  if (!status.available) {
    return (
      <div className="notice notice-error" role="alert">
        <strong>Tokens cannot be saved on this computer.</strong> volsnap found no way to encrypt secrets (
        {status.backend}). You can still use the demo cloud. To add a real cloud account, sign in to a desktop session
        with a keyring (GNOME Keyring or KWallet on Linux) and restart volsnap.
      </div>
    );
  }
  if (status.secure) return null;
  if (status.insecureAccepted) {
    return (
      <div className="notice notice-warning" role="status">
        Tokens are stored with the <code>{status.backend}</code> backend, which you accepted: they are encrypted with a
        fixed key, so anyone who can read your files can read them.
      </div>
    );
  }
  return (
    <div className="notice notice-warning" role="region" aria-label="Token storage">
      <p>
        <strong>Your system has no keyring volsnap can use.</strong> Tokens would be stored with the{' '}
        <code>{status.backend}</code> backend: encrypted with a fixed key that is the same on every computer, so any
        program or person who can read your files could recover them.
      </p>
      <p>
        Safer: install and unlock a keyring (GNOME Keyring or KWallet), then restart volsnap. Or accept the risk, e.g.
        on a single-user machine with an encrypted disk.
      </p>
      <div className="button-row">
        <button type="button" className="button" onClick={() => accept.mutate()} disabled={accept.isPending}>
          Store tokens without a keyring
        </button>
      </div>
      {accept.isError && (
        <p className="field-error" role="alert">
          {errorMessage(accept.error)}
        </p>
      )}
    </div>
  );
}
