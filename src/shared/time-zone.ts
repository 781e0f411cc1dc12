/** The computer's IANA time zone, or UTC where the runtime cannot tell (some minimal containers). */
export function systemTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}
