import { Input } from '@codegouvfr/react-dsfr/Input';
import { type ReactNode, useEffect, useState } from 'react';
import { frenchDate, isoOfFrenchDate } from '../labels';

/**
 * A date typed as people write it here (27/07/2017), whatever the browser's language: a native date
 * picker would show the format of the browser's locale. `value` and `onChange` speak ISO
 * (`2017-07-27`, or '' when empty); what is typed applies once it is a date.
 */
export const DateInput = ({
  id,
  label,
  value,
  onChange,
  hint = 'Format : jj/mm/aaaa',
  error,
  required,
  name,
}: {
  id: string;
  label: ReactNode;
  value: string;
  onChange: (iso: string) => void;
  hint?: string;
  error?: string;
  required?: boolean;
  name?: string;
}) => {
  const [text, setText] = useState(value ? frenchDate(value) : '');
  const [touched, setTouched] = useState(false);
  useEffect(() => {
    if (value !== (isoOfFrenchDate(text) ?? '')) setText(value ? frenchDate(value) : '');
    // Only a change from outside rewrites what is typed.
  }, [value]);
  const invalid = touched && text.trim() !== '' && isoOfFrenchDate(text) === undefined;
  const message = error ?? (invalid ? 'Une date au format jj/mm/aaaa est attendue, par exemple 27/07/2017.' : undefined);
  return (
    <Input
      label={label}
      hintText={hint}
      state={message ? 'error' : 'default'}
      stateRelatedMessage={message}
      nativeInputProps={{
        id,
        name: name ?? id,
        type: 'text',
        inputMode: 'numeric',
        autoComplete: 'off',
        placeholder: 'jj/mm/aaaa',
        required,
        value: text,
        onBlur: () => setTouched(true),
        onChange: (event) => {
          setText(event.target.value);
          const iso = isoOfFrenchDate(event.target.value);
          if (iso) onChange(iso);
          else if (event.target.value.trim() === '') onChange('');
        },
      }}
    />
  );
};
