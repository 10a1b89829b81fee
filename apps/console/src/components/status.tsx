import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Badge } from '@codegouvfr/react-dsfr/Badge';
import { Button } from '@codegouvfr/react-dsfr/Button';
import type { ReactNode } from 'react';
import type { ApiProblem } from '../api/client';
import type { Resource } from '../api/use-resource';
import type { MandateStatus } from '../api/types';
import { problemText, STATUS_SEVERITY, STATUSES } from '../labels';

/** What a section shows while it waits: announced to screen readers, never a blank space. */
export const Loading = ({ what }: { what: string }) => (
  <p className="ml-loading" role="status" aria-live="polite">
    <span className="fr-icon-refresh-line ml-spin" aria-hidden="true" /> Chargement {what}…
  </p>
);

/** A problem the API answered, in French, with a way to try again. */
export const ProblemAlert = ({ problem, retry, title = 'Le chargement a échoué' }: { problem: ApiProblem; retry?: () => void; title?: string }) => (
  <Alert
    severity="error"
    title={title}
    role="alert"
    description={
      <>
        <span>{problemText(problem)}</span>
        {problem.status > 0 && <span className="ml-problem-code"> (code {problem.code})</span>}
        {retry && (
          <span className="ml-block fr-mt-2w">
            <Button priority="secondary" size="small" onClick={retry}>
              Réessayer
            </Button>
          </span>
        )}
      </>
    }
  />
);

/** Draws a resource's three states: loading, a problem with a retry, or its content. */
export const Loaded = <T,>({ resource, what, children }: { resource: Resource<T>; what: string; children: (data: T, refreshing: boolean) => ReactNode }) => {
  if (resource.state === 'loading') return <Loading what={what} />;
  if (resource.state === 'error') return <ProblemAlert problem={resource.problem} retry={resource.reload} />;
  return <>{children(resource.data, resource.refreshing)}</>;
};

export const StatusBadge = ({ status }: { status: MandateStatus }) => (
  <Badge severity={STATUS_SEVERITY[status]} small noIcon as="span">
    {STATUSES[status] ?? status}
  </Badge>
);

/** Term and description pairs. */
export const Facts = ({ items }: { items: readonly [string, ReactNode][] }) => (
  <dl className="ml-facts">
    {items.map(([term, value]) => (
      <div key={term} className="ml-fact">
        <dt>{term}</dt>
        <dd>{value ?? '—'}</dd>
      </div>
    ))}
  </dl>
);
