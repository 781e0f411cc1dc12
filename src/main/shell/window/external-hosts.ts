/**
 * The hosts a link in the window may open in the user's browser: the
 * providers' consoles and documentation (token pages, snapshot consoles, the
 * fixes our error messages point to) and SQLite's pages. A link anywhere else
 * (a provider message quoting some other address, an injected one) is blocked
 * and logged.
 */
const exactHosts = new Set([
  'cloud.digitalocean.com',
  'docs.digitalocean.com',
  'console.scaleway.com',
  'www.scaleway.com',
  'console.hetzner.com',
  'console.hetzner.cloud',
  'docs.hetzner.com',
  'docs.hetzner.cloud',
  'console.aws.amazon.com',
  'docs.aws.amazon.com',
  'aws.amazon.com',
  'console.cloud.google.com',
  'console.developers.google.com',
  'cloud.google.com',
  'www.sqlite.org',
]);

/** AWS serves its console per region: `eu-central-1.console.aws.amazon.com`. */
const awsRegionalConsole = /^[a-z]{2}(-[a-z]+)+-\d{1,2}\.console\.aws\.amazon\.com$/;

/** May a link to this host leave the app? */
export function isAllowedExternalHost(hostname: string): boolean {
  const host = hostname.toLowerCase();
  return exactHosts.has(host) || awsRegionalConsole.test(host);
}
