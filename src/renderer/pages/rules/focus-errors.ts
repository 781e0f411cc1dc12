import { useEffect, useState, type RefObject } from 'react';

/**
 * Taking the user to a problem in a form: the control an error message belongs to, found
 * through the DOM the Field and GroupError components write (aria-describedby, or the
 * fieldset the group error sits in), so every section's errors work without a registry.
 */

const CONTROLS = 'input:not([type=hidden]), select, textarea, button';

/** Error messages shown beside controls, in page order; the summary is not one of them. */
export function errorMessagesIn(form: HTMLElement): HTMLElement[] {
  return [...form.querySelectorAll<HTMLElement>('.field-error')].filter((el) => !el.closest('[data-error-summary]'));
}

/** The control the error message describes, or the first control of its group. */
export function controlOf(message: HTMLElement, form: HTMLElement): HTMLElement | null {
  if (message.id) {
    const described = form.querySelector<HTMLElement>(
      CONTROLS.split(', ')
        .map((control) => `${control}[aria-describedby~="${CSS.escape(message.id)}"]`)
        .join(', '),
    );
    if (described) return described;
  }
  const group = message.closest('fieldset, .field');
  return group?.querySelector<HTMLElement>(CONTROLS) ?? null;
}

/** Focuses the control of a message (or the message itself) and brings it into view. */
export function goToError(message: HTMLElement, form: HTMLElement): void {
  const target = controlOf(message, form) ?? message;
  if (target === message) message.tabIndex = -1;
  target.scrollIntoView({ block: 'center' });
  target.focus({ preventScroll: true });
}

/** Goes to the first problem in the form; false when none is shown. */
export function goToFirstError(form: HTMLElement): boolean {
  const first = errorMessagesIn(form)[0];
  if (!first) return false;
  goToError(first, form);
  return true;
}

/** Returns `failed()`: call it when a save fails; focus goes to the first problem once it is on screen. */
export function useFocusFirstErrorOnFailure(form: RefObject<HTMLFormElement | null>): () => void {
  const [failures, setFailures] = useState(0);
  useEffect(() => {
    if (failures > 0 && form.current) goToFirstError(form.current);
  }, [failures, form]);
  return () => setFailures((n) => n + 1);
}
