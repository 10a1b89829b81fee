import { Breadcrumb } from '@codegouvfr/react-dsfr/Breadcrumb';
import { fold, type OperatorEvent, operatorDecider, type OperatorState } from '@mandate-ledger/domain';
import { apiPath, get, getJson, minPosition } from '../api/client';
import type { BoardPage, HistoryEntry, OperatorView } from '../api/types';
import { useResource } from '../api/use-resource';
import { Compare } from '../components/compare';
import { DateInput } from '../components/date-input';
import { HistoryTable } from '../components/history';
import { KnownAt } from '../components/known-at';
import { Facts, Loaded, StatusBadge } from '../components/status';
import { useTitle } from '../components/use-title';
import { VerifyPanel } from '../components/verify-panel';
import { count, frenchDate, frenchDateTime, label, LEGAL_FORMS, MISSION_TYPES, money, STATUSES, today } from '../labels';
import { href, navigate, type Route } from '../router';

const history = (id: string, signal?: AbortSignal) => get<HistoryEntry[]>(apiPath(`/operators/${id}/history`, { minPosition: minPosition() }), signal);

/**
 * The operator as the register knew it at an instant: its recorded decisions up to then, folded by
 * the domain's own operator decider (the API serves operators as of now only).
 */
const operatorAsKnownAt = (entries: readonly HistoryEntry[], instant: string): OperatorState =>
  fold(operatorDecider, entries.filter((e) => e.recordedAt <= instant).map((e) => ({ type: e.type, schemaVersion: e.schemaVersion, data: e.data }) as unknown as OperatorEvent));

const detailsFacts = (details: { name: string; legalForm: string; siren: string; siret?: string; rna?: string; departements: readonly string[]; languages: readonly string[]; salariedFte: number }) =>
  [
    ['Forme juridique', label(LEGAL_FORMS, details.legalForm)],
    ['SIREN', details.siren],
    ['SIRET', details.siret ?? '—'],
    ['RNA', details.rna ?? '—'],
    ['Départements', details.departements.join(', ')],
    ['Langues des interprètes', details.languages.join(', ') || '—'],
    ['Salariés (ETP)', count(details.salariedFte)],
  ] as [string, string][];

/** An operator with its portfolio on a date, its mandates, its history as known at any instant. */
export const OperatorPage = ({ id, route }: { id: string; route: Route }) => {
  const on = route.query.get('date') ?? today();
  const knownAt = route.query.get('connuLe');
  const operator = useResource(`${id}|${on}`, (signal) => getJson<OperatorView>(apiPath(`/operators/${id}`, { on, minPosition: minPosition() }), signal), { keepPrevious: true });
  const mandates = useResource(`${id}|${on}|mandates`, (signal) => get<BoardPage>(apiPath('/mandates', { operatorId: id, on, pageSize: 50, minPosition: minPosition() }), signal));
  const entries = useResource(id, (signal) => history(id, signal));
  const name = operator.state === 'ready' ? operator.data.body.name : 'Opérateur';
  useTitle(name);
  const go = (changes: { date?: string; connuLe?: string | null }) =>
    navigate(href(`/operateurs/${id}`, { date: (changes.date ?? on) === today() ? undefined : (changes.date ?? on), connuLe: 'connuLe' in changes ? changes.connuLe : knownAt }), { replace: true });

  return (
    <>
      <Breadcrumb segments={[{ label: 'Opérateurs', linkProps: { href: href('/operateurs') } }]} currentPageLabel={name} homeLinkProps={{ href: '#/' }} />
      <Loaded resource={operator} what="de l'opérateur">
        {({ body: view }) => {
          const known = knownAt && entries.state === 'ready' ? operatorAsKnownAt(entries.data, knownAt) : undefined;
          return (
            <>
              <h1>{view.name}</h1>
              {view.status === 'deregistered' && <p className="fr-badge fr-badge--error">Radié le {frenchDate(view.deregistration?.effectiveFrom)}</p>}
              <section className="ml-section" aria-labelledby="identite">
                <h2 id="identite">{known ? `Tel que connu le ${frenchDateTime(knownAt)}` : 'Identité'}</h2>
                {known ? (
                  known.status === 'unregistered' ? <p>L'opérateur n'était pas encore enregistré à cet instant.</p> : <Facts items={detailsFacts(known.details)} />
                ) : (
                  <Facts items={detailsFacts(view)} />
                )}
              </section>
              <section className="ml-section" aria-labelledby="portefeuille">
                <h2 id="portefeuille">Portefeuille au {frenchDate(view.portfolio.on)}</h2>
                <div className="ml-narrow fr-mb-3w">
                  <DateInput id="operateur-date" label="Situation au" value={on} onChange={(date) => date && go({ date })} />
                </div>
                <Facts
                  items={[
                    ['Mandats', `${count(view.portfolio.mandates.total)} au total — ${Object.entries(view.portfolio.mandates.byStatus).filter(([, n]) => n > 0).map(([s, n]) => `${n} ${STATUSES[s as keyof typeof STATUSES].toLowerCase()}`).join(', ') || 'aucun'}`],
                    ['En vigueur', `${view.portfolio.inEffect.length} mandat${view.portfolio.inEffect.length > 1 ? 's' : ''}`],
                    ['Missions en vigueur', view.portfolio.byMissionType.map((m) => `${label(MISSION_TYPES, m.missionType)} (${m.mandates})`).join(', ') || '—'],
                    ['Salariés engagés', `${count(view.portfolio.salariedFteCommitted)} ETP`],
                    ['Financement par année', view.portfolio.fundedAmountCentsByYear.map((y) => `${y.year} : ${money(y.amountCents)}`).join(' ; ') || '—'],
                  ]}
                />
                <Loaded resource={mandates} what="des mandats">
                  {(page) => (
                    <ul className="ml-compact">
                      {page.items.map((m) => (
                        <li key={m.id}>
                          <a className="fr-link" href={href(`/mandats/${m.id}`, { date: on === today() ? undefined : on })}>
                            {m.instrument.reference}
                          </a>{' '}
                          — {m.missionTypes.map((t) => label(MISSION_TYPES, t)).join(', ')}, {frenchDate(m.period.start)} – {frenchDate(m.period.end)} <StatusBadge status={m.status} />
                        </li>
                      ))}
                    </ul>
                  )}
                </Loaded>
              </section>
              <section className="ml-section" aria-labelledby="historique">
                <h2 id="historique">Historique et voyage dans le temps</h2>
                <Loaded resource={entries} what="de l'historique">
                  {(list) => (
                    <>
                      <KnownAt entries={list} value={knownAt} onChange={(instant) => go({ connuLe: instant })} />
                      <HistoryTable entries={list} knownAt={knownAt} caption={list.length === 1 ? 'La décision enregistrée sur cet opérateur' : `Les ${list.length} décisions enregistrées sur cet opérateur`} />
                      <h3 className="fr-h5 fr-mt-4w">Ce qui a changé entre deux instants</h3>
                      <Compare entries={list} load={async (instant) => operatorAsKnownAt(list, instant)} />
                    </>
                  )}
                </Loaded>
              </section>
              <section className="ml-section" aria-labelledby="verification">
                <h2 id="verification">Vérifier l'intégrité</h2>
                <VerifyPanel subject={{ kind: 'operator', id, stream: `operator-${id}` }} loadHistory={() => history(id)} />
              </section>
            </>
          );
        }}
      </Loaded>
    </>
  );
};
