import { Pagination } from '@codegouvfr/react-dsfr/Pagination';
import { apiPath, get, minPosition } from '../api/client';
import type { OperatorListItem, Page } from '../api/types';
import { useResource } from '../api/use-resource';
import { Loaded } from '../components/status';
import { useTitle } from '../components/use-title';
import { count, label, LEGAL_FORMS } from '../labels';
import { href, type Route } from '../router';
import { DataTable } from '../components/table';

const PAGE_SIZE = 25;

/** Operators the person may read, by name. */
export const OperatorsPage = ({ route }: { route: Route }) => {
  useTitle('Opérateurs');
  const page = Number(route.query.get('page') ?? 1);
  const operators = useResource(`operators|${page}`, (signal) => get<Page<OperatorListItem>>(apiPath('/operators', { page, pageSize: PAGE_SIZE, minPosition: minPosition() }), signal), {
    keepPrevious: true,
  });
  return (
    <>
      <h1>Opérateurs</h1>
      <Loaded resource={operators} what="des opérateurs">
        {(data) => (
          <>
            <p role="status">{count(data.total)} opérateur{data.total > 1 ? 's' : ''}</p>
            <DataTable caption="Opérateurs">
                      <thead>
                        <tr>
                          <th scope="col">Nom</th>
                          <th scope="col">Forme juridique</th>
                          <th scope="col">SIREN</th>
                          <th scope="col">Départements</th>
                          <th scope="col" className="ml-num">Salariés (ETP)</th>
                          <th scope="col">Statut</th>
                        </tr>
                      </thead>
                      <tbody>
                        {data.items.map((o) => (
                          <tr key={o.id}>
                            <td>
                              <a className="fr-link" href={href(`/operateurs/${o.id}`)}>
                                {o.name}
                              </a>
                            </td>
                            <td>{label(LEGAL_FORMS, o.legalForm)}</td>
                            <td>{o.siren}</td>
                            <td>{o.departements.join(', ')}</td>
                            <td className="ml-num">{count(o.salariedFte)}</td>
                            <td>{o.status === 'registered' ? 'Enregistré' : 'Radié'}</td>
                          </tr>
                        ))}
                      </tbody>
                    </DataTable>
            {data.total > PAGE_SIZE && <Pagination count={Math.ceil(data.total / PAGE_SIZE)} defaultPage={page} getPageLinkProps={(p) => ({ href: href('/operateurs', { page: p }) })} />}
          </>
        )}
      </Loaded>
    </>
  );
};
