/**
 * What a pasted API token may contain. Provider tokens are plain printable
 * ASCII; a space, line break, control or invisible character inside one comes
 * from copying (a wrapped line, a web page's zero-width space) and would only
 * fail later as a confusing network or authentication error. Whitespace
 * around the token is trimmed by the schema before this check.
 */

const hex = (ch: string) => `U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;

/** Invisible or direction-changing code points that copying from documents and web pages brings along. */
const INVISIBLE_RANGES: [number, number][] = [
  [0x00ad, 0x00ad],
  [0x034f, 0x034f],
  [0x061c, 0x061c],
  [0x115f, 0x1160],
  [0x17b4, 0x17b5],
  [0x180e, 0x180e],
  [0x200b, 0x200f],
  [0x202a, 0x202e],
  [0x2060, 0x206f],
  [0x3164, 0x3164],
  [0xfe00, 0xfe0f],
  [0xfeff, 0xfeff],
  [0xffa0, 0xffa0],
];

function isInvisible(ch: string): boolean {
  const code = ch.codePointAt(0)!;
  return INVISIBLE_RANGES.some(([lo, hi]) => code >= lo && code <= hi) || /\p{Cf}/u.test(ch);
}

/**
 * Why this (already trimmed) token cannot be right, in words for the user, or
 * null when its characters are fine (or it is a JSON key, checked elsewhere).
 */
export function tokenProblem(token: string): string | null {
  // A JSON document is a Google service-account key, several lines long by nature; its
  // client checks it whole and says what is wrong with it (providers/gcp/key.ts).
  if (token.startsWith('{')) return null;
  const chars = [...token];
  for (let i = 0; i < chars.length; i += 1) {
    const ch = chars[i]!;
    const where = `at position ${i + 1} of ${chars.length}`;
    if (ch === '\n' || ch === '\r' || ch === '\u2028' || ch === '\u2029')
      return `The token has a line break inside it (${where}). Copy it again in one piece, on one line.`;
    if (isInvisible(ch))
      return `The token has an invisible character inside it (${hex(ch)} ${where}), usually picked up when copying from a web page or document. Copy it again from the provider's page, or paste it into a plain-text editor first.`;
    if (/\s/u.test(ch))
      return `The token has a space inside it (${hex(ch)} ${where}). Copy it again in one piece, without spaces.`;
    if (/\p{Cc}/u.test(ch))
      return `The token has a control character inside it (${hex(ch)} ${where}). Copy it again from the provider's page.`;
    if (ch > '\u007e')
      return `The token has a character that cannot be part of an API token ("${ch}", ${hex(ch)} ${where}); tokens are plain letters, digits and symbols. Copy it again from the provider's page.`;
  }
  return null;
}
