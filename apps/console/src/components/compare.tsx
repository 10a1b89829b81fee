import { Button } from '@codegouvfr/react-dsfr/Button';
import { Select } from '@codegouvfr/react-dsfr/Select';
import { useState } from 'react';
import { ApiProblem } from '../api/client';
import type { HistoryEntry } from '../api/types';
import { EVENT_TYPES, frenchDateTime, label } from '../labels';
import { Loading, ProblemAlert } from './status';
import { DataTable } from './table';

/** `{a: {b: 1}}` as `[['a.b', '1']]`: fields of a view, to set side by side. */
const flatten = (value: unknown, path = '', out: [string, string][] = []): [string, string][] => {
  if (Array.isArray(value) && value.some((v) => typeof v === 'object' && v !== null)) value.forEach((item, i) => flatten(item, `${path}[${i}]`, out));
  else if (typeof value === 'object' && value !== null && !Array.isArray(value)) for (const [k, v] of Object.entries(value)) flatten(v, path ? `${path}.${k}` : k, out);
  else out.push([path, Array.isArray(value) ? value.join(', ') : value === null || value === undefined ? '—' : String(value)]);
  return out;
};

// Fields that say when a view was read, not what the record held.
const IGNORED = /^(asKnownAt|lastRecordedAt|revision|on)$/;

/**
 * What changed between two instants (DESIGN §3): the record as known after one decision and after
 * another, read from the API at both instants, field by field, changed fields marked.
 */
export const Compare = <T,>({ entries, load }: { entries: readonly HistoryEntry[]; load: (asKnownAt: string) => Promise<T> }) => {
  const recorded = [...entries].sort((a, b) => a.recordedAt.localeCompare(b.recordedAt));
  const [from, setFrom] = useState(Math.max(0, recorded.length - 2));
  const [to, setTo] = useState(recorded.length - 1);
  const [state, setState] = useState<{ loading: boolean; rows?: { field: string; before: string; after: string }[]; problem?: ApiProblem }>({ loading: false });
  if (recorded.length < 2) return <p>Une seule décision est enregistrée : il n'y a rien à comparer.</p>;
  const option = (entry: HistoryEntry, i: number) => (
    <option key={entry.eventId} value={i}>
      {`n° ${entry.revision} ${label(EVENT_TYPES, entry.type)} — ${frenchDateTime(entry.recordedAt)}`}
    </option>
  );
  const compare = async () => {
    setState({ loading: true });
    try {
      const [before, after] = await Promise.all([load(recorded[from].recordedAt), load(recorded[to].recordedAt)]);
      const a = new Map(flatten(before).filter(([k]) => !IGNORED.test(k)));
      const b = new Map(flatten(after).filter(([k]) => !IGNORED.test(k)));
      const fields = [...new Set([...a.keys(), ...b.keys()])];
      setState({ loading: false, rows: fields.map((field) => ({ field, before: a.get(field) ?? '—', after: b.get(field) ?? '—' })) });
    } catch (error) {
      setState({ loading: false, problem: error instanceof ApiProblem ? error : new ApiProblem(0, 'UNEXPECTED', String(error)) });
    }
  };
  const changed = state.rows?.filter((r) => r.before !== r.after).length ?? 0;
  return (
    <div>
      <div className="ml-inline">
        <Select label="État connu après la décision" nativeSelectProps={{ value: from, onChange: (e) => setFrom(Number(e.target.value)) }}>
          {recorded.map(option)}
        </Select>
        <Select label="comparé à l'état connu après" nativeSelectProps={{ value: to, onChange: (e) => setTo(Number(e.target.value)) }}>
          {recorded.map(option)}
        </Select>
        <Button priority="secondary" onClick={() => void compare()}>
          Comparer
        </Button>
      </div>
      {state.loading && <Loading what="des deux états" />}
      {state.problem && <ProblemAlert problem={state.problem} retry={() => void compare()} />}
      {state.rows && (
        <DataTable caption={`${changed} champ${changed > 1 ? 's' : ''} modifié${changed > 1 ? 's' : ''} entre le ${frenchDateTime(recorded[from].recordedAt)} et le ${frenchDateTime(recorded[to].recordedAt)}`} className="ml-compare">
                  <thead>
                    <tr>
                      <th scope="col">Champ</th>
                      <th scope="col">Connu le {frenchDateTime(recorded[from].recordedAt)}</th>
                      <th scope="col">Connu le {frenchDateTime(recorded[to].recordedAt)}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {state.rows.map((row) => (
                      <tr key={row.field} className={row.before !== row.after ? 'ml-changed' : undefined}>
                        <th scope="row">
                          <code>{row.field}</code>
                          {row.before !== row.after && <span className="fr-sr-only"> (modifié)</span>}
                        </th>
                        <td>{row.before}</td>
                        <td>{row.after}</td>
                      </tr>
                    ))}
                  </tbody>
                </DataTable>
      )}
    </div>
  );
};
