import type { RefObject } from 'react';
import { errorMessagesIn, goToError } from './focus-errors';

/**
 * "The rule was not saved" with a link to each problem: a link takes focus to the control
 * whose error message it repeats.
 */
export function ErrorSummary({ messages, form }: { messages: string[]; form: RefObject<HTMLFormElement | null> }) {
  const unique = [...new Set(messages)];
  const goTo = (message: string) => {
    const root = form.current;
    const shown = root && errorMessagesIn(root).find((el) => el.textContent === message);
    if (root && shown) goToError(shown, root);
  };
  return (
    <div className="error-summary" role="alert" data-error-summary>
      <p className="field-error">
        The rule was not saved: fix {unique.length === 1 ? 'this problem' : `these ${unique.length} problems`}.
      </p>
      <ul>
        {unique.map((message) => (
          <li key={message}>
            <a
              href="#"
              onClick={(event) => {
                event.preventDefault();
                goTo(message);
              }}
            >
              {message}
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}
