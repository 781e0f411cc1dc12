/**
 * The AWS SDK builds and signs each request (SigV4); this handler sends the
 * signed request through volsnap's own HTTP layer, so AWS calls share the
 * account's budget, timeouts, retry rules and error mapping with every other
 * cloud. The SDK's own retries are off (`maxAttempts: 1`): two retry layers
 * would multiply attempts and could repeat a CreateSnapshot whose outcome is
 * unknown. Every header the SDK signed is sent unchanged; `host` and
 * `content-length` are left to fetch, which derives the same values from the
 * URL and the body.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { HttpClient } from '../http/client';
import { ProviderError } from '../types';

/** What volsnap is doing with the current SDK call: words for errors, the IAM action, retry safety. */
export interface AwsCall {
  /** "create a snapshot of volume data-1": completes "AWS refused to ...". */
  action: string;
  /** The IAM action, named when AWS refuses it: "ec2:CreateSnapshot". */
  permission: string;
  safety: 'idempotent' | 'create';
}

/** The parts of the SDK's HttpRequest this handler reads (structurally typed, no internal imports). */
export interface SignedRequest {
  method: string;
  protocol: string;
  hostname: string;
  port?: number;
  path: string;
  query?: Record<string, string | string[] | null>;
  headers: Record<string, string>;
  body?: unknown;
}

export interface SdkResponse {
  response: { statusCode: number; headers: Record<string, string>; body: Uint8Array };
}

const LEFT_TO_FETCH = new Set(['host', 'content-length']);

/** Carries the AwsCall from the client method into `handle`, across the SDK's middleware. */
export const awsCallContext = new AsyncLocalStorage<AwsCall>();

export class AwsRequestHandler {
  private readonly clients = new Map<string, HttpClient>();

  /** `httpFor(origin)` gives the HttpClient for one endpoint (one per region). */
  constructor(private readonly httpFor: (origin: string) => HttpClient) {}

  async handle(request: SignedRequest): Promise<SdkResponse> {
    const call = awsCallContext.getStore();
    if (!call) throw new ProviderError('internal', 'An AWS request was made outside a volsnap call; it was not sent.');
    if (request.body !== undefined && typeof request.body !== 'string') {
      throw new ProviderError('internal', `volsnap cannot send the AWS request to ${call.action}: unexpected body.`);
    }
    const method = request.method.toUpperCase();
    if (method !== 'POST' && method !== 'GET') {
      throw new ProviderError('internal', `volsnap does not send ${method} requests to AWS.`);
    }
    const origin = `${request.protocol}//${request.hostname}${request.port ? `:${request.port}` : ''}`;
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(request.headers)) {
      if (!LEFT_TO_FETCH.has(name.toLowerCase())) headers[name] = value;
    }
    const query: Record<string, string | string[]> = {};
    for (const [k, v] of Object.entries(request.query ?? {})) if (v !== null) query[k] = v;
    const res = await this.http(origin).request<unknown>({
      method,
      path: request.path,
      query,
      headers,
      rawBody: request.body,
      // EC2 answers XML; the SDK parses it and client.ts validates the parsed output (schemas.ts).
      answer: 'xml',
      safety: call.safety,
      action: call.action,
      scope: call.permission,
    });
    const text = typeof res.body === 'string' ? res.body : res.body === undefined ? '' : JSON.stringify(res.body);
    return {
      response: {
        statusCode: res.status,
        headers: Object.fromEntries(res.headers.entries()),
        body: new TextEncoder().encode(text),
      },
    };
  }

  private http(origin: string): HttpClient {
    let client = this.clients.get(origin);
    if (!client) {
      client = this.httpFor(origin);
      this.clients.set(origin, client);
    }
    return client;
  }
}
