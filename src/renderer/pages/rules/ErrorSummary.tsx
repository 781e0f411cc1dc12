import type { RefObject } from 'react';
import type { Issues } from './draft';
import { errorMessagesIn, goToError } from './focus-errors';
import { plural } from '../../lib/format';

/** The editor's sections top to bottom, so the summary lists problems in the order they appear. */
const sections = ['targetId', 'selection', 'name', 'schedule', 'retention', 'nameTemplate'];
const sectionOf = (path: string) => {
  const index = sections.findIndex((s) => path === s || path.startsWith(`${s}.`));
  return index === -1 ? sections.length : index;
};
const bySection = ([a]: [string, string], [b]: [string, string]) => sectionOf(a) - sectionOf(b);

/**
 * "The rule was not saved" with a link to each problem: a link takes focus to the control
 * whose error message it repeats.
 */
export function ErrorSummary({ issues, form }: { issues: Issues; form: RefObject<HTMLFormElement | null> }) {
  const unique = [
    ...new Set(
      Object.entries(issues)
        .sort(bySection)
        .map(([, message]) => message),
    ),
  ];
  const goTo = (message: string) => {
    const root = form.current;
    const shown = root && errorMessagesIn(root).find((el) => el.textContent === message);
    if (root && shown) goToError(shown, root);
  };
  return (
    <div className="error-summary" role="alert" data-error-summary>
      <p className="field-error">
        The rule was not saved: fix {unique.length === 1 ? 'this problem' : `these ${plural(unique.length, 'problem')}`}
        .
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
