import { Pagination } from '@codegouvfr/react-dsfr/Pagination';
import { apiPath, get, minPosition } from '../api/client';
import type { CaseSummary, Page } from '../api/types';
import { useResource } from '../api/use-resource';
import { ChoiceFilter } from '../components/filters';
import { Loaded } from '../components/status';
import { useTitle } from '../components/use-title';
import { count, frenchDate, label, MISSION_TYPES, PROCEDURES, STANDINGS, today } from '../labels';
import { href, navigate, type Route } from '../router';

const PAGE_SIZE = 20;

/** Compliance cases: each court decision with its obligations, deadlines and standings. */
export const CasesPage = ({ route }: { route: Route }) => {
  useTitle('Décisions de justice');
  const page = Number(route.query.get('page') ?? 1);
  const status = route.query.get('statut') ?? '';
  const overdue = route.query.get('enRetard') === '1';
  const cases = useResource(`${page}|${status}|${overdue}`, (signal) =>
    get<Page<CaseSummary>>(apiPath('/compliance-cases', { page, pageSize: PAGE_SIZE, status, overdueOn: overdue ? today() : undefined, minPosition: minPosition() }), signal),
  );
  return (
    <>
      <h1>Suivi des décisions de justice</h1>
      <div className="ml-filters">
        <ChoiceFilter id="filtre-affaire-statut" label="Affaires" value={status} anyLabel="Ouvertes et closes" options={[['open', 'Ouvertes'], ['closed', 'Closes']]} onChange={(s) => navigate(href('/affaires', { statut: s, enRetard: overdue ? 1 : undefined }))} />
        <div className="fr-checkbox-group ml-checkbox">
          <input id="filtre-retard" type="checkbox" checked={overdue} onChange={(e) => navigate(href('/affaires', { statut: status, enRetard: e.target.checked ? 1 : undefined }))} />
          <label className="fr-label" htmlFor="filtre-retard">
            Seulement celles dont une injonction a dépassé son délai
          </label>
        </div>
      </div>
      <Loaded resource={cases} what="des affaires">
        {(data) => (
          <>
            <p role="status">{data.total === 0 ? 'Aucune affaire' : `${count(data.total)} affaire${data.total > 1 ? 's' : ''}`}</p>
            {data.items.map((c) => (
              <article key={c.id} className="fr-card fr-card--horizontal fr-mb-3w ml-case-card">
                <div className="fr-card__body">
                  <div className="fr-card__content">
                    <h2 className="fr-card__title fr-h5">
                      <a href={href(`/affaires/${c.id}`)}>
                        {c.court}, n° {c.caseNumbers.join(', ')}
                      </a>
                    </h2>
                    <p className="fr-card__desc">
                      {label(PROCEDURES, c.procedure)} du {frenchDate(c.decisionDate)} — {c.status === 'open' ? 'affaire ouverte' : 'affaire close'}
                      {c.appeals.length > 0 && ` — en appel : ${c.appeals.map((a) => `${a.court} ${frenchDate(a.decisionDate)} (${a.outcome === 'upheld' ? 'confirmée' : 'modifiée'})`).join(', ')}`}
                    </p>
                    <ul className="ml-compact fr-text--sm">
                      {c.obligations.map((o) => (
                        <li key={o.obligationId}>
                          {o.article} — {label(MISSION_TYPES, o.missionType)} : échéance {frenchDate(o.deadline)}, {label(STANDINGS, o.standing).toLowerCase()}, {o.measures.length} mesure
                          {o.measures.length > 1 ? 's' : ''}
                        </li>
                      ))}
                    </ul>
                  </div>
                </div>
              </article>
            ))}
            {data.total > PAGE_SIZE && <Pagination count={Math.ceil(data.total / PAGE_SIZE)} defaultPage={page} getPageLinkProps={(p) => ({ href: href('/affaires', { page: p, statut: status }) })} />}
          </>
        )}
      </Loaded>
    </>
  );
};
