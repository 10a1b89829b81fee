import { Input } from '@codegouvfr/react-dsfr/Input';
import { Select } from '@codegouvfr/react-dsfr/Select';
import { useEffect, useState } from 'react';

/** A select whose choice applies at once. */
export const ChoiceFilter = ({
  id,
  label,
  value,
  options,
  onChange,
  anyLabel = 'Tous',
}: {
  id: string;
  label: string;
  value: string;
  options: readonly (readonly [string, string])[];
  onChange: (value: string) => void;
  anyLabel?: string;
}) => (
  <Select label={label} nativeSelectProps={{ id, name: id, value, onChange: (event) => onChange(event.target.value) }}>
    <option value="">{anyLabel}</option>
    {options.map(([key, text]) => (
      <option key={key} value={key}>
        {text}
      </option>
    ))}
  </Select>
);

/** A text filter that applies once what is typed is valid (or empty), and says why it does not. */
export const TextFilter = ({
  id,
  label,
  hint,
  value,
  pattern,
  invalidMessage,
  onChange,
  type = 'text',
  inputMode,
}: {
  id: string;
  label: string;
  hint?: string;
  value: string;
  pattern: RegExp;
  invalidMessage: string;
  onChange: (value: string) => void;
  type?: string;
  inputMode?: 'numeric' | 'text';
}) => {
  const [text, setText] = useState(value);
  useEffect(() => setText(value), [value]);
  const valid = text === '' || pattern.test(text);
  return (
    <Input
      label={label}
      hintText={hint}
      state={valid ? 'default' : 'error'}
      stateRelatedMessage={valid ? undefined : invalidMessage}
      nativeInputProps={{
        id,
        name: id,
        type,
        inputMode,
        value: text,
        onChange: (event) => {
          const next = event.target.value.trim();
          setText(event.target.value);
          if (next === '' || pattern.test(next)) onChange(next);
        },
      }}
    />
  );
};
