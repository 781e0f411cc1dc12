/**
 * Sends a rules file's text to main in parts (`rules:importOpen`,
 * `rules:importAppend`), each under the contract's input limit, for the
 * window (over IPC or the daemon's web transport) and the command line alike.
 */
import { importPartChars } from './fleet-contract';

/** The JSON encoding of one part stays below this, whatever the text holds (quotes and newlines double). */
const maxEncodedPart = 48_000;

/** The text cut into parts that fit one call; never between the two halves of a surrogate pair. */
export function importParts(text: string): string[] {
  const parts: string[] = [];
  let at = 0;
  while (at < text.length) {
    let size = Math.min(importPartChars, text.length - at);
    while (size > 1 && JSON.stringify(text.slice(at, at + size)).length > maxEncodedPart) size = Math.ceil(size / 2);
    const last = text.charCodeAt(at + size - 1);
    if (size > 1 && at + size < text.length && last >= 0xd800 && last <= 0xdbff) size -= 1;
    parts.push(text.slice(at, at + size));
    at += size;
  }
  return parts;
}

export interface ImportUploadCalls {
  open(input: { chars: number }): Promise<{ uploadId: string }>;
  append(input: { uploadId: string; offset: number; text: string }): Promise<{ received: number }>;
}

/** Uploads the whole text and returns the upload's id, ready for `rules:importPlan`. */
export async function uploadRulesText(calls: ImportUploadCalls, text: string): Promise<string> {
  const { uploadId } = await calls.open({ chars: text.length });
  let offset = 0;
  for (const part of importParts(text)) {
    await calls.append({ uploadId, offset, text: part });
    offset += part.length;
  }
  return uploadId;
}
