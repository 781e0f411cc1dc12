import { useState } from 'react';
import { Field } from './Field';

/** A number input that saves when the user leaves it (or presses Enter), if valid. */
export function NumberField({
  label,
  hint,
  value,
  min,
  max,
  step = 1,
  onSave,
  error,
  className,
}: {
  label: string;
  hint?: string;
  value: number;
  min: number;
  max: number;
  step?: number;
  onSave: (n: number) => void;
  error?: string | undefined;
  className?: string;
}) {
  const [text, setText] = useState(String(value));
  const n = Number(text);
  const valid = text.trim() !== '' && Number.isFinite(n) && n >= min && n <= max && (step !== 1 || Number.isInteger(n));
  const commit = () => {
    if (valid && n !== value) onSave(n);
  };
  return (
    <Field
      label={label}
      hint={hint}
      className={className}
      error={!valid ? `Enter ${step === 1 ? 'a whole number' : 'a number'} from ${min} to ${max}` : error}
    >
      <input
        type="number"
        min={min}
        max={max}
        step={step}
        value={text}
        onChange={(e) => setText(e.target.value)}
        onBlur={commit}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            e.preventDefault();
            commit();
          }
        }}
      />
    </Field>
  );
}
