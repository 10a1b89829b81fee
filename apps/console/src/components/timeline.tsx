import type { HistoryEntry, Interval } from '../api/types';
import { EVENT_TYPES, frenchDate, label } from '../labels';
import { effectiveDateOf, summaryOf } from './history';

const day = (date: string): number => Date.parse(`${date.slice(0, 10)}T00:00:00Z`) / 86_400_000;

/** Places dates on a bar from `from` to `to`, in percent. */
export const scaleOf = (from: string, to: string) => {
  const start = day(from);
  const span = Math.max(1, day(to) - start + 1);
  const at = (date: string) => Math.min(100, Math.max(0, ((day(date) - start) / span) * 100));
  return {
    at,
    segment: ({ from: a, to: b }: Interval) => ({ left: `${at(a)}%`, width: `${Math.max(0.4, at(b) - at(a) + 100 / span)}%` }),
  };
};

/**
 * A mandate's decisions along the dates they take effect: the period in force, its suspensions and
 * the periods its activity reports cover, drawn on one bar, then listed in order (the list is what
 * screen readers read; the bar is decoration).
 */
export const MandateTimeline = ({
  period,
  suspensions,
  terminatedFrom,
  completedOn,
  entries,
}: {
  period: { start: string; end: string };
  suspensions: readonly { from: string; until?: string | null }[];
  terminatedFrom: string | null;
  completedOn: string | null;
  entries: readonly HistoryEntry[];
}) => {
  const dated = entries
    .map((entry) => ({ entry, date: effectiveDateOf(entry) }))
    .filter((d): d is { entry: HistoryEntry; date: string } => d.date !== undefined)
    .sort((a, b) => a.date.localeCompare(b.date) || a.entry.revision - b.entry.revision);
  const first = [period.start, ...dated.map((d) => d.date)].sort()[0];
  const last = [period.end, ...dated.map((d) => d.date)].sort().at(-1)!;
  const scale = scaleOf(first, last);
  const ended = terminatedFrom ?? completedOn;
  const reports = entries.filter((e) => e.type === 'MandateActivityReported').map((e) => ({ from: String(e.data.periodStart), to: String(e.data.periodEnd) }));
  return (
    <figure className="ml-timeline">
      <div className="ml-bar" aria-hidden="true">
        <span className="ml-bar__segment ml-bar__segment--in-force" style={scale.segment({ from: period.start, to: ended ?? period.end })} />
        {ended && <span className="ml-bar__segment ml-bar__segment--ended" style={scale.segment({ from: ended, to: period.end })} />}
        {suspensions.map((s) => (
          <span key={s.from} className="ml-bar__segment ml-bar__segment--suspended" style={scale.segment({ from: s.from, to: s.until ?? period.end })} />
        ))}
        {dated.map(({ entry, date }) => (
          <span key={entry.eventId} className={`ml-bar__tick ml-bar__tick--${entry.type}`} style={{ left: `${scale.at(date)}%` }} />
        ))}
      </div>
      {reports.length > 0 && (
        <div className="ml-bar ml-bar--thin" aria-hidden="true">
          {reports.map((r) => (
            <span key={r.from} className="ml-bar__segment ml-bar__segment--report" style={scale.segment(r)} />
          ))}
        </div>
      )}
      <div className="ml-bar__axis" aria-hidden="true">
        <span>{frenchDate(first)}</span>
        <span>{frenchDate(last)}</span>
      </div>
      <p className="ml-legend fr-text--xs" aria-hidden="true">
        <span className="ml-key ml-key--in-force" /> en vigueur <span className="ml-key ml-key--suspended" /> suspendu <span className="ml-key ml-key--ended" /> résilié ou
        achevé <span className="ml-key ml-key--report" /> période couverte par un compte rendu
      </p>
      <figcaption className="fr-sr-only">Chronologie des décisions selon leur date d'effet</figcaption>
      <ol className="ml-events">
        {dated.map(({ entry, date }) => (
          <li key={entry.eventId}>
            <time dateTime={date}>{frenchDate(date)}</time> — <strong>{label(EVENT_TYPES, entry.type)}</strong> : {summaryOf(entry)}
          </li>
        ))}
      </ol>
    </figure>
  );
};
