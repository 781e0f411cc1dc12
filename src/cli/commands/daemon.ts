/** `volsnap daemon`: the engine in the foreground until SIGTERM/SIGINT. */
import { dirname, join } from 'node:path';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { DataFolderBusy } from '../../main/data-lock';
import { createLogger, registerSecret, setLogSink, type LogLevel } from '../../main/ports/log';
import { commonOptions, parseCommandArgs } from '../args';
import { startDaemon, type DaemonOptions } from '../daemon';
import { resolveDataDir } from '../data-dir';
import { CliError, ExitCode } from '../exit-codes';
import type { CliIo } from '../io';
import { journalSink } from '../log-sink';
import { DEFAULT_UI, parseUiAddress, uiToken } from '../ui-address';

const options = {
  ...commonOptions,
  ui: { type: 'string' },
  'ui-token': { type: 'string' },
  'ui-origin': { type: 'string', multiple: true },
  'allow-remote': { type: 'boolean' },
  'log-level': { type: 'string' },
} as const;

const levels: LogLevel[] = ['debug', 'info', 'warn', 'error'];

/** `--ui` may stand alone: give it the default address so parseArgs sees a value. */
function withUiDefault(argv: string[]): string[] {
  return argv.map((arg, i) =>
    arg === '--ui' && (argv[i + 1] === undefined || argv[i + 1]!.startsWith('-')) ? `--ui=${DEFAULT_UI}` : arg,
  );
}

/** The built renderer: VOLSNAP_UI_DIR, else next to this bundle (dist/cli/volsnap.js -> dist/renderer). */
function defaultRendererDir(env: NodeJS.ProcessEnv): string {
  return env.VOLSNAP_UI_DIR ?? join(dirname(fileURLToPath(import.meta.url)), '..', 'renderer');
}

function uiOptions(values: Record<string, unknown>, io: CliIo): DaemonOptions['ui'] {
  if (typeof values.ui !== 'string') {
    if (values['ui-token'] || values['allow-remote'])
      throw new CliError('--ui-token and --allow-remote only apply with --ui.', ExitCode.usage);
    return undefined;
  }
  const address = parseUiAddress(values.ui);
  if (!address.loopback && !values['allow-remote'])
    throw new CliError(
      `--ui ${values.ui} is not a loopback address; add --allow-remote if you mean it (and put a TLS reverse proxy in front).`,
      ExitCode.usage,
    );
  const rendererDir = io.rendererDir ?? defaultRendererDir(io.env);
  if (!existsSync(join(rendererDir, 'index.html')))
    throw new CliError(
      `The web UI is not built (${rendererDir}/index.html is missing); run "npm run build".`,
      ExitCode.failed,
    );
  const { token } = uiToken(values['ui-token'] as string | undefined, io.env);
  const origins = (values['ui-origin'] as string[] | undefined) ?? [];
  for (const origin of origins)
    if (!URL.canParse(origin)) throw new CliError(`--ui-origin "${origin}" is not a URL.`, ExitCode.usage);
  return { host: address.host, port: address.port, token, rendererDir, origins };
}

export async function daemonCommand(argv: string[], io: CliIo): Promise<number> {
  const { values } = parseCommandArgs('daemon', withUiDefault(argv), options, 0);
  const level = (values['log-level'] ?? 'info') as LogLevel;
  if (!levels.includes(level)) throw new CliError('--log-level must be debug, info, warn or error.', ExitCode.usage);
  const dataDir = resolveDataDir(values['data-dir'] as string | undefined, io.env);
  const ui = uiOptions(values, io);
  if (ui) registerSecret(ui.token);
  setLogSink(journalSink({ write: io.stdout, journald: Boolean(io.env.JOURNAL_STREAM), minLevel: level }));
  const log = createLogger('daemon');
  let daemon;
  try {
    daemon = await startDaemon({
      dataDir,
      env: io.env,
      version: io.version,
      ...(ui ? { ui } : {}),
      ...(io.providers ? { providers: io.providers } : {}),
      ...(io.secrets ? { secrets: io.secrets } : {}),
      ...(io.engine ? { engine: io.engine } : {}),
    });
  } catch (error) {
    if (error instanceof DataFolderBusy) throw new CliError(error.message, ExitCode.failed, 'busy');
    const reason = error instanceof Error ? error.message : String(error);
    const errno = (error as NodeJS.ErrnoException).code;
    const where =
      errno && /^E[A-Z]+$/.test(errno)
        ? ` the data folder ${dataDir} cannot be used (${errno}); check that it is a folder the volsnap user can write.`
        : ` ${reason}`;
    throw new CliError(`volsnap daemon could not start:${where}`, ExitCode.failed, 'start_failed');
  }
  log.info(`Started volsnap ${io.version} (pid ${process.pid}) on ${dataDir}; commands use ${daemon.socketPath}`);
  if (daemon.ui) {
    if (ui && !parseUiAddress(values.ui as string).loopback)
      log.warn(`The web UI listens on ${daemon.ui.url} beyond this machine: put a reverse proxy with TLS in front.`);
    // Printed once, outside the logger (which redacts the token): the operator needs it to log in.
    io.stdout(`Web UI: ${daemon.ui.loginUrl}\n`);
  }
  await new Promise<void>((resolve) => {
    if (io.signal.aborted) resolve();
    else io.signal.addEventListener('abort', () => resolve(), { once: true });
  });
  log.info('Stopping: runs in flight are left for reconciliation at the next start');
  await daemon.stop();
  log.info('Stopped');
  return ExitCode.ok;
}
