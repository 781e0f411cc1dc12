/**
 * moto (an independent AWS emulator, Python) for the AWS tests: found on the
 * PATH, started on 127.0.0.1 on a free port with MOTO_EC2_LOAD_DEFAULT_AMIS=false
 * (otherwise 1,169 Amazon snapshots appear in every describe), reset between
 * tests with POST /moto-api/reset, stopped after the file. Each test file gets
 * its own moto, so files running in parallel never see each other's state.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { createServer } from 'node:net';
import { delimiter, join } from 'node:path';
import { afterAll, beforeAll, beforeEach } from 'vitest';

export const MOTO_MISSING =
  'moto_server (the AWS emulator, Python package moto 5.2) is not on the PATH. Install it with `pip install "moto[server]==5.2.1"` (or ask for the build image that has it), then run the tests again.';

/** The account moto puts every resource in. */
export const MOTO_ACCOUNT_ID = '123456789012';

export function findMotoServer(): string | null {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (!dir) continue;
    const candidate = join(dir, 'moto_server');
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not in this directory
    }
  }
  return null;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export interface Moto {
  url: string;
  reset(): Promise<void>;
  /** Makes moto check every signature and IAM policy (true), or accept anything (false). */
  requireAuth(on: boolean): Promise<void>;
  stop(): Promise<void>;
}

/** Starts moto and waits until it answers (it needs 5-7 s here, more on a loaded machine). */
export async function startMoto(): Promise<Moto> {
  const bin = findMotoServer();
  if (!bin) throw new Error(MOTO_MISSING);
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child: ChildProcess = spawn(bin, ['-H', '127.0.0.1', '-p', String(port)], {
    env: { ...process.env, MOTO_EC2_LOAD_DEFAULT_AMIS: 'false' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-2000);
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const post = async (path: string, body = '') => {
    const res = await fetch(`${url}${path}`, { method: 'POST', body });
    if (!res.ok) throw new Error(`moto ${path} answered ${res.status}`);
  };
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`moto_server exited at start (${child.exitCode}): ${stderr}`);
    try {
      await post('/moto-api/reset');
      break;
    } catch {
      if (Date.now() > deadline) {
        child.kill('SIGTERM');
        throw new Error(`moto_server did not answer on ${url} within 60 s: ${stderr}`);
      }
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  return {
    url,
    reset: () => post('/moto-api/reset'),
    // moto counts requests before it starts checking; "inf" means never check.
    requireAuth: (on) => post('/moto-api/reset-auth', on ? '0' : 'inf'),
    async stop() {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        await exited;
      }
    },
  };
}

/** Sends an IAM Query API call to moto (auth must be off: unsigned, routed by the credential scope). */
async function iam(moto: Moto, params: Record<string, string>): Promise<string> {
  const res = await fetch(moto.url, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      authorization:
        'AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20260101/us-east-1/iam/aws4_request, SignedHeaders=host, Signature=0',
    },
    body: new URLSearchParams({ Version: '2010-05-08', ...params }).toString(),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`moto IAM ${params.Action} answered ${res.status}: ${text.slice(0, 300)}`);
  return text;
}

/** An IAM user in moto with an inline policy and an access key (call before requireAuth(true)). */
export async function createIamUser(
  moto: Moto,
  name: string,
  policy: object,
): Promise<{ accessKeyId: string; secretAccessKey: string }> {
  await iam(moto, { Action: 'CreateUser', UserName: name });
  await iam(moto, {
    Action: 'PutUserPolicy',
    UserName: name,
    PolicyName: `${name}-policy`,
    PolicyDocument: JSON.stringify(policy),
  });
  const xml = await iam(moto, { Action: 'CreateAccessKey', UserName: name });
  const pick = (tag: string) => new RegExp(`<${tag}>([^<]+)</${tag}>`).exec(xml)?.[1];
  const accessKeyId = pick('AccessKeyId');
  const secretAccessKey = pick('SecretAccessKey');
  if (!accessKeyId || !secretAccessKey) throw new Error(`moto CreateAccessKey gave no key: ${xml.slice(0, 300)}`);
  return { accessKeyId, secretAccessKey };
}

/** One moto for the test file, reset (state and auth) before every test. */
export function useMoto(): { readonly moto: Moto } {
  const holder: { moto?: Moto } = {};
  beforeAll(async () => {
    holder.moto = await startMoto();
  }, 90_000);
  beforeEach(async () => {
    await holder.moto?.requireAuth(false);
    await holder.moto?.reset();
  });
  afterAll(async () => {
    await holder.moto?.stop();
  });
  return {
    get moto() {
      if (!holder.moto) throw new Error(MOTO_MISSING);
      return holder.moto;
    },
  };
}
