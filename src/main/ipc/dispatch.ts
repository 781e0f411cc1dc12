/**
 * Turns an untrusted (channel, argument) pair into a validated service call and
 * an Envelope. The Electron registration (shell/ipc.ts) and the e2e bridge both
 * go through here, so every path into the service is checked the same way.
 */
import { invokeChannels, maxInputBytes, type InvokeChannel } from '../../shared/contract';
import { AppError, type AppErrorData, type Envelope } from '../../shared/errors';
import type { z } from 'zod';
import { createLogger } from '../ports/log';
import type { Handler, Handlers } from '../service/handlers';

const log = createLogger('ipc');

export type Dispatch = (channel: string, raw: unknown) => Promise<Envelope<unknown>>;

function fieldIssues(error: z.ZodError): AppErrorData['fields'] {
  return error.issues.slice(0, 20).map((issue) => ({ path: issue.path.join('.'), message: issue.message }));
}

/** Measures the argument without trusting it: a value JSON cannot encode is refused too. */
function serializedSize(raw: unknown): number {
  if (raw === undefined) return 0;
  try {
    return JSON.stringify(raw)?.length ?? 0;
  } catch {
    return Number.POSITIVE_INFINITY;
  }
}

export function toErrorData(error: unknown): AppErrorData {
  if (error instanceof AppError) return error.toData();
  // Unexpected failures are logged in full but shown without internals.
  log.error('Unexpected failure', error instanceof Error ? (error.stack ?? error.message) : error);
  return {
    code: 'internal',
    message: 'Something went wrong inside volsnap. The details are in the log file (Settings > Open logs folder).',
  };
}

export function createDispatcher(handlers: Partial<Handlers>): Dispatch {
  return async (channel, raw) => {
    if (!Object.hasOwn(invokeChannels, channel)) {
      return {
        ok: false,
        error: { code: 'not_found', message: `volsnap has no operation called "${String(channel).slice(0, 80)}".` },
      };
    }
    const name = channel as InvokeChannel;
    const size = serializedSize(raw);
    if (size > maxInputBytes) {
      return {
        ok: false,
        error: {
          code: 'invalid_input',
          message: `The request for ${name} is too large (${Number.isFinite(size) ? `${size} bytes` : 'not serializable'}; the limit is ${maxInputBytes} bytes).`,
        },
      };
    }
    const spec = invokeChannels[name];
    const parsed = spec.input.safeParse(raw);
    if (!parsed.success) {
      const fields = fieldIssues(parsed.error);
      const first = fields?.[0];
      const where = first?.path ? ` (${first.path}: ${first.message})` : first ? ` (${first.message})` : '';
      return {
        ok: false,
        error: { code: 'invalid_input', message: `Some of the input is not valid${where}.`, fields },
      };
    }
    const handler = handlers[name] as Handler<typeof name> | undefined;
    if (!handler) {
      return {
        ok: false,
        error: { code: 'unsupported', message: `"${name}" is not available in this build of volsnap.` },
      };
    }
    try {
      const value = await handler(parsed.data as never);
      // Parsing the output strips any field the contract does not name, so an
      // internal detail (a secret reference, a path) cannot leak to the renderer.
      return { ok: true, value: spec.output.parse(value) };
    } catch (error) {
      return { ok: false, error: toErrorData(error) };
    }
  };
}
