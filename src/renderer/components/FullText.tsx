/**
 * Text that may be cut short in a table cell (one line with an ellipsis, or two
 * lines), but never only readable by hovering: the cell takes keyboard focus and
 * then shows the whole text over its neighbours, and the whole text is always in
 * the page for screen readers (the cut is CSS only).
 */
export function FullText({
  text,
  className = '',
  lines = 1,
}: {
  text: string;
  className?: string;
  /** 1: one line with an ellipsis; 2: two lines. */
  lines?: 1 | 2;
}) {
  return (
    <span className={`full-text ${lines === 1 ? 'ellipsis' : 'clamp-2'} ${className}`} tabIndex={0} title={text}>
      {text}
    </span>
  );
}
