/**
 * Names the user gives things (accounts, rules). A name must show something:
 * one made only of zero-width spaces, text-direction controls, soft hyphens,
 * combining marks or blank-looking letters reads as empty in every list and
 * notification, so it is refused with a message saying why. Control
 * characters and text-direction overrides are refused anywhere in a name:
 * they break lines in notifications or make a name display as another.
 */
import { z } from 'zod';

/** Characters that show nothing on their own (Unicode's default-ignorables included, e.g. U+3164, U+FEFF). */
const invisible = /[\s\p{Cc}\p{Cf}\p{Z}\p{M}\p{Default_Ignorable_Code_Point}\u2800]/gu;
const controlCharacter = /\p{Cc}/u;
/** Embeddings, overrides and isolates; the plain marks U+200E/U+200F stay allowed inside visible text. */
const directionOverride = /[\u202A-\u202E\u2066-\u2069]/u;

/** True when the text has at least one character that is drawn. */
export function hasVisibleCharacter(value: string): boolean {
  return value.replace(invisible, '').length > 0;
}

export const invisibleNameMessage =
  'The name has no visible characters (only spaces, zero-width or text-direction characters); type a name with letters or digits';

/**
 * A user-given name: at most `max` characters, trimmed, with something
 * visible in it. `emptyMessage` is the field message for an empty name.
 */
export function displayName(max: number, emptyMessage: string) {
  return z
    .string()
    .max(max)
    .superRefine((value, ctx) => {
      const fail = (message: string) => ctx.addIssue({ code: 'custom', message });
      if (!hasVisibleCharacter(value)) fail(/^[ \t\r\n]*$/.test(value) ? emptyMessage : invisibleNameMessage);
      else if (controlCharacter.test(value)) fail('Remove the line breaks, tabs and other control characters');
      else if (directionOverride.test(value)) fail('Remove the text-direction control characters from the name');
    })
    .trim();
}
