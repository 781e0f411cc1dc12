import { AppError } from '../../shared/errors';
import type { Handlers } from './handlers';
import type { ServiceContext } from './context';

/**
 * A side-effect-free token check: unlike accounts:verify it records nothing,
 * and it returns the error's code, which `volsnap snap` turns into its exit
 * code (credentials rejected vs a temporary provider problem).
 */
export function probeHandlers({ repos, clients }: ServiceContext) {
  return {
    'accounts:probe': async ({ id }) => {
      if (!repos.accounts.get(id)) throw new AppError('not_found', 'That cloud account no longer exists.');
      try {
        await (await clients.get(id)).verify();
        return { ok: true, error: null };
      } catch (error) {
        const data =
          error instanceof AppError
            ? error.toData()
            : { code: 'provider_unavailable' as const, message: 'The provider could not be reached.' };
        return { ok: false, error: data };
      }
    },
  } satisfies Partial<Handlers>;
}
