import type { HistoryEntry } from '../api/types';
import { EVENT_TYPES, frenchDate, frenchDateTime, label, money, ROLES } from '../labels';
import { DataTable } from './table';

const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

/** The date a decision takes effect, as its data says (a suspension decided today may run since Monday). */
export const effectiveDateOf = (entry: HistoryEntry): string | undefined => {
  const d = entry.data;
  switch (entry.type) {
    case 'MandateGranted':
      return text((d.period as { start?: string } | undefined)?.start);
    case 'MandateRenewed':
      return text(d.previousEnd);
    case 'MandateActivityReported':
      return text(d.periodStart);
    case 'MandateMissionCompleted':
      return text(d.completedOn);
    case 'ComplianceCaseOpened':
    case 'ComplianceDecisionAppealed':
      return text(d.decisionDate);
    case 'ComplianceDecisionNotified':
      return text(d.notifiedOn);
    default:
      return text(d.effectiveFrom) ?? text(d.satisfiedOn) ?? text(d.contestedOn) ?? text(d.closedOn) ?? text(d.heldOn) ?? text(d.documentDate);
  }
};

/** One line saying what a decision decided. */
export const summaryOf = (entry: HistoryEntry): string => {
  const d = entry.data as Record<string, unknown>;
  const ref = text(d.decisionReference);
  const withRef = (sentence: string) => (ref ? `${sentence} (décision ${ref})` : sentence);
  switch (entry.type) {
    case 'MandateGranted': {
      const period = d.period as { start: string; end: string };
      return `Attribué du ${frenchDate(period.start)} au ${frenchDate(period.end)}, ${money((d.financing as { amountCents: number }).amountCents)}`;
    }
    case 'MandateAmended':
      return withRef(`Avenant à compter du ${frenchDate(text(d.effectiveFrom))} : ${Object.keys((d.changes as object) ?? {}).map((k) => CHANGE_LABELS[k] ?? k).join(', ')}`);
    case 'MandateRenewed':
      return withRef(`Renouvelé jusqu'au ${frenchDate(text(d.newEnd))} (au lieu du ${frenchDate(text(d.previousEnd))})`);
    case 'MandateSuspended':
      return withRef(`Suspendu à compter du ${frenchDate(text(d.effectiveFrom))} : ${text(d.reason) ?? ''}`);
    case 'MandateReinstated':
      return withRef(`Repris à compter du ${frenchDate(text(d.effectiveFrom))}`);
    case 'MandateTerminated':
      return withRef(`Résilié à compter du ${frenchDate(text(d.effectiveFrom))} : ${text(d.reason) ?? ''}`);
    case 'MandateActivityReported':
      return `Activité du ${frenchDate(text(d.periodStart))} au ${frenchDate(text(d.periodEnd))}`;
    case 'MandateMissionCompleted':
      return `Mission achevée le ${frenchDate(text(d.completedOn))}`;
    case 'ComplianceObligationAdded':
      return `${text(d.article) ?? ''} : ${text(d.text) ?? ''}`;
    case 'ComplianceMeasureLinked':
      return `Mandat rattaché à l'injonction ${text(d.obligationId) ?? ''} à compter du ${frenchDate(text(d.effectiveFrom))}`;
    case 'ComplianceDecisionNotified':
      return `Notifiée le ${frenchDate(text(d.notifiedOn))}`;
    default:
      return label(EVENT_TYPES, entry.type);
  }
};

const CHANGE_LABELS: Readonly<Record<string, string>> = {
  missions: 'missions',
  territory: 'territoire',
  financing: 'financement',
  staffing: 'effectifs',
  periodEnd: 'date de fin',
};

/** Every decision with who decided it and when the register recorded it (DESIGN §6). */
export const HistoryTable = ({ entries, knownAt, caption }: { entries: readonly HistoryEntry[]; knownAt?: string | null; caption: string }) => (
  <DataTable caption={caption}>
            <thead>
              <tr>
                <th scope="col">N°</th>
                <th scope="col">Décision</th>
                <th scope="col">Prend effet le</th>
                <th scope="col">Décidée par</th>
                <th scope="col">Enregistrée le</th>
                <th scope="col">Position</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((entry) => {
                const unknownThen = knownAt ? entry.recordedAt > knownAt : false;
                const actor = entry.metadata.actor;
                return (
                  <tr key={entry.eventId} className={unknownThen ? 'ml-future' : undefined}>
                    <td>{entry.revision}</td>
                    <td>
                      <strong>{label(EVENT_TYPES, entry.type)}</strong>
                      <br />
                      <span className="fr-text--sm">{summaryOf(entry)}</span>
                      {unknownThen && (
                        <>
                          <br />
                          <span className="fr-text--xs ml-muted">Pas encore enregistrée à l'instant consulté</span>
                        </>
                      )}
                    </td>
                    <td className="ml-nowrap">{frenchDate(effectiveDateOf(entry))}</td>
                    <td>{actor ? `${actor.sub} (${label(ROLES as Record<string, string>, actor.role)})` : '—'}</td>
                    <td className="ml-nowrap">{frenchDateTime(entry.recordedAt)}</td>
                    <td>{entry.position}</td>
                  </tr>
                );
              })}
            </tbody>
          </DataTable>
);
