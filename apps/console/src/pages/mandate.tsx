import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Breadcrumb } from '@codegouvfr/react-dsfr/Breadcrumb';
import { useEffect, useState } from 'react';
import { apiPath, get, getJson, minPosition, type WriteResult } from '../api/client';
import { operatorsById } from '../api/operators';
import type { HistoryEntry, MandateView, OperatorListItem } from '../api/types';
import { useResource } from '../api/use-resource';
import { Compare } from '../components/compare';
import { DateInput } from '../components/date-input';
import { DecisionForms } from '../components/decision-forms';
import { HistoryTable } from '../components/history';
import { KnownAt } from '../components/known-at';
import { Facts, Loaded, StatusBadge } from '../components/status';
import { MandateTimeline } from '../components/timeline';
import { useTitle } from '../components/use-title';
import { VerifyPanel } from '../components/verify-panel';
import {
  AUTHORITY_KINDS,
  count,
  FINANCING_NATURES,
  frenchDate,
  frenchDateTime,
  INSTRUMENT_KINDS,
  label,
  LEGAL_SOURCES,
  MISSION_TYPES,
  money,
  PAYMENT_TERMS,
  PROGRAMMES,
  today,
} from '../labels';
import { href, navigate, type Route } from '../router';
import { useSession } from '../session';
import { DataTable } from '../components/table';

const history = (id: string, signal?: AbortSignal) => get<HistoryEntry[]>(apiPath(`/mandates/${id}/history`, { minPosition: minPosition() }), signal);

const Terms = ({ mandate, operator }: { mandate: MandateView; operator?: OperatorListItem }) => {
  const { terms, funding } = mandate;
  return (
    <Facts
      items={[
        ['Opérateur', <a className="fr-link" href={href(`/operateurs/${mandate.operatorId}`)}>{operator?.name ?? mandate.operatorId}</a>],
        ['Autorité', `${mandate.authority.name} (${label(AUTHORITY_KINDS, mandate.authority.kind)}, ${mandate.authority.departement}), SIRET ${mandate.authority.siret}`],
        [
          'Acte',
          `${label(INSTRUMENT_KINDS, mandate.instrument.kind)} ${mandate.instrument.reference}, décidé le ${frenchDate(mandate.instrument.decisionDate)}${mandate.instrument.signatureDate ? `, signé le ${frenchDate(mandate.instrument.signatureDate)}` : ''}${mandate.instrument.cpv ? `, CPV ${mandate.instrument.cpv}` : ''}`,
        ],
        ['Base légale', mandate.legalBasis.map((l) => [label(LEGAL_SOURCES, l.source), l.article, l.reference].filter(Boolean).join(' ')).join(' ; ')],
        ['Période', `du ${frenchDate(mandate.period.start)} au ${frenchDate(mandate.period.end)}`],
        [
          'Missions',
          <ul className="ml-compact">
            {terms.missions.map((m) => (
              <li key={m.type}>
                {label(MISSION_TYPES, m.type)}
                {m.indicators.length > 0 && ` — indicateurs : ${m.indicators.map((i) => `${i.name} (cible ${count(i.target)} ${i.unit})`).join(', ')}`}
              </li>
            ))}
          </ul>,
        ],
        ['Territoire', `Département ${terms.territory.departement}${terms.territory.communes.length ? `, communes ${terms.territory.communes.join(', ')}` : ' (tout le département)'}${terms.territory.sites?.length ? `, sites : ${terms.territory.sites.map((s) => s.name).join(', ')}` : ''}`],
        ['Effectifs engagés', `${count(terms.staffing.salariedFte)} ETP salariés${terms.staffing.volunteers ? `, ${count(terms.staffing.volunteers)} bénévoles (non financés)` : ''}`],
        [
          'Financement',
          funding
            ? `${money(funding.financing.amountCents)} du ${frenchDate(funding.from)} au ${frenchDate(funding.to)} — ${label(FINANCING_NATURES, funding.financing.nature)}, ${label(PAYMENT_TERMS, funding.financing.paymentTerms)}, programme ${label(PROGRAMMES, funding.financing.programme)}${funding.financing.chorusCommitment ? `, engagement Chorus ${funding.financing.chorusCommitment}` : ''}`
            : 'Aucun financement ne couvre cette date',
        ],
        ['Conditions en vigueur depuis le', frenchDate(terms.effectiveFrom)],
      ]}
    />
  );
};

const ActivityReports = ({ entries }: { entries: readonly HistoryEntry[] }) => {
  const reports = entries.filter((e) => e.type === 'MandateActivityReported' || e.type === 'MandateMissionCompleted');
  if (reports.length === 0) return <p>Aucun compte rendu d'activité n'est enregistré.</p>;
  return (
    <DataTable caption="Comptes rendus d'activité" hideCaption>
              <thead>
                <tr>
                  <th scope="col">Période</th>
                  <th scope="col">Indicateurs</th>
                  <th scope="col">Salariés (ETP)</th>
                  <th scope="col">Bénévoles</th>
                </tr>
              </thead>
              <tbody>
                {reports.map((r) => {
                  const d = r.data as { periodStart?: string; periodEnd?: string; completedOn?: string; indicators: { name: string; value: number }[]; staff: { salariedFte: number; volunteers?: number } };
                  return (
                    <tr key={r.eventId}>
                      <td className="ml-nowrap">{d.completedOn ? `Bilan final, ${frenchDate(d.completedOn)}` : `${frenchDate(d.periodStart)} – ${frenchDate(d.periodEnd)}`}</td>
                      <td>{d.indicators.map((i) => `${i.name} : ${count(i.value)}`).join(' ; ')}</td>
                      <td className="ml-num">{count(d.staff.salariedFte)}</td>
                      <td className="ml-num">{d.staff.volunteers === undefined ? '—' : count(d.staff.volunteers)}</td>
                    </tr>
                  );
                })}
              </tbody>
            </DataTable>
  );
};

/** One mandate: its terms, its decisions along their dates, its reports, the decisions one may record, its history, its verification. */
export const MandatePage = ({ id, route }: { id: string; route: Route }) => {
  const { session } = useSession();
  const on = route.query.get('date') ?? today();
  const knownAt = route.query.get('connuLe');
  const key = `${id}|${on}|${knownAt ?? ''}`;
  const mandate = useResource(key, (signal) => getJson<MandateView>(apiPath(`/mandates/${id}`, { on, asKnownAt: knownAt }), signal), { keepPrevious: true });
  const entries = useResource(id, (signal) => history(id, signal));
  const [operators, setOperators] = useState<ReadonlyMap<string, OperatorListItem>>(new Map());
  const [recorded, setRecorded] = useState<{ title: string; result: WriteResult } | undefined>();
  useEffect(() => {
    operatorsById().then(setOperators, () => undefined);
  }, []);
  const reference = mandate.state === 'ready' ? mandate.data.body.instrument.reference : 'Mandat';
  useTitle(reference);

  const go = (changes: { date?: string; connuLe?: string | null }) =>
    navigate(href(`/mandats/${id}`, { date: (changes.date ?? on) === today() ? undefined : (changes.date ?? on), connuLe: 'connuLe' in changes ? changes.connuLe : knownAt }), { replace: true });
  const reloadAll = () => {
    mandate.reload();
    entries.reload();
  };

  return (
    <>
      <Breadcrumb segments={[{ label: 'Tableau des mandats', linkProps: { href: href('/mandats') } }]} currentPageLabel={reference} homeLinkProps={{ href: '#/' }} />
      <Loaded resource={mandate} what="du mandat">
        {({ body: view, etag }, refreshing) => (
          <div aria-busy={refreshing}>
            <div className="ml-title-row">
              <h1 className="fr-mb-1w">{view.instrument.reference}</h1>
              <StatusBadge status={view.status} />
            </div>
            <p className="fr-text--lg fr-mb-2w">
              {view.terms.missions.map((m) => label(MISSION_TYPES, m.type)).join(', ')} — {operators.get(view.operatorId)?.name ?? ''}
            </p>
            <div className="ml-inline">
              <DateInput id="mandat-date" label="Situation au" value={on} onChange={(date) => date && go({ date })} />
              <p className="fr-text--sm ml-status-line" role="status">
                Au {frenchDate(view.on)} : <StatusBadge status={view.status} />
                {view.asKnownAt && <> — tel que connu le {frenchDateTime(view.asKnownAt)}</>}
              </p>
            </div>
            {recorded && (
              <Alert
                severity="success"
                small
                closable
                onClose={() => setRecorded(undefined)}
                description={`${recorded.title} : décision enregistrée (révision ${recorded.result.revision}, position ${recorded.result.position}).`}
                className="fr-mb-3w"
              />
            )}
            <nav className="fr-summary fr-mb-4w" aria-label="Sur cette page">
              <p className="fr-summary__title">Sur cette page</p>
              <ol className="fr-summary__list">
                {[
                  ['termes', 'Termes'],
                  ['chronologie', 'Chronologie des décisions'],
                  ['activite', "Comptes rendus d'activité"],
                  ...(session.role !== 'auditor' ? [['decisions', 'Enregistrer une décision']] : []),
                  ['historique', 'Historique et voyage dans le temps'],
                  ['verification', "Vérifier l'intégrité"],
                ].map(([anchor, text]) => (
                  <li key={anchor}>
                    <a
                      className="fr-summary__link"
                      href={`#${anchor}`}
                      onClick={(e) => {
                        e.preventDefault();
                        const target = document.getElementById(anchor);
                        target?.focus();
                        target?.scrollIntoView();
                      }}
                    >
                      {text}
                    </a>
                  </li>
                ))}
              </ol>
            </nav>

            <section className="ml-section" aria-labelledby="termes" >
              <h2 id="termes" tabIndex={-1}>Termes</h2>
              <Terms mandate={view} operator={operators.get(view.operatorId)} />
            </section>

            <section className="ml-section" aria-labelledby="chronologie">
              <h2 id="chronologie" tabIndex={-1}>Chronologie des décisions</h2>
              <Loaded resource={entries} what="des décisions">
                {(list) => (
                  <MandateTimeline
                    period={view.period}
                    suspensions={view.suspensions}
                    terminatedFrom={view.terminatedFrom}
                    completedOn={view.completedOn}
                    entries={knownAt ? list.filter((e) => e.recordedAt <= knownAt) : list}
                  />
                )}
              </Loaded>
            </section>

            <section className="ml-section" aria-labelledby="activite">
              <h2 id="activite" tabIndex={-1}>Comptes rendus d'activité</h2>
              <Loaded resource={entries} what="des comptes rendus">
                {(list) => <ActivityReports entries={knownAt ? list.filter((e) => e.recordedAt <= knownAt) : list} />}
              </Loaded>
            </section>

            {session.role !== 'auditor' && (
              <section className="ml-section" aria-labelledby="decisions">
                <h2 id="decisions" tabIndex={-1}>Enregistrer une décision</h2>
                {knownAt ? (
                  <p>
                    Vous consultez le mandat tel qu'il était connu le {frenchDateTime(knownAt)}.{' '}
                    <a className="fr-link" href={href(`/mandats/${id}`, { date: on === today() ? undefined : on })}>
                      Revenir à l'état actuel
                    </a>{' '}
                    pour enregistrer une décision.
                  </p>
                ) : (
                  <DecisionForms
                    mandate={view}
                    etag={etag}
                    role={session.role!}
                    onReload={reloadAll}
                    onRecorded={(result, title) => {
                      setRecorded({ result, title });
                      reloadAll();
                    }}
                  />
                )}
              </section>
            )}

            <section className="ml-section" aria-labelledby="historique">
              <h2 id="historique" tabIndex={-1}>Historique et voyage dans le temps</h2>
              <Loaded resource={entries} what="de l'historique">
                {(list) => (
                  <>
                    <KnownAt entries={list} value={knownAt} onChange={(instant) => go({ connuLe: instant })} />
                    <HistoryTable entries={list} knownAt={knownAt} caption={list.length === 1 ? 'La décision enregistrée sur ce mandat' : `Les ${list.length} décisions enregistrées sur ce mandat`} />
                    <h3 className="fr-h5 fr-mt-4w">Ce qui a changé entre deux instants</h3>
                    <Compare entries={list} load={(asKnownAt) => get<MandateView>(apiPath(`/mandates/${id}`, { on, asKnownAt }))} />
                  </>
                )}
              </Loaded>
            </section>

            <section className="ml-section" aria-labelledby="verification">
              <h2 id="verification" tabIndex={-1}>Vérifier l'intégrité</h2>
              <VerifyPanel subject={{ kind: 'mandate', id, stream: `mandate-${id}` }} loadHistory={() => history(id)} />
            </section>
          </div>
        )}
      </Loaded>
    </>
  );
};
