/**
 * A fault-injecting HTTP proxy in front of moto, for what moto does not do
 * (PROVIDERS.md section 7): moto ignores MaxResults/NextToken, completes
 * snapshots at once, ignores OwnerIds=self and never throttles. The proxy adds,
 * each behind a knob:
 * - pagination of DescribeVolumes/DescribeSnapshots (pages of `pageSize`, AWS's
 *   MaxResults ranges and its "no MaxResults with SnapshotIds" rule enforced);
 * - CreateSnapshot answering `pending` (as AWS does) and DescribeSnapshots
 *   showing a new snapshot `pending` for `pendingPolls` looks;
 * - injected errors, e.g. throttling (`RequestLimitExceeded` as 503,
 *   `SnapshotCreationPerVolumeRateExceeded` as 400);
 * - a lost reply: the request reaches moto, then the connection is cut;
 * - `UnauthorizedOperation` (403) for denied actions;
 * - snapshots of other accounts, listed unless the request says OwnerIds=self.
 * Requests are forwarded byte for byte (moto can check their signatures).
 */
import { createServer, request as httpRequest, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ec2Error, field, foreignSnapshotItem, joinItems, setField, splitItems } from './aws-xml';

export interface ForeignSnapshot {
  snapshotId: string;
  volumeId: string;
  ownerId: string;
  tags: Record<string, string>;
}

export interface AwsProxyKnobs {
  /** Items per page of DescribeVolumes/DescribeSnapshots (AWS may return fewer than MaxResults). */
  pageSize: number | null;
  /** How many DescribeSnapshots looks see a new snapshot as `pending` before moto's `completed`. */
  pendingPolls: number;
  /**
   * Answer the next `times` calls of `action` with this EC2 error instead of forwarding
   * (throttling: `RequestLimitExceeded` with 503, `SnapshotCreationPerVolumeRateExceeded` with 400).
   */
  inject: { action: string; code: string; status: number; times: number; message?: string }[];
  /** Forward the next call of these actions to moto, then cut the connection before the reply. */
  loseReplyOf: string[];
  /** Actions refused with UnauthorizedOperation. */
  deny: string[];
  foreign: ForeignSnapshot[];
  /** Remove `field` from every answer to `action` (a malformed answer the client must refuse). */
  strip: { action: string; field: string }[];
  /**
   * Answer the next `times` calls of `action` with this raw reply (a captive portal, a proxy, a
   * redirect in AWS's place). With `act`, the call reaches moto first: the fault comes after AWS acted.
   */
  raw: RawFault[];
}

export interface RawFault {
  action: string;
  status: number;
  body: string;
  headers?: Record<string, string>;
  act?: boolean;
  times: number;
}

export interface ProxiedCall {
  action: string;
  params: URLSearchParams;
  /** What the client got: an HTTP status, or 'lost' when the connection was cut. */
  outcome: number | 'lost';
  reachedMoto: boolean;
}

export interface AwsProxy {
  url: string;
  knobs: AwsProxyKnobs;
  calls: ProxiedCall[];
  count(action: string, filter?: (c: ProxiedCall) => boolean): number;
  close(): Promise<void>;
}

const PAGE_LIMITS: Record<string, { set: string; min: number; max: number }> = {
  DescribeVolumes: { set: 'volumeSet', min: 5, max: 500 },
  DescribeSnapshots: { set: 'snapshotSet', min: 5, max: 1000 },
};

const readBody = (req: IncomingMessage): Promise<Buffer> =>
  new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });

function forward(
  target: URL,
  req: IncomingMessage,
  body: Buffer,
): Promise<{ status: number; headers: Record<string, string>; text: string }> {
  return new Promise((resolve, reject) => {
    const out = httpRequest(
      { host: target.hostname, port: target.port, method: req.method, path: req.url, headers: req.headers },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 500,
            headers: { 'content-type': String(res.headers['content-type'] ?? 'text/xml') },
            text: Buffer.concat(chunks).toString('utf8'),
          }),
        );
      },
    );
    out.on('error', reject);
    out.end(body);
  });
}

/** Starts the proxy on 127.0.0.1 in front of `motoUrl`. */
export async function startAwsProxy(motoUrl: string, knobs: Partial<AwsProxyKnobs> = {}): Promise<AwsProxy> {
  const target = new URL(motoUrl);
  const state: AwsProxyKnobs = {
    pageSize: null,
    pendingPolls: 0,
    inject: [],
    loseReplyOf: [],
    deny: [],
    foreign: [],
    strip: [],
    raw: [],
    ...knobs,
  };
  const calls: ProxiedCall[] = [];
  /** Snapshot id -> DescribeSnapshots looks left during which it shows `pending`. */
  const pending = new Map<string, number>();

  const server: Server = createServer((req, res) => {
    void (async () => {
      const body = await readBody(req);
      const params = new URLSearchParams(body.toString('utf8'));
      const action = params.get('Action') ?? '';
      const call: ProxiedCall = { action, params, outcome: 200, reachedMoto: false };
      calls.push(call);
      const reply = (status: number, text: string) => {
        call.outcome = status;
        res.writeHead(status, { 'content-type': 'text/xml' }).end(text);
      };

      if (state.deny.includes(action)) {
        return reply(
          403,
          ec2Error(
            'UnauthorizedOperation',
            'You are not authorized to perform this operation. Encoded authorization failure message: AbCdEf0123456789',
          ),
        );
      }
      const injected = state.inject.find((t) => t.action === action && t.times > 0);
      if (injected) {
        injected.times -= 1;
        return reply(
          injected.status,
          ec2Error(injected.code, injected.message ?? `${injected.code} (injected by the proxy).`),
        );
      }
      const rawFault = state.raw.find((t) => t.action === action && t.times > 0);
      if (rawFault) {
        rawFault.times -= 1;
        if (rawFault.act) {
          await forward(target, req, body);
          call.reachedMoto = true;
        }
        call.outcome = rawFault.status;
        res.writeHead(rawFault.status, rawFault.headers ?? {}).end(rawFault.body);
        return;
      }
      const paging = PAGE_LIMITS[action];
      const maxResults = params.get('MaxResults');
      if (paging && maxResults !== null) {
        const n = Number(maxResults);
        if (!Number.isInteger(n) || n < paging.min || n > paging.max) {
          return reply(
            400,
            ec2Error('InvalidParameterValue', `MaxResults must be between ${paging.min} and ${paging.max}.`),
          );
        }
        if (params.has('SnapshotId.1')) {
          return reply(
            400,
            ec2Error(
              'InvalidParameterCombination',
              'The parameter SnapshotIds cannot be used with the parameter MaxResults',
            ),
          );
        }
      }

      const answer = await forward(target, req, body);
      call.reachedMoto = true;
      const lose = state.loseReplyOf.indexOf(action);
      if (lose >= 0) {
        state.loseReplyOf.splice(lose, 1);
        call.outcome = 'lost';
        req.socket.destroy();
        return;
      }
      if (answer.status !== 200) return reply(answer.status, answer.text);
      let text = rewrite(action, params, answer.text);
      for (const s of state.strip.filter((x) => x.action === action)) {
        text = text.replace(new RegExp(`<${s.field}>[^<]*</${s.field}>`, 'g'), '');
      }
      reply(200, text);
    })().catch((err: unknown) => {
      res.writeHead(500, { 'content-type': 'text/xml' }).end(ec2Error('InternalError', String(err)));
    });
  });

  function rewrite(action: string, params: URLSearchParams, xml: string): string {
    if (action === 'CreateSnapshot') {
      // AWS answers a new snapshot as pending; moto says completed at once.
      const id = field(xml, 'snapshotId');
      if (id) pending.set(id, state.pendingPolls);
      return setField(setField(xml, 'status', 'pending'), 'progress', '0%');
    }
    const paging = PAGE_LIMITS[action];
    if (!paging) return xml;
    const set = splitItems(xml, paging.set);
    if (!set) return xml;
    let items = set.items;
    if (action === 'DescribeSnapshots') items = describeSnapshots(params, items);
    const offset = params.get('NextToken') ? Number(Buffer.from(params.get('NextToken')!, 'base64url').toString()) : 0;
    const requested = Number(params.get('MaxResults') ?? items.length);
    const size = Math.min(requested || items.length, state.pageSize ?? Infinity);
    const page = items.slice(offset, offset + size);
    const next = offset + size < items.length ? Buffer.from(String(offset + size)).toString('base64url') : null;
    return joinItems(set, page, next);
  }

  function describeSnapshots(params: URLSearchParams, items: string[]): string[] {
    const shown = items.map((item) => {
      const id = field(item, 'snapshotId') ?? '';
      const left = pending.get(id) ?? 0;
      if (left <= 0) return item;
      pending.set(id, left - 1);
      return setField(setField(item, 'status', 'pending'), 'progress', '40%');
    });
    const selfOnly = [...params.entries()].some(([k, v]) => /^Owner(Id)?\.\d+$/.test(k) && v === 'self');
    if (selfOnly) return shown;
    // Without OwnerIds=self AWS also lists snapshots of other accounts (public or shared).
    const volumeFilter = [...params.entries()].find(([k, v]) => /^Filter\.\d+\.Name$/.test(k) && v === 'volume-id');
    const volumeIds = volumeFilter ? params.getAll(volumeFilter[0].replace('.Name', '.Value.1')) : null;
    const foreign = state.foreign.filter((f) => !volumeIds || volumeIds.includes(f.volumeId));
    return [...shown, ...foreign.map(foreignSnapshotItem)];
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    knobs: state,
    calls,
    count: (action, filter) => calls.filter((c) => c.action === action && (!filter || filter(c))).length,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
