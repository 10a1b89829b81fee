import { Breadcrumb } from '@codegouvfr/react-dsfr/Breadcrumb';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { useState } from 'react';
import { ApiProblem, apiPath, get, getJson, minPosition, write } from '../api/client';
import type { CaseObligation, CaseView, ComplianceReport, HistoryEntry } from '../api/types';
import { useResource } from '../api/use-resource';
import { Compare } from '../components/compare';
import { CoverageChart } from '../components/coverage-chart';
import { DateInput } from '../components/date-input';
import { errorFor, Field, type FieldSpec, type Values } from '../components/form';
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

/** A report issued: recorded by the service, its bytes kept and served again as issued. */
interface IssuedReport {
  readonly id: string;
  readonly reportSha256: string;
  readonly format: 'pdf' | 'csv' | 'json';
  readonly fileName: string;
  readonly location: string;
}

const ISSUE_FIELDS: readonly FieldSpec[] = [
  {
    name: 'format',
    label: 'Format',
    type: 'select',
    required: true,
    options: [
      ['pdf', 'PDF (pour le greffe)'],
      ['csv', 'CSV (tableur)'],
      ['json', 'JSON (avec les preuves)'],
    ],
  },
  { name: 'signatory.place', label: 'Fait à', type: 'text', hint: 'Lieu, nom et qualité vont ensemble : les trois, ou aucun' },
  { name: 'signatory.name', label: 'Nom du signataire', type: 'text' },
  { name: 'signatory.quality', label: 'Qualité du signataire', type: 'text' },
];

/**
 * The report over a period: previewed here and downloaded as a draft (PROJET, nothing recorded), or
 * issued: the service records it and keeps its bytes, served again as issued.
 */
const ReportSection = ({ id, decisionDate, knownAt }: { id: string; decisionDate?: string; knownAt: string | null }) => {
  const [from, setFrom] = useState(decisionDate ?? '');
  const [to, setTo] = useState(today());
  const [state, setState] = useState<{ loading: boolean; report?: ComplianceReport; problem?: ApiProblem }>({ loading: false });
  const [issue, setIssue] = useState<{ values: Values; sending: boolean; issued?: IssuedReport; problem?: ApiProblem }>({ values: { format: 'pdf' }, sending: false });
  const query = { from, to, asKnownAt: knownAt };
  const preview = async () => {
    setState({ loading: true });
    try {
      const { body } = await getJson<{ attachments: { complianceReport: ComplianceReport } }>(apiPath(`/compliance-cases/${id}/report`, { ...query, format: 'json' }));
      setState({ loading: false, report: body.attachments.complianceReport });
    } catch (error) {
      setState({ loading: false, problem: error instanceof ApiProblem ? error : new ApiProblem(0, 'UNEXPECTED', String(error)) });
    }
  };
  const issueReport = async () => {
    const { values } = issue;
    setIssue({ values, sending: true });
    const signatory = { place: values['signatory.place'] ?? '', name: values['signatory.name'] ?? '', quality: values['signatory.quality'] ?? '' };
    const signed = Object.values(signatory).some((text) => text.trim() !== '');
    try {
      const issued = await write<IssuedReport>('POST', `/compliance-cases/${id}/reports`, {
        ...(from ? { from } : {}),
        ...(to ? { to } : {}),
        ...(knownAt ? { asKnownAt: knownAt } : {}),
        format: values.format,
        ...(signed ? { signatory } : {}),
      });
      setIssue({ values, sending: false, issued });
    } catch (error) {
      setIssue({ values, sending: false, problem: error instanceof ApiProblem ? error : new ApiProblem(0, 'UNEXPECTED', String(error)) });
    }
  };
  const report = state.report;
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
      <p className="fr-text--sm fr-mt-2w">Télécharger le projet (marqué PROJET, rien n’est enregistré) :</p>
      <ul className="fr-btns-group fr-btns-group--inline-md fr-btns-group--icon-left" aria-label="Télécharger le projet de rapport">
        {(
          [
            ['pdf', 'PDF'],
            ['csv', 'CSV'],
            ['json', 'JSON'],
          ] as const
        ).map(([format, text]) => (
          <li key={format}>
            <a className="fr-btn fr-btn--tertiary fr-icon-download-line" href={apiPath(`/compliance-cases/${id}/report`, { ...query, format })} download>
              Projet {text}
            </a>
          </li>
        ))}
      </ul>
      <form
        className="fr-mt-3w"
        aria-labelledby="emettre-le-rapport"
        onSubmit={(event) => {
          event.preventDefault();
          void issueReport();
        }}
      >
        <h3 id="emettre-le-rapport" className="fr-h6">
          Émettre le rapport
        </h3>
        <p className="fr-text--sm">Le service enregistre le rapport émis (son empreinte SHA-256, qui l’a émis et quand) et conserve le fichier, qui peut être téléchargé à nouveau à l’identique.</p>
        {ISSUE_FIELDS.map((spec) => (
          <Field
            key={spec.name}
            spec={spec}
            idPrefix="emission"
            value={issue.values[spec.name] ?? ''}
            error={errorFor(issue.problem, spec.name)}
            onChange={(value) => setIssue({ ...issue, values: { ...issue.values, [spec.name]: value } })}
          />
        ))}
        <Button type="submit" iconId="fr-icon-file-text-line" disabled={issue.sending}>
          Émettre le rapport
        </Button>
      </form>
      <div aria-live="polite">
        {issue.problem && <ProblemAlert problem={issue.problem} title="Le rapport n'a pas pu être émis" />}
        {issue.issued && (
          <div className="fr-alert fr-alert--success fr-alert--sm fr-mt-2w">
            <p>
              Rapport émis et enregistré (SHA-256 {issue.issued.reportSha256.slice(0, 16)}…).{' '}
              <a href={issue.issued.location} download={issue.issued.fileName}>
                Télécharger le rapport émis ({issue.issued.format.toUpperCase()})
              </a>
            </p>
          </div>
        )}
        {state.loading && <Loading what="du rapport" />}
        {state.problem && <ProblemAlert problem={state.problem} retry={() => void preview()} title="Le rapport n'a pas pu être calculé" />}
        {report && (
          <div className="fr-mt-3w">
            <p>
              Projet : du {frenchDate(report.period.from)} au {frenchDate(report.period.to)}, tel que connu le {frenchDateTime(report.asKnownAt)} : astreinte encourue au plus{' '}
              <strong>{money(report.totals.penaltyExposureCents)}</strong> (montant maximal, avant liquidation).
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
