/** EC2's NextToken pagination, guarded against a server that repeats itself. */
import { ProviderError } from '../types';

const MAX_PAGES = 10_000;

/** Calls `page` with each NextToken until AWS sends none; a repeated token is an error, not a loop. */
export async function paginate(action: string, page: (token: string | undefined) => Promise<string | undefined>) {
  const seen = new Set<string>();
  let token: string | undefined;
  for (let n = 0; n < MAX_PAGES; n += 1) {
    token = (await page(token)) || undefined;
    if (!token) return;
    if (seen.has(token)) {
      throw new ProviderError(
        'provider_unavailable',
        `AWS repeated a page while trying to ${action}; volsnap stopped listing.`,
        {
          transient: true,
        },
      );
    }
    seen.add(token);
  }
}
