import { Badge } from '@codegouvfr/react-dsfr/Badge';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Pagination } from '@codegouvfr/react-dsfr/Pagination';
import { useEffect, useState } from 'react';
import { apiPath, get, getJson } from '../api/client';
import { operatorsById } from '../api/operators';
import type { BoardPage as Board, MandateStatus, OperatorListItem } from '../api/types';
import { useResource } from '../api/use-resource';
import { DateInput } from '../components/date-input';
import { ChoiceFilter, TextFilter } from '../components/filters';
import { Loaded, StatusBadge } from '../components/status';
import { useTitle } from '../components/use-title';
import { count, frenchDate, frenchDateTime, label, MISSION_TYPES, money, STATUSES, today } from '../labels';
import { href, navigate, type Route } from '../router';
import { mayRecord, useSession } from '../session';
import { DataTable } from '../components/table';

const PAGE_SIZE = 20;

/** The board's filters, as the route's query holds them (so that a board can be bookmarked and shared). */
const filtersOf = (route: Route) => ({
  date: route.query.get('date') ?? today(),
  statut: route.query.get('statut') ?? '',
  mission: route.query.get('mission') ?? '',
  departement: route.query.get('departement') ?? '',
  commune: route.query.get('commune') ?? '',
  operateur: route.query.get('operateur') ?? '',
  echeance: route.query.get('echeance') ?? '',
  connuLe: route.query.get('connuLe') ?? '',
  page: Number(route.query.get('page') ?? 1),
});

type Filters = ReturnType<typeof filtersOf>;

const boardQuery = (filters: Filters, overrides: Record<string, string | number | undefined> = {}) => ({
  on: filters.date,
  status: filters.statut,
  missionType: filters.mission,
  departement: filters.departement,
  commune: filters.commune,
  operatorId: filters.operateur,
  expiringWithinDays: filters.echeance,
  asKnownAt: filters.connuLe,
  page: filters.page,
  pageSize: PAGE_SIZE,
  ...overrides,
});

const STATUS_ORDER: readonly MandateStatus[] = ['active', 'suspended', 'pending', 'expired', 'completed', 'terminated'];

/**
 * How many mandates each status counts under the other filters: one small query each, asked once
 * the board is drawn (`after`) so that they never delay it; the previous counts stay meanwhile.
 */
const StatusCounts = ({ filters, after, onPick }: { filters: Filters; after: boolean; onPick: (status: string) => void }) => {
  const key = JSON.stringify(boardQuery(filters, { status: undefined, page: 1 }));
  const counts = useResource(after ? key : null, (signal) =>
    Promise.all(STATUS_ORDER.map(async (status) => [status, (await get<Board>(apiPath('/mandates', boardQuery(filters, { status, page: 1, pageSize: 1 })), signal)).total] as const)),
    { keepPrevious: true },
  );
  if (counts.state !== 'ready') return null;
  return (
    <ul className="ml-counts" aria-label="Répartition par statut à cette date" aria-busy={counts.refreshing}>
      {counts.data.map(([status, total]) => (
        <li key={status}>
          <button type="button" className="ml-count" aria-pressed={filters.statut === status} onClick={() => onPick(filters.statut === status ? '' : status)}>
            <StatusBadge status={status} /> <span className="ml-count__n">{count(total)}</span>
          </button>
        </li>
      ))}
    </ul>
  );
};

/** The officers' board: mandates on a date, every filter of the API, paginated by the server. */
export const BoardPage = ({ route }: { route: Route }) => {
  useTitle('Tableau des mandats');
  const { session } = useSession();
  const filters = filtersOf(route);
  const key = JSON.stringify(boardQuery(filters));
  const board = useResource(key, async (signal) => (await getJson<Board>(apiPath('/mandates', boardQuery(filters)), signal)).body, { keepPrevious: true });
  const [operators, setOperators] = useState<ReadonlyMap<string, OperatorListItem>>(new Map());
  // On a phone the filters fold away under their summary; on a wider screen they are always shown.
  const [filtersOpen, setFiltersOpen] = useState(() => window.matchMedia('(min-width: 48em)').matches);
  const activeFilters = [filters.statut, filters.mission, filters.departement, filters.commune, filters.operateur, filters.echeance].filter(Boolean).length;
  useEffect(() => {
    operatorsById().then(setOperators, () => undefined);
  }, []);

  const set = (changes: Partial<Record<keyof Filters, string | number>>) => {
    const next = { ...filters, page: 1, ...changes };
    navigate(href('/mandats', { ...next, date: next.date === today() ? undefined : next.date }));
  };

  const departements = session.role === 'officer' ? (session.departements ?? []) : [];
  const operatorOptions = [...operators.values()].sort((a, b) => a.name.localeCompare(b.name, 'fr')).map((o) => [o.id, o.name] as const);

  return (
    <>
      <div className="ml-title-row">
        <h1>Tableau des mandats</h1>
        {mayRecord(session) && (
          <Button iconId="fr-icon-add-line" linkProps={{ href: href('/mandats/nouveau') }}>
            Attribuer un mandat
          </Button>
        )}
      </div>
      <details className="ml-filters-panel" open={filtersOpen} onToggle={(event) => setFiltersOpen((event.target as HTMLDetailsElement).open)}>
        <summary>Filtres{activeFilters > 0 ? ` (${activeFilters} actif${activeFilters > 1 ? 's' : ''})` : ''}</summary>
      <form className="ml-filters" aria-label="Filtres du tableau" role="search" onSubmit={(event) => event.preventDefault()}>
        <DateInput id="filtre-date" label="Situation au" value={filters.date} onChange={(date) => set({ date: date || today() })} />
        <ChoiceFilter id="filtre-statut" label="Statut" value={filters.statut} options={STATUS_ORDER.map((s) => [s, STATUSES[s]])} onChange={(statut) => set({ statut })} />
        <ChoiceFilter id="filtre-mission" label="Type de mission" value={filters.mission} options={Object.entries(MISSION_TYPES)} onChange={(mission) => set({ mission })} anyLabel="Toutes" />
        {departements.length > 1 && (
          <ChoiceFilter id="filtre-departement" label="Département" value={filters.departement} options={departements.map((d) => [d, d])} onChange={(departement) => set({ departement })} />
        )}
        <TextFilter
          id="filtre-commune"
          label="Commune (code INSEE)"
          hint="62193 pour Calais"
          value={filters.commune}
          pattern={/^(\d{5}|2[AB]\d{3})$/}
          invalidMessage="Un code commune INSEE a 5 caractères (pas un code postal)."
          onChange={(commune) => set({ commune })}
        />
        <ChoiceFilter id="filtre-operateur" label="Opérateur" value={filters.operateur} options={operatorOptions} onChange={(operateur) => set({ operateur })} />
        <TextFilter
          id="filtre-echeance"
          label="Échéance dans moins de (jours)"
          value={filters.echeance}
          inputMode="numeric"
          pattern={/^\d{1,4}$/}
          invalidMessage="Un nombre de jours est attendu."
          onChange={(echeance) => set({ echeance })}
        />
      </form>
      </details>
      {filters.connuLe && (
        <p className="fr-text--sm">
          Tel que le registre le connaissait le <strong>{frenchDateTime(filters.connuLe)}</strong>.{' '}
          <a className="fr-link fr-text--sm" href={href('/mandats', { ...filters, connuLe: undefined })}>
            Revenir à aujourd'hui
          </a>
        </p>
      )}
      <StatusCounts filters={filters} after={board.state === 'ready' && !board.refreshing} onPick={(statut) => set({ statut })} />
      <Loaded resource={board} what="du tableau">
        {(data, refreshing) => (
          <div aria-busy={refreshing} data-board-key={refreshing ? undefined : key} className={refreshing ? 'ml-refreshing' : undefined}>
            <p role="status" aria-live="polite" className="ml-summary">
              {data.total === 0 ? 'Aucun mandat ne répond à ces critères' : `${count(data.total)} mandat${data.total > 1 ? 's' : ''}`} au {frenchDate(data.on)}
              {data.total > PAGE_SIZE && ` · page ${data.page} sur ${count(Math.ceil(data.total / data.pageSize))}`}
            </p>
            {data.items.length > 0 && (
              <DataTable caption={`Mandats au ${frenchDate(data.on)}`} hideCaption>
                        <thead>
                          <tr>
                            <th scope="col">Mandat</th>
                            <th scope="col">Opérateur</th>
                            <th scope="col">Missions</th>
                            <th scope="col">Territoire</th>
                            <th scope="col">Période</th>
                            <th scope="col">Statut</th>
                            <th scope="col" className="ml-num">Financement</th>
                          </tr>
                        </thead>
                        <tbody>
                          {data.items.map((item) => (
                            <tr key={item.id}>
                              <td>
                                <a className="fr-link" href={href(`/mandats/${item.id}`, { date: filters.date === today() ? undefined : filters.date })}>
                                  {item.instrument.reference}
                                </a>
                              </td>
                              <td>{operators.get(item.operatorId)?.name ?? <span className="ml-muted">{item.operatorId.slice(0, 8)}…</span>}</td>
                              <td>{item.missionTypes.map((type) => label(MISSION_TYPES, type)).join(', ')}</td>
                              <td>
                                {item.territory.departement}
                                {item.territory.communes.length > 0 && ` · ${item.territory.communes.join(', ')}`}
                              </td>
                              <td className="ml-nowrap">
                                {frenchDate(item.period.start)} – {frenchDate(item.period.end)}
                              </td>
                              <td>
                                <StatusBadge status={item.status} />
                              </td>
                              <td className="ml-num">{item.funding ? money(item.funding.amountCents) : '—'}</td>
                            </tr>
                          ))}
                        </tbody>
                      </DataTable>
            )}
            {data.total > data.pageSize && (
              <Pagination
                count={Math.ceil(data.total / data.pageSize)}
                defaultPage={data.page}
                showFirstLast
                getPageLinkProps={(page) => ({ href: href('/mandats', { ...filters, page, date: filters.date === today() ? undefined : filters.date }) })}
              />
            )}
            {filters.echeance && (
              <Badge severity="warning" small className="fr-mt-2w">
                {`Échéance dans moins de ${filters.echeance} jours`}
              </Badge>
            )}
          </div>
        )}
      </Loaded>
    </>
  );
};
