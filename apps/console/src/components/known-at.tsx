import { Button } from '@codegouvfr/react-dsfr/Button';
import { useEffect, useId, useState } from 'react';
import type { HistoryEntry } from '../api/types';
import { EVENT_TYPES, frenchDateTime, instantOfLocalInput, isoOfFrenchDate, label } from '../labels';

/** `27/07/2017 14:05:09` (or without seconds), Paris time, as an ISO instant. */
const instantOfFrench = (text: string): string | undefined => {
  const match = /^(\S+)\s+(\d{1,2}):(\d{2})(?::(\d{2}))?$/.exec(text.trim());
  const date = match && isoOfFrenchDate(match[1]);
  if (!match || !date || Number(match[2]) > 23) return undefined;
  return instantOfLocalInput(`${date}T${match[2].padStart(2, '0')}:${match[3]}:${match[4] ?? '00'}`);
};

/**
 * "As known at" (DESIGN §3, Time): a slider over the decisions as they were recorded, and a date and
 * time picker for any instant. `null` is now: everything recorded.
 */
export const KnownAt = ({ entries, value, onChange }: { entries: readonly HistoryEntry[]; value: string | null; onChange: (instant: string | null) => void }) => {
  const id = useId();
  // One step per instant: decisions recorded in the same millisecond cannot be told apart by `asKnownAt`.
  const recorded = [...entries].sort((a, b) => a.recordedAt.localeCompare(b.recordedAt)).filter((e, i, all) => i === all.length - 1 || all[i + 1].recordedAt !== e.recordedAt);
  const known = value === null ? entries.length : entries.filter((e) => e.recordedAt <= value).length;
  // The slider's position: the last instant at or before the one shown (the end: now).
  const index = value === null ? recorded.length - 1 : recorded.filter((e) => e.recordedAt <= value).length - 1;
  const [typed, setTyped] = useState(value ? frenchDateTime(value) : '');
  useEffect(() => setTyped(value ? frenchDateTime(value) : ''), [value]);
  const instant = instantOfFrench(typed);
  if (recorded.length === 0) return null;
  const current = recorded[Math.max(0, index)];
  return (
    <div className="ml-known-at">
    <fieldset className="fr-fieldset" aria-labelledby={`${id}-legend`}>
      <legend id={`${id}-legend`} className="fr-fieldset__legend fr-text--regular">
        Voyager dans le temps : le registre tel qu'il était connu à un instant passé
      </legend>
      <div className="fr-fieldset__element">
        <div className="fr-range-group">
          <label className="fr-label" htmlFor={`${id}-slider`}>
            Décisions prises en compte : {known} sur {entries.length}
            <span className="fr-hint-text">Faites glisser pour revoir l'état du dossier après chaque décision, dans l'ordre où elles ont été enregistrées.</span>
          </label>
          <input
            id={`${id}-slider`}
            className="ml-slider"
            type="range"
            min={0}
            max={recorded.length - 1}
            step={1}
            value={Math.max(0, index)}
            aria-valuetext={`${label(EVENT_TYPES, current.type)} enregistrée le ${frenchDateTime(current.recordedAt)}`}
            onChange={(event) => {
              const chosen = recorded[Number(event.target.value)];
              onChange(Number(event.target.value) === recorded.length - 1 ? null : chosen.recordedAt);
            }}
          />
          <p className="fr-text--sm fr-mb-1w" aria-live="polite">
            {value === null ? 'Aujourd’hui : toutes les décisions enregistrées.' : `Tel que connu le ${frenchDateTime(value)}`}
            {index < 0 ? ' — rien n’était encore enregistré.' : ` — après « ${label(EVENT_TYPES, current.type)} » (n° ${current.revision}, enregistrée le ${frenchDateTime(current.recordedAt)}).`}
          </p>
        </div>
      </div>
      <div className="fr-fieldset__element ml-inline">
        <div className={`fr-input-group${typed && !instant ? ' fr-input-group--error' : ''}`}>
          <label className="fr-label" htmlFor={`${id}-instant`}>
            Tel que connu le (heure de Paris)
            <span className="fr-hint-text">Format : jj/mm/aaaa hh:mm:ss</span>
          </label>
          <input
            id={`${id}-instant`}
            className="fr-input"
            type="text"
            inputMode="numeric"
            autoComplete="off"
            placeholder="jj/mm/aaaa hh:mm:ss"
            value={typed}
            aria-invalid={typed !== '' && !instant}
            onChange={(event) => setTyped(event.target.value)}
            onKeyDown={(event) => {
              if (event.key === 'Enter' && instant) {
                event.preventDefault();
                onChange(instant);
              }
            }}
          />
        </div>
        <Button priority="secondary" size="small" disabled={!instant} onClick={() => instant && onChange(instant)}>
          Afficher
        </Button>
        <Button priority="tertiary" size="small" disabled={value === null} onClick={() => onChange(null)}>
          Revenir à aujourd'hui
        </Button>
      </div>
    </fieldset>
    </div>
  );
};
