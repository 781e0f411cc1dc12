/** Help text for every command (`volsnap <command> --help`). */

const common = `Common options:
  --data-dir DIR   Data folder (default: $VOLSNAP_DATA_DIR, else $XDG_DATA_HOME/volsnap or ~/.local/share/volsnap)
  -h, --help       Show this help`;

const exitCodes = `Exit codes: 0 done, 1 failed, 2 usage, 4 credentials rejected, 5 temporary provider problem,
6 still pending at timeout, 130 interrupted.`;

export const helpTexts: Record<string, string> = {
  main: `volsnap: scheduled snapshots of cloud volumes and servers, without a desktop.

Usage: volsnap <command> [options]

Commands:
  daemon          Run the snapshot engine in the foreground (optionally with the web UI)
  snap <target>   Take one snapshot of a target now, optionally waiting until it is available
  status          Protection health of every target; exits 1 when any is failing or late
  accounts        Add and list cloud accounts (tokens are referenced, never stored)
  targets list    Volumes and servers of every account
  rules           List, export and import rules
  runs list       Snapshot runs, newest first

Run "volsnap <command> --help" for a command's options. While a daemon runs on the data
folder, commands go through its socket; otherwise they open the database themselves.

${exitCodes}
Docs: docs/cli.md`,

  daemon: `Usage: volsnap daemon [--data-dir DIR] [--ui [HOST:PORT]] [--ui-token TOKEN] [--allow-remote]

Runs the snapshot engine in the foreground: logs to standard output (journald-friendly),
stops cleanly on SIGTERM or SIGINT, and answers "volsnap" commands on DIR/volsnap.sock.
Only one engine runs on a data folder; a second one refuses and names the first.

Options:
  --ui [HOST:PORT]   Serve the web UI (default 127.0.0.1:8420). A login link with a fresh
                     token is printed once at start.
  --ui-token TOKEN   Use this login token instead (at least 24 characters); or set
                     VOLSNAP_UI_TOKEN, or the systemd credential "ui-token".
  --allow-remote     Allow a HOST that is not loopback. Put a TLS reverse proxy in front.
  --log-level LEVEL  debug, info (default), warn or error
${common}`,

  snap: `Usage: volsnap snap <target> [--rule ID] [--wait] [--timeout 30m] [--json]

Takes one snapshot of <target> now by running its rule (the snapshot is named, tagged and
kept by that rule's retention). <target> is a volsnap id, the provider's id, or a name
that matches one target.

Options:
  --rule ID        The rule to run when the target has several
  --wait           Wait until the snapshot is available (or failed)
  --timeout DUR    How long --wait waits (default 30m; e.g. 90s, 30m, 2h)
  --json           Print the result as JSON (shape in docs/cli.md)
${common}

${exitCodes}`,

  status: `Usage: volsnap status [--json]

Prints the protection health of every target: protected, late, failing, paused or
unprotected. Exits 1 when any target is failing or late, so it works as a monitoring check.

Options:
  --json           Print as JSON (shape in docs/cli.md)
${common}`,

  accounts: `Usage: volsnap accounts add --provider P --name N (--token-file F | --token-env VAR | --token-credential NAME)
       volsnap accounts list [--json]

add: checks the token with the provider, then records WHERE the token is, never the token:
  --provider P             digitalocean, scaleway, hetzner or demo (demo needs no token)
  --name N                 A name for the account
  --token-file F           A file holding only the token, readable only by its owner (chmod 600)
  --token-env VAR          An environment variable of the daemon holding the token
  --token-credential NAME  A systemd credential of the daemon (LoadCredential=NAME:...)
  --json                   Print the account as JSON
The daemon reads the token from there each time it needs it, with its own rights.

list: the accounts and their status.
${common}`,

  targets: `Usage: volsnap targets list [--refresh] [--account ID] [--json]

Lists the volumes and servers volsnap knows, with their health.

Options:
  --refresh        Ask the providers for their current volumes and servers first
  --account ID     Only this account's targets
  --json           Print as JSON (shape in docs/cli.md)
${common}`,

  rules: `Usage: volsnap rules list [--json]
       volsnap rules export [--output FILE]
       volsnap rules import FILE|-

list:   the rules with their schedule and next run.
export: every rule as JSON (targets by provider and provider id, so it imports elsewhere).
import: creates the rules of an export; a rule with the same name on the same target is
        updated instead, so importing twice changes nothing. Nothing is saved unless every
        rule is valid.
${common}`,

  runs: `Usage: volsnap runs list [--target T] [--status S] [--limit N] [--json]

Lists snapshot runs, newest first.

Options:
  --target T       Only this target (id, provider id or name)
  --status S       requested, creating, available, error, deleting or deleted
  --limit N        At most N runs (default 20, at most 500)
  --json           Print as JSON (shape in docs/cli.md)
${common}`,
};

/** The help for `command`, or the main help. */
export function helpFor(command: string | undefined): string {
  return `${helpTexts[command ?? 'main'] ?? helpTexts.main}\n`;
}
