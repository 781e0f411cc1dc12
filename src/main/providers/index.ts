/**
 * The one way to get a ProviderClient. Everything else in this folder is an
 * implementation detail, apart from the re-exports below.
 */
import type { ProviderKind } from '../../shared/domain';
import { ProviderError, type ProviderClient, type ProviderOptions } from './types';
import { DigitalOceanClient } from './digitalocean';
import { HetznerClient } from './hetzner';
import { ScalewayClient } from './scaleway';
import { DemoClient } from './demo';
import { AwsClient } from './aws/client';
import { GcpClient } from './gcp/client';

export { providerInfo, type ProviderInfo } from '../../shared/providers';
export { defaultLimits } from './http/limits';
export { RequestBudget, type BudgetStats, type BudgetLimit } from './http/budget';
export { apiUrlEnv } from './http/setup';
export { isValidRuleKey, RULE_KEY_PATTERN, NAME_PREFIX } from './ownership';
export * from './types';

/**
 * A client for one account. `token` is required except for the demo cloud.
 * The base URL comes from `options.baseUrl`, else `VOLSNAP_<KIND>_API_URL`, else the public API.
 */
export function createProviderClient(
  kind: ProviderKind,
  token: string | null,
  options: ProviderOptions = {},
): ProviderClient {
  if (kind !== 'demo' && !token) {
    throw new ProviderError('invalid_input', 'Enter an API token for this account.');
  }
  switch (kind) {
    case 'digitalocean':
      return new DigitalOceanClient(token!, options);
    case 'scaleway':
      return new ScalewayClient(token!, options);
    case 'hetzner':
      return new HetznerClient(token!, options);
    case 'aws':
      return new AwsClient(token!, options);
    case 'gcp':
      return new GcpClient(token!, options);
    case 'demo':
      return new DemoClient(options);
    default:
      throw new ProviderError('unsupported', `volsnap does not know the provider "${String(kind)}".`);
  }
}
