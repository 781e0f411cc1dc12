/**
 * Finds every echo of a registered secret in a text: any letter case, any run
 * of RUN_LENGTH (12) or more characters of it (a 40-character prefix exposes
 * half a 64-character token), and its base64, base64url and URL-encoded forms,
 * including base64 of the secret inside a longer encoded blob.
 *
 * Speed: the work is done at registration. Every form's 12-character windows
 * (lower-cased) go into one set, so masking is a single pass over the text with
 * one set lookup per position, whatever the number of secrets: about 1 ms for a
 * 20 kB text (see BENCHMARKS.md).
 */

/** Shortest run of a secret that is masked on its own. */
export const RUN_LENGTH = 12;
const MASK = '[redacted]';

/** ASCII-only lower case: keeps indexes aligned with the original text (no Unicode expansions). */
function lower(text: string): string {
  return text.replace(/[A-Z]+/g, (m) => m.toLowerCase());
}

/** The part of base64(<k filler bytes> + secret) that depends only on the secret, for k = 0, 1, 2. */
function base64Cores(secret: string, encoding: 'base64' | 'base64url'): string[] {
  const bytes = Buffer.from(secret, 'utf8');
  const cores: string[] = [];
  for (let k = 0; k < 3; k += 1) {
    const encoded = Buffer.concat([Buffer.alloc(k), bytes])
      .toString(encoding)
      .replace(/=+$/, '');
    cores.push(encoded.slice(Math.ceil((8 * k) / 6), Math.floor((8 * (k + bytes.length)) / 6)));
  }
  return cores;
}

/** Every form in which a secret may come back, lower-cased. */
export function secretForms(secret: string): string[] {
  const forms = new Set([
    secret,
    encodeURIComponent(secret),
    ...base64Cores(secret, 'base64'),
    ...base64Cores(secret, 'base64url'),
  ]);
  return [...forms].filter((f) => f.length > 0).map(lower);
}

/** The registered secrets, precomputed for masking. */
export class SecretIndex {
  private readonly forms = new Map<string, string[]>();
  /** Windows of RUN_LENGTH characters of every long form, with how many forms contain each. */
  private readonly windows = new Map<string, number>();
  /** Forms shorter than RUN_LENGTH, matched whole. */
  private short: string[] = [];

  add(secret: string): void {
    if (this.forms.has(secret)) return;
    const forms = secretForms(secret);
    this.forms.set(secret, forms);
    for (const form of forms) for (const w of windowsOf(form)) this.windows.set(w, (this.windows.get(w) ?? 0) + 1);
    this.rebuildShort();
  }

  remove(secret: string): void {
    const forms = this.forms.get(secret);
    if (!forms) return;
    this.forms.delete(secret);
    for (const form of forms) {
      for (const w of windowsOf(form)) {
        const n = (this.windows.get(w) ?? 1) - 1;
        if (n <= 0) this.windows.delete(w);
        else this.windows.set(w, n);
      }
    }
    this.rebuildShort();
  }

  /** The text with every echo of a registered secret replaced by "[redacted]". */
  mask(text: string): string {
    if (this.forms.size === 0 || text.length < 4) return text;
    const low = lower(text);
    const hit = new Uint8Array(text.length);
    let any = false;
    if (this.windows.size > 0) {
      for (let i = 0; i + RUN_LENGTH <= low.length; i += 1) {
        if (this.windows.has(low.slice(i, i + RUN_LENGTH))) {
          hit.fill(1, i, i + RUN_LENGTH);
          any = true;
        }
      }
    }
    for (const form of this.short) {
      for (let at = low.indexOf(form); at !== -1; at = low.indexOf(form, at + 1)) {
        hit.fill(1, at, at + form.length);
        any = true;
      }
    }
    return any ? replaceMarked(text, hit) : text;
  }

  private rebuildShort(): void {
    const short = new Set<string>();
    for (const forms of this.forms.values()) for (const f of forms) if (f.length < RUN_LENGTH) short.add(f);
    this.short = [...short];
  }
}

function windowsOf(form: string): string[] {
  const out: string[] = [];
  for (let i = 0; i + RUN_LENGTH <= form.length; i += 1) out.push(form.slice(i, i + RUN_LENGTH));
  return out;
}

function replaceMarked(text: string, hit: Uint8Array): string {
  let out = '';
  let i = 0;
  while (i < text.length) {
    if (!hit[i]) {
      const start = i;
      while (i < text.length && !hit[i]) i += 1;
      out += text.slice(start, i);
    } else {
      while (i < text.length && hit[i]) i += 1;
      out += MASK;
    }
  }
  return out;
}

/** Request ids kept for support tickets: short and plain characters only. */
const SAFE_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/**
 * An identifier from a provider (a request id) if it is safe to show and store:
 * plain and short, and not (part of) a secret, which `redact` would change.
 */
export function safeIdentifier(value: unknown, redact: (text: string) => string): string | null {
  if (typeof value !== 'string' || !SAFE_ID.test(value)) return null;
  return redact(value) === value ? value : null;
}
