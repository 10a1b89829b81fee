import { Input } from '@codegouvfr/react-dsfr/Input';
import { Select } from '@codegouvfr/react-dsfr/Select';
import type { ApiProblem } from '../api/client';
import { fieldMessage } from '../labels';
import { DateInput } from './date-input';

/** One field of a decision form, named by the path of the API's body it fills (`changes.periodEnd`), so that the API's field errors land beside it. */
export interface FieldSpec {
  readonly name: string;
  readonly label: string;
  readonly type: 'date' | 'text' | 'textarea' | 'number' | 'euros' | 'select';
  readonly required?: boolean;
  readonly hint?: string;
  readonly options?: readonly (readonly [string, string])[];
}

export type Values = Readonly<Record<string, string>>;

/** The error of a field, or of what it holds (`changes.territory.communes.0` lands on `changes.territory.communes`). */
export const errorFor = (problem: ApiProblem | undefined, name: string): string | undefined => {
  const messages = (problem?.errors ?? []).filter(({ field }) => field === name || field.startsWith(`${name}.`)).flatMap(({ messages }) => messages.map(fieldMessage));
  return messages.length > 0 ? [...new Set(messages)].join(' ') : undefined;
};

/** Errors of fields the form has no place for: shown with the alert rather than lost. */
export const otherErrors = (problem: ApiProblem | undefined, names: readonly string[]): string[] =>
  (problem?.errors ?? []).filter(({ field }) => !names.some((name) => field === name || field.startsWith(`${name}.`))).map(({ field, messages }) => `${field} : ${messages.map(fieldMessage).join(' ')}`);

const inputType = { date: 'date', text: 'text', number: 'number', euros: 'number', textarea: 'text', select: 'text' } as const;

export const Field = ({ spec, value, onChange, error, idPrefix }: { spec: FieldSpec; value: string; onChange: (value: string) => void; error?: string; idPrefix: string }) => {
  const id = `${idPrefix}-${spec.name.replace(/[^\w-]/g, '-')}`;
  const state = error ? 'error' : 'default';
  const label = (
    <>
      {spec.label}
      {!spec.required && <span className="ml-optional"> (facultatif)</span>}
    </>
  );
  if (spec.type === 'select') {
    return (
      <Select label={label} hint={spec.hint} state={state} stateRelatedMessage={error} nativeSelectProps={{ id, name: spec.name, value, required: spec.required, onChange: (e) => onChange(e.target.value) }}>
        <option value="" disabled={spec.required}>
          Choisir…
        </option>
        {spec.options?.map(([key, text]) => (
          <option key={key} value={key}>
            {text}
          </option>
        ))}
      </Select>
    );
  }
  if (spec.type === 'date') return <DateInput id={id} name={spec.name} label={label} hint={spec.hint} value={value} error={error} required={spec.required} onChange={onChange} />;
  if (spec.type === 'textarea') {
    return (
      <Input
        label={label}
        hintText={spec.hint}
        state={state}
        stateRelatedMessage={error}
        textArea
        nativeTextAreaProps={{ id, name: spec.name, value, required: spec.required, rows: 3, onChange: (e) => onChange(e.target.value) }}
      />
    );
  }
  return (
    <Input
      label={label}
      hintText={spec.hint ?? (spec.type === 'euros' ? 'En euros, par exemple 120000 ou 1250,50' : undefined)}
      state={state}
      stateRelatedMessage={error}
      nativeInputProps={{
        id,
        name: spec.name,
        type: inputType[spec.type],
        inputMode: spec.type === 'euros' ? 'decimal' : undefined,
        step: spec.type === 'euros' ? '0.01' : spec.type === 'number' ? 'any' : undefined,
        min: spec.type === 'euros' || spec.type === 'number' ? 0 : undefined,
        value,
        required: spec.required,
        onChange: (e) => onChange(e.target.value),
      }}
    />
  );
};

/** Euros as typed (`1250,50`) to whole cents. */
export const centsOf = (euros: string): number | undefined => (euros.trim() === '' ? undefined : Math.round(Number(euros.replace(/\s/g, '').replace(',', '.')) * 100));

/** A number as typed, or undefined when nothing is. */
export const numberOf = (text: string | undefined): number | undefined => (text === undefined || text.trim() === '' ? undefined : Number(text.replace(',', '.')));
