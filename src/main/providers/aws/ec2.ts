/**
 * One EC2 SDK client per region, all sending through the AwsRequestHandler
 * (one HttpClient per endpoint, one budget for the account). `send` runs a
 * command with the AwsCall that names it in errors and sets its retry safety.
 */
import { EC2Client } from '@aws-sdk/client-ec2';
import type { AwsCredentials } from '../../../shared/aws';
import { RequestBudget } from '../http/budget';
import { defaultLimits } from '../http/limits';
import { createHttp, resolveBaseUrl } from '../http/setup';
import { ProviderError, type ProviderOptions } from '../types';
import { awsDialect } from './dialect';
import { awsCallContext, AwsRequestHandler, type AwsCall } from './request-handler';

// volsnap pins the SDK to a release that supports Node 20 (see README); its
// notice about future releases needing Node 22 would only add noise to the log.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

export class Ec2Session {
  private readonly clients = new Map<string, EC2Client>();
  private readonly handler: AwsRequestHandler;
  /** Test/proxy endpoint for every region; null for AWS's own regional endpoints. */
  private readonly endpoint: string | null;

  constructor(
    private readonly credentials: AwsCredentials,
    secret: string,
    options: ProviderOptions,
  ) {
    // The override follows the same rules as every provider's: https only, and ignored in a packaged app.
    const override = options.baseUrl ?? (options.ignoreApiUrlEnvironment ? undefined : process.env.VOLSNAP_AWS_API_URL);
    this.endpoint = override ? resolveBaseUrl('aws', override, options) : null;
    // One budget for every region's endpoint: AccountClients passes the account's; a key
    // being checked before the account exists paces on its own.
    const budget = options.budget ?? new RequestBudget({ limits: defaultLimits.aws });
    this.handler = new AwsRequestHandler((origin) =>
      createHttp(
        'aws',
        secret,
        { ...options, budget, baseUrl: origin },
        { baseUrl: origin, dialect: awsDialect, headers: {} },
      ),
    );
  }

  /**
   * Runs one SDK command in `region`. The output is `unknown` on purpose: the
   * caller validates it (schemas.ts). Errors arrive as ProviderError from the HTTP layer.
   */
  async send(region: string, call: AwsCall, command: (client: EC2Client) => Promise<unknown>): Promise<unknown> {
    const client = this.client(region);
    try {
      return await awsCallContext.run(call, () => command(client));
    } catch (error) {
      if (error instanceof ProviderError) throw error;
      // The SDK failed before or after sending (serialising, parsing the XML).
      const detail = error instanceof Error ? error.message.slice(0, 200) : 'unknown error';
      throw new ProviderError(
        'provider_unavailable',
        `volsnap could not ${call.action} in AWS region ${region} (${detail}). volsnap will try again later.`,
        { transient: true, outcomeUnknown: call.safety === 'create' },
      );
    }
  }

  private client(region: string): EC2Client {
    let client = this.clients.get(region);
    if (!client) {
      const { accessKeyId, secretAccessKey, sessionToken } = this.credentials;
      client = new EC2Client({
        region,
        credentials: { accessKeyId, secretAccessKey, ...(sessionToken ? { sessionToken } : {}) },
        ...(this.endpoint ? { endpoint: this.endpoint } : {}),
        // Retries belong to volsnap's HTTP layer (budget-aware, never repeating a create blindly).
        maxAttempts: 1,
        requestHandler: this.handler,
      });
      this.clients.set(region, client);
    }
    return client;
  }
}
