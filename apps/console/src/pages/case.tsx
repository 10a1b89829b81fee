import { Breadcrumb } from '@codegouvfr/react-dsfr/Breadcrumb';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { useState } from 'react';
import { ApiProblem, apiPath, get, getJson, minPosition } from '../api/client';
import type { CaseObligation, CaseView, ComplianceReport, HistoryEntry } from '../api/types';
import { useResource } from '../api/use-resource';
import { Compare } from '../components/compare';
import { CoverageChart } from '../components/coverage-chart';
import { DateInput } from '../components/date-input';
import { HistoryTable } from '../components/history';
import { KnownAt } from '../components/known-at';
import { Loaded, Loading, ProblemAlert } from '../components/status';
import { useTitle } from '../components/use-title';
import { VerifyPanel } from '../components/verify-panel';
import { frenchDate, frenchDateTime, label, MISSION_TYPES, money, PROCEDURES, REPORT_STATUSES, STANDINGS, today } from '../labels';
import { href, navigate, type Route } from '../router';
import { DataTable } from '../components/table';

const history = (id: string, signal?: AbortSignal) => get<HistoryEntry[]>(apiPath(`/compliance-cases/${id}/history`, { minPosition: minPosition() }), signal);

/** What the case's decisions say of an obligation: replaced, or its last recorded satisfaction or contestation, or ordered. */
const standingText = (o: CaseObligation): string => {
  if (o.supersededBy !== undefined) return label(STANDINGS, 'superseded');
  const last = o.assessments.at(-1);
  return last ? `${label(STANDINGS, last.kind)} le ${frenchDate(last.on)}` : label(STANDINGS, 'ordered');
};

interface Preview {
  readonly report: ComplianceReport;
  /** When the API recorded the report as issued: the hash of the bytes it served. */
  readonly issued?: { readonly sha256: string; readonly position: string | null };
}

/** The report over a period: previewed here (JSON), downloaded as PDF, CSV or JSON. */
const ReportSection = ({ id, decisionDate, knownAt }: { id: string; decisionDate?: string; knownAt: string | null }) => {
  const [from, setFrom] = useState(decisionDate ?? '');
  const [to, setTo] = useState(today());
  const [state, setState] = useState<{ loading: boolean; preview?: Preview; problem?: ApiProblem }>({ loading: false });
  const query = { from, to, asKnownAt: knownAt };
  const preview = async () => {
    setState({ loading: true });
    try {
      const { body, headers } = await getJson<{ attachments: { complianceReport: ComplianceReport } }>(apiPath(`/compliance-cases/${id}/report`, { ...query, format: 'json' }));
      const sha256 = headers.get('X-Report-Sha256');
      setState({ loading: false, preview: { report: body.attachments.complianceReport, issued: sha256 ? { sha256, position: headers.get('X-Report-Position') } : undefined } });
    } catch (error) {
      setState({ loading: false, problem: error instanceof ApiProblem ? error : new ApiProblem(0, 'UNEXPECTED', String(error)) });
    }
  };
  const report = state.preview?.report;
  return (
    <>
      <div className="ml-inline">
        <DateInput id="rapport-du" label="Période du" value={from} onChange={setFrom} />
        <DateInput id="rapport-au" label="au" value={to} onChange={setTo} />
        <Button iconId="fr-icon-eye-line" onClick={() => void preview()} disabled={state.loading}>
          Prévisualiser le rapport
        </Button>
      </div>
      {knownAt && <p className="fr-text--sm">Rapport tel que le registre le connaissait le {frenchDateTime(knownAt)}.</p>}
      <ul className="fr-btns-group fr-btns-group--inline-md fr-btns-group--icon-left fr-mt-2w" aria-label="Télécharger le rapport">
        {(
          [
            ['pdf', 'PDF (pour le greffe)'],
            ['csv', 'CSV (tableur)'],
            ['json', 'JSON (avec les preuves)'],
          ] as const
        ).map(([format, text]) => (
          <li key={format}>
            <a className="fr-btn fr-btn--secondary fr-icon-download-line" href={apiPath(`/compliance-cases/${id}/report`, { ...query, format })} download>
              Télécharger en {text}
            </a>
          </li>
        ))}
      </ul>
      <div aria-live="polite">
        {state.loading && <Loading what="du rapport" />}
        {state.problem && <ProblemAlert problem={state.problem} retry={() => void preview()} title="Le rapport n'a pas pu être calculé" />}
        {report && (
          <div className="fr-mt-3w">
            <p>
              Du {frenchDate(report.period.from)} au {frenchDate(report.period.to)}, tel que connu le {frenchDateTime(report.asKnownAt)} : astreinte encourue au plus{' '}
              <strong>{money(report.totals.penaltyExposureCents)}</strong> (avant liquidation).
              {state.preview?.issued && (
                <span className="fr-text--xs ml-block ml-muted">
                  Le service a enregistré ce rapport comme émis (SHA-256 {state.preview.issued.sha256.slice(0, 16)}…, position {state.preview.issued.position}).
                </span>
              )}
            </p>
            {report.obligations.map((o) => (
              <section key={o.obligationId} className="ml-obligation" aria-labelledby={`obligation-${o.obligationId}`}>
                <h3 id={`obligation-${o.obligationId}`} className="fr-h6">
                  {o.article} — {label(MISSION_TYPES, o.missionType)} : {label(REPORT_STATUSES, o.status)}
                </h3>
                {o.text && <p className="fr-text--sm ml-quote">« {o.text} »</p>}
                <CoverageChart obligation={o} period={report.period} />
              </section>
            ))}
          </div>
        )}
      </div>
    </>
  );
};

/** A court's decision and what followed: obligations, deadlines, coverage, the report, the history, the verification. */
export const CasePage = ({ id, route }: { id: string; route: Route }) => {
  const knownAt = route.query.get('connuLe');
  const complianceCase = useResource(`${id}|${knownAt ?? ''}`, (signal) => get<CaseView>(apiPath(`/compliance-cases/${id}`, { asKnownAt: knownAt }), signal), { keepPrevious: true });
  const entries = useResource(id, (signal) => history(id, signal));
  const opening = complianceCase.state === 'ready' ? complianceCase.data.decisions.find((d) => d.kind === 'opening') : undefined;
  const title = opening ? `${opening.court}, n° ${opening.caseNumbers.join(', ')}` : 'Affaire';
  useTitle(title);
  const go = (connuLe: string | null) => navigate(href(`/affaires/${id}`, { connuLe }), { replace: true });
  return (
    <>
      <Breadcrumb segments={[{ label: 'Décisions de justice', linkProps: { href: href('/affaires') } }]} currentPageLabel={title} homeLinkProps={{ href: '#/' }} />
      <Loaded resource={complianceCase} what="de l'affaire">
        {(view) => (
          <>
            <h1>{title}</h1>
            <p className="fr-text--lg fr-mb-1w">
              {label(PROCEDURES, view.procedure)} du {frenchDate(opening?.decisionDate)}
              {opening?.notifiedOn && `, notifiée le ${frenchDate(opening.notifiedOn)}`} — {view.status === 'closed' ? `affaire close le ${frenchDate(view.closedOn)}` : 'affaire ouverte'}
              {knownAt && ` — tel que connu le ${frenchDateTime(knownAt)}`}
            </p>
            {view.decisions
              .filter((d) => d.kind === 'appeal')
              .map((d) => (
                <p key={d.caseNumbers.join()} className="fr-text--sm">
                  En appel : {d.court}, n° {d.caseNumbers.join(', ')}, du {frenchDate(d.decisionDate)} — {d.outcome === 'upheld' ? 'confirmée' : d.outcome === 'modified' ? 'modifiée' : '—'}
                </p>
              ))}
            <section className="ml-section" aria-labelledby="injonctions">
              <h2 id="injonctions">Injonctions</h2>
              <DataTable caption="Injonctions, échéances et situation" hideCaption>
                        <thead>
                          <tr>
                            <th scope="col">Article</th>
                            <th scope="col">Mission</th>
                            <th scope="col">Échéance</th>
                            <th scope="col">Situation</th>
                            <th scope="col">Mesures rattachées</th>
                          </tr>
                        </thead>
                        <tbody>
                          {(view.obligations ?? []).map((o) => {
                            const measures = (o.measures as { mandateId: string; effectiveFrom: string }[] | undefined) ?? [];
                            return (
                              <tr key={o.obligationId}>
                                <td>{o.article}</td>
                                <td>
                                  {label(MISSION_TYPES, o.missionType)}
                                  {o.text && <span className="ml-block fr-text--xs">{o.text}</span>}
                                </td>
                                <td className="ml-nowrap">{frenchDate(o.deadline ?? null)}</td>
                                <td>{standingText(o)}</td>
                                <td>
                                  {measures.length === 0
                                    ? 'Aucune'
                                    : measures.map((m) => (
                                        <span key={m.mandateId} className="ml-block">
                                          <a className="fr-link fr-text--sm" href={href(`/mandats/${m.mandateId}`)}>
                                            Mandat
                                          </a>{' '}
                                          depuis le {frenchDate(m.effectiveFrom)}
                                        </span>
                                      ))}
                                </td>
                              </tr>
                            );
                          })}
                        </tbody>
                      </DataTable>
            </section>
            <section className="ml-section" aria-labelledby="rapport">
              <h2 id="rapport">Couverture et rapport</h2>
              <p>Pour chaque injonction : les jours couverts par un mandat en vigueur, les lacunes, le retard et l'astreinte encourue sur la période choisie.</p>
              <ReportSection id={id} decisionDate={opening?.decisionDate} knownAt={knownAt} />
            </section>
            <section className="ml-section" aria-labelledby="historique">
              <h2 id="historique">Historique et voyage dans le temps</h2>
              <Loaded resource={entries} what="de l'historique">
                {(list) => (
                  <>
                    <KnownAt entries={list} value={knownAt} onChange={go} />
                    <HistoryTable entries={list} knownAt={knownAt} caption={list.length === 1 ? 'La décision enregistrée sur cette affaire' : `Les ${list.length} décisions enregistrées sur cette affaire`} />
                    <h3 className="fr-h5 fr-mt-4w">Ce qui a changé entre deux instants</h3>
                    <Compare entries={list} load={(asKnownAt) => get<CaseView>(apiPath(`/compliance-cases/${id}`, { asKnownAt }))} />
                  </>
                )}
              </Loaded>
            </section>
            <section className="ml-section" aria-labelledby="verification">
              <h2 id="verification">Vérifier l'intégrité</h2>
              <VerifyPanel subject={{ kind: 'compliance_case', id, stream: `compliance_case-${id}` }} loadHistory={() => history(id)} />
            </section>
          </>
        )}
      </Loaded>
    </>
  );
};
