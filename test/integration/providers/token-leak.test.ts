/**
 * Token leak scan, provider part (issue 11): the emulators echo the token back
 * in every place a provider error can carry text (message, details, request id
 * header and body field, status fields), in every form a proxy or a provider
 * might produce: plain, upper and lower case, base64, base64url, URL-encoded
 * and a 40-character prefix. The clients are driven through every call; no
 * thrown error (message, data sent to the window, request id), no returned
 * value and no log line may contain any form of the token.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { setLogSink } from '../../../src/main/ports/log';
import { ProviderError } from '../../../src/main/providers/types';
import type { ScriptedFault } from '../../fakes/http-fake';
import { calls, rigKinds, startRig, type Call, type Rig, type RigKind } from './rigs';

// Characters that URL encoding and base64 change, so every form differs from the plain one.
const TOKEN = 'LeakScan+Tok/3f9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d3e2f1a0b9c8d7e6f5a4b3c2d1e0f9a8b7c6d5';
/** Every form of `secret` a proxy or provider might echo. */
function formsOf(secret: string): Record<string, string> {
  return {
    plain: secret,
    'upper case': secret.toUpperCase(),
    'lower case': secret.toLowerCase(),
    base64: Buffer.from(secret).toString('base64'),
    base64url: Buffer.from(secret).toString('base64url'),
    'URL-encoded': encodeURIComponent(secret),
    '40-character prefix': secret.slice(0, 40),
  };
}
const forms = formsOf(TOKEN);
const statuses = [401, 422, 500];

const lines: string[] = [];
setLogSink((_level, _scope, message) => lines.push(message));
const scanned = { echoes: 0, errors: 0, values: 0 };
const hits: string[] = [];

/** A provider-shaped error body with the echo in every text field the dialect may read. */
function echoBody(kind: RigKind, status: number, echo: string): unknown {
  if (kind === 'gcp') {
    const reason = status === 401 ? 'authError' : status === 422 ? 'invalid' : 'backendError';
    return { error: { code: status, message: `bad ${echo}`, errors: [{ reason, message: echo }], status: echo } };
  }
  if (kind === 'scaleway' || kind === 'scaleway-server')
    return {
      type: status === 422 ? 'invalid_arguments' : status === 401 ? 'denied_authentication' : 'internal_error',
      message: `authentication is denied for ${echo}`,
      help_message: echo,
      current_state: echo,
      details: [{ argument_name: echo, help_message: `bad value ${echo}`, reason: echo }],
    };
  if (kind === 'hetzner')
    return {
      error: {
        code: status === 422 ? 'invalid_input' : 'unauthorized',
        message: `token ${echo} is invalid`,
        details: { fields: [{ name: echo }] },
      },
    };
  return {
    id: status === 401 ? 'unauthorized' : 'unprocessable_entity',
    message: `Unable to authenticate you (${echo}).`,
    request_id: echo,
  };
}

/** Forms searched besides the token's: a rig's own secrets once it echoes them (Google). */
const ownForms: Record<string, string>[] = [];

function searchFor(where: string, text: string): void {
  const low = text.toLowerCase();
  for (const [name, form] of [forms, ...ownForms].flatMap((f) => Object.entries(f))) {
    // Any 16 characters of a form count as a hit: a partial echo is a leak too.
    for (let i = 0; i + 16 <= form.length; i += 8) {
      if (low.includes(form.slice(i, i + 16).toLowerCase())) {
        hits.push(`${where}: ${name} form in "${text.slice(0, 160)}"`);
        return;
      }
    }
  }
}

async function drive(rig: Rig, call: Call, fault: Omit<ScriptedFault, 'route'>, where: string): Promise<void> {
  rig.fake.faults.script.push({ route: rig.routes[call], ...fault });
  const before = lines.length;
  try {
    const value = await rig.run(call, 'volsnap-data-20240611T010000Z');
    scanned.values += 1;
    searchFor(`${where} (returned value)`, JSON.stringify(value) ?? '');
  } catch (err) {
    expect(err, where).toBeInstanceOf(ProviderError);
    const e = err as ProviderError;
    scanned.errors += 1;
    searchFor(`${where} (error)`, [e.message, JSON.stringify(e.toData()), String(e.options.requestId)].join('\n'));
  } finally {
    rig.fake.faults.script.length = 0;
  }
  for (const line of lines.slice(before)) searchFor(`${where} (log)`, line);
}

afterAll(() => {
  console.log(
    `token leak scan: ${scanned.echoes} provider echoes (${rigKinds.length} clients x ${calls.length} calls x ${Object.keys(forms).length} forms x ${statuses.length} statuses, plus status fields and Google's own secrets), ` +
      `${scanned.errors} errors, ${scanned.values} returned values and ${lines.length} log lines searched, ${hits.length} hits`,
  );
  expect(scanned.echoes).toBeGreaterThan(
    rigKinds.length * calls.length * Object.keys(forms).length * statuses.length - 1,
  );
  expect(hits).toEqual([]);
});

describe.each(rigKinds)('%s echoes the token back', (kind) => {
  it('in error bodies and request ids, for every call, form and status', async () => {
    const rig = await startRig(kind, TOKEN, { sleep: () => Promise.resolve(), retry: { maxAttempts: 1 } });
    try {
      for (const call of calls) {
        for (const [name, echo] of Object.entries(forms)) {
          for (const status of statuses) {
            scanned.echoes += 1;
            await drive(
              rig,
              call,
              {
                count: 5,
                act: false,
                reply: {
                  kind: 'raw',
                  status,
                  body: JSON.stringify(echoBody(kind, status, echo)),
                  headers: {
                    'content-type': 'application/json',
                    'x-request-id': echo,
                    'x-correlation-id': echo,
                  },
                },
              },
              `${kind} ${call} ${status} ${name}`,
            );
          }
        }
      }
    } finally {
      await rig.close();
    }
  });

  it('in status fields of a snapshot', async () => {
    const rig = await startRig(kind, TOKEN, { sleep: () => Promise.resolve() });
    try {
      const echo = forms['40-character prefix']!;
      const setStatus = (b: unknown): unknown => {
        const set = (o: Record<string, unknown>) => ({ ...o, status: echo });
        const body = b as Record<string, unknown>;
        if (body.snapshot) return { ...body, snapshot: set(body.snapshot as Record<string, unknown>) };
        if (body.image) return { ...body, image: set(body.image as Record<string, unknown>) };
        return set(body);
      };
      scanned.echoes += 1;
      await drive(
        rig,
        'getSnapshot',
        { count: 1, act: true, reply: { kind: 'mutate', mutate: setStatus } },
        `${kind} getSnapshot status field`,
      );
    } finally {
      await rig.close();
    }
  });
});

/**
 * Google's credential is not the token the other rigs share: the client signs
 * in with the key's private key and sends short-lived access tokens. Both are
 * echoed back here, in every form, in Google error bodies of every call.
 */
describe('gcp echoes its own secrets back', () => {
  it('the access token and a private-key line, in error bodies of every call', async () => {
    const rig = await startRig('gcp', TOKEN, { sleep: () => Promise.resolve(), retry: { maxAttempts: 1 } });
    try {
      await rig.run('verify');
      const [accessToken, keyLine] = rig.secrets();
      expect(accessToken, 'the emulator issued an access token').toMatch(/^ya29\./);
      expect(keyLine!.length).toBeGreaterThanOrEqual(40);
      for (const secret of [accessToken!, keyLine!]) {
        const secretForms = formsOf(secret);
        ownForms.push(secretForms);
        for (const call of calls) {
          for (const [name, echo] of Object.entries(secretForms)) {
            scanned.echoes += 1;
            await drive(
              rig,
              call,
              {
                count: 5,
                act: false,
                reply: {
                  kind: 'raw',
                  status: 400,
                  body: JSON.stringify(echoBody('gcp', 400, echo)),
                  headers: { 'content-type': 'application/json', 'x-request-id': echo },
                },
              },
              `gcp ${call} own secret ${name}`,
            );
          }
        }
      }
    } finally {
      await rig.close();
    }
  });
});
