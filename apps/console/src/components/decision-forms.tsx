import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Select } from '@codegouvfr/react-dsfr/Select';
import { useState } from 'react';
import { ApiProblem, write, type WriteResult } from '../api/client';
import type { MandateView, Role } from '../api/types';
import { problemText, today } from '../labels';
import { centsOf, errorFor, Field, type FieldSpec, numberOf, otherErrors, type Values } from './form';

interface Decision {
  readonly path: string;
  readonly title: string;
  readonly button: string;
  /** Who may record it: officers and admins, and the operator for its own reports. */
  readonly roles: readonly Role[];
  /** Whether it makes sense for the mandate as it stands. */
  readonly offered: (mandate: MandateView) => boolean;
  readonly fields: (mandate: MandateView) => readonly FieldSpec[];
  readonly initial: (mandate: MandateView) => Values;
  readonly body: (values: Values, mandate: MandateView) => unknown;
}

const RECORDERS: readonly Role[] = ['officer', 'admin'];
const REPORTERS: readonly Role[] = ['officer', 'admin', 'operator'];
const inForce = (m: MandateView) => m.status === 'active' || m.status === 'suspended' || m.status === 'pending';
const reference: FieldSpec = { name: 'decisionReference', label: 'Référence de la décision', type: 'text', required: true, hint: 'Arrêté, avenant, courrier : AP-2017-1004' };
const text = (value: string | undefined) => (value?.trim() ? value.trim() : undefined);

/** The indicators of the missions in force, each a field `indicators.i.value`. */
const indicatorFields = (m: MandateView): FieldSpec[] =>
  m.terms.missions
    .flatMap((mission) => mission.indicators)
    .map((indicator, i) => ({ name: `indicators.${i}.value`, label: `${indicator.name} (${indicator.unit}, cible ${indicator.target})`, type: 'number' as const, required: true }));
const indicatorValues = (values: Values, m: MandateView) =>
  m.terms.missions.flatMap((mission) => mission.indicators).map((indicator, i) => ({ name: indicator.name, value: numberOf(values[`indicators.${i}.value`]) }));
const staffFields: FieldSpec[] = [
  { name: 'staff.salariedFte', label: 'Salariés (ETP)', type: 'number', required: true, hint: 'Seuls les salariés sont des effectifs financés' },
  { name: 'staff.volunteers', label: 'Bénévoles', type: 'number' },
];
const staffOf = (values: Values) => ({ salariedFte: numberOf(values['staff.salariedFte']), ...(text(values['staff.volunteers']) ? { volunteers: numberOf(values['staff.volunteers']) } : {}) });
/** A financing like the one in force, for another amount. */
const financingLike = (m: MandateView, euros: string) => {
  const current = m.funding?.financing ?? m.fundings.at(-1)?.financing;
  return { amountCents: centsOf(euros), nature: current?.nature ?? 'cash', paymentTerms: current?.paymentTerms ?? 'single', programme: current?.programme ?? '177' };
};

export const DECISIONS: readonly Decision[] = [
  {
    path: 'suspensions',
    title: 'Suspendre le mandat',
    button: 'Enregistrer la suspension',
    roles: RECORDERS,
    offered: (m) => m.status === 'active',
    fields: () => [{ name: 'effectiveFrom', label: 'Suspendu à compter du', type: 'date', required: true }, { name: 'reason', label: 'Motif', type: 'textarea', required: true }, reference],
    initial: () => ({ effectiveFrom: today(), reason: '', decisionReference: '' }),
    body: (v) => ({ effectiveFrom: v.effectiveFrom, reason: v.reason, decisionReference: v.decisionReference }),
  },
  {
    path: 'reinstatements',
    title: 'Reprendre le mandat suspendu',
    button: 'Enregistrer la reprise',
    roles: RECORDERS,
    offered: (m) => m.suspensions.some((s) => !s.until),
    fields: () => [{ name: 'effectiveFrom', label: 'Repris à compter du', type: 'date', required: true }, reference],
    initial: () => ({ effectiveFrom: today(), decisionReference: '' }),
    body: (v) => ({ effectiveFrom: v.effectiveFrom, decisionReference: v.decisionReference }),
  },
  {
    path: 'amendments',
    title: 'Modifier par avenant',
    button: "Enregistrer l'avenant",
    roles: RECORDERS,
    offered: inForce,
    fields: () => [
      { name: 'effectiveFrom', label: "L'avenant prend effet le", type: 'date', required: true },
      reference,
      { name: 'changes.periodEnd', label: 'Nouvelle date de fin', type: 'date' },
      { name: 'changes.staffing.salariedFte', label: 'Salariés engagés (ETP)', type: 'number' },
      { name: 'changes.territory.communes', label: 'Communes (codes INSEE, séparés par des virgules)', type: 'text', hint: '62193 pour Calais, 59271 pour Grande-Synthe' },
      { name: 'changes.financing.amountCents', label: 'Nouveau montant du financement', type: 'euros' },
    ],
    initial: () => ({ effectiveFrom: today(), decisionReference: '' }),
    body: (v, m) => ({
      effectiveFrom: v.effectiveFrom,
      decisionReference: v.decisionReference,
      changes: {
        ...(text(v['changes.periodEnd']) ? { periodEnd: v['changes.periodEnd'] } : {}),
        ...(text(v['changes.staffing.salariedFte']) ? { staffing: { salariedFte: numberOf(v['changes.staffing.salariedFte']) } } : {}),
        ...(text(v['changes.territory.communes'])
          ? { territory: { departement: m.terms.territory.departement, communes: v['changes.territory.communes'].split(/[\s,;]+/).filter(Boolean) } }
          : {}),
        ...(text(v['changes.financing.amountCents']) ? { financing: financingLike(m, v['changes.financing.amountCents']) } : {}),
      },
    }),
  },
  {
    path: 'renewals',
    title: 'Renouveler',
    button: 'Enregistrer le renouvellement',
    roles: RECORDERS,
    offered: (m) => m.status !== 'terminated' && m.status !== 'completed',
    fields: () => [
      { name: 'newEnd', label: "Prolongé jusqu'au", type: 'date', required: true },
      reference,
      { name: 'financing.amountCents', label: 'Financement des jours ajoutés', type: 'euros' },
    ],
    initial: () => ({ newEnd: '', decisionReference: '' }),
    body: (v, m) => ({ newEnd: v.newEnd, decisionReference: v.decisionReference, ...(text(v['financing.amountCents']) ? { financing: financingLike(m, v['financing.amountCents']) } : {}) }),
  },
  {
    path: 'terminations',
    title: 'Résilier',
    button: 'Enregistrer la résiliation',
    roles: RECORDERS,
    offered: inForce,
    fields: () => [{ name: 'effectiveFrom', label: 'Résilié à compter du', type: 'date', required: true }, { name: 'reason', label: 'Motif', type: 'textarea', required: true }, reference],
    initial: () => ({ effectiveFrom: today(), reason: '', decisionReference: '' }),
    body: (v) => ({ effectiveFrom: v.effectiveFrom, reason: v.reason, decisionReference: v.decisionReference }),
  },
  {
    path: 'activity-reports',
    title: "Rendre compte de l'activité",
    button: 'Enregistrer le compte rendu',
    roles: REPORTERS,
    offered: (m) => m.status !== 'pending',
    fields: (m) => [
      { name: 'periodStart', label: 'Période du', type: 'date', required: true },
      { name: 'periodEnd', label: 'au', type: 'date', required: true },
      ...indicatorFields(m),
      ...staffFields,
    ],
    initial: (m) => ({ periodStart: '', periodEnd: '', 'staff.salariedFte': String(m.terms.staffing.salariedFte) }),
    body: (v, m) => ({ periodStart: v.periodStart, periodEnd: v.periodEnd, indicators: indicatorValues(v, m), staff: staffOf(v) }),
  },
  {
    path: 'completion',
    title: 'Déclarer la mission achevée',
    button: "Enregistrer l'achèvement",
    roles: REPORTERS,
    offered: (m) => m.status === 'active' || m.status === 'expired',
    fields: (m) => [
      { name: 'completedOn', label: 'Achevée le', type: 'date', required: true },
      { name: 'summary', label: 'Bilan final', type: 'textarea', required: true },
      ...indicatorFields(m),
      ...staffFields,
    ],
    initial: (m) => ({ completedOn: today(), summary: '', 'staff.salariedFte': String(m.terms.staffing.salariedFte) }),
    body: (v, m) => ({ completedOn: v.completedOn, summary: v.summary, indicators: indicatorValues(v, m), staff: staffOf(v) }),
  },
];

/**
 * The decisions a person may record on a mandate, one form at a time. Each write sends the revision
 * the page shows as `If-Match`: if someone else recorded a decision meanwhile, the API refuses (412)
 * and the page says so, with a reload, and keeps what was typed.
 */
export const DecisionForms = ({
  mandate,
  etag,
  role,
  onRecorded,
  onReload,
}: {
  mandate: MandateView;
  etag: string | null;
  role: Role;
  onRecorded: (result: WriteResult, title: string) => void;
  onReload: () => void;
}) => {
  const offered = DECISIONS.filter((d) => d.roles.includes(role) && d.offered(mandate));
  const [chosen, setChosen] = useState('');
  const [values, setValues] = useState<Values>({});
  const [problem, setProblem] = useState<ApiProblem | undefined>();
  const [sending, setSending] = useState(false);
  const decision = offered.find((d) => d.path === chosen);
  if (offered.length === 0) return <p>Aucune décision ne peut être enregistrée sur ce mandat dans son état actuel.</p>;

  const choose = (path: string) => {
    setChosen(path);
    setProblem(undefined);
    const next = offered.find((d) => d.path === path);
    setValues(next ? next.initial(mandate) : {});
  };
  const fields = decision?.fields(mandate) ?? [];
  const stale = problem?.status === 412 || problem?.code === 'CONCURRENT_MODIFICATION';

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    if (!decision) return;
    setSending(true);
    setProblem(undefined);
    try {
      const result = await write('POST', `/mandates/${mandate.id}/${decision.path}`, decision.body(values, mandate), { ifMatch: etag });
      onRecorded(result, decision.title);
      setChosen('');
      setValues({});
    } catch (error) {
      setProblem(error instanceof ApiProblem ? error : new ApiProblem(0, 'UNEXPECTED', String(error)));
    } finally {
      setSending(false);
    }
  };

  return (
    <div className="ml-decisions">
      <Select label="Décision à enregistrer" nativeSelectProps={{ id: 'decision', value: chosen, onChange: (e) => choose(e.target.value) }}>
        <option value="">Choisir une décision…</option>
        {offered.map((d) => (
          <option key={d.path} value={d.path}>
            {d.title}
          </option>
        ))}
      </Select>
      {decision && (
        <form onSubmit={(e) => void submit(e)} noValidate aria-labelledby="decision-title" className="ml-form">
          <h3 id="decision-title" className="fr-h5">
            {decision.title}
          </h3>
          {problem && (
            <div className="fr-mb-3w" role="alert">
              <Alert
                severity={stale ? 'warning' : 'error'}
                title={stale ? 'Le mandat a changé entre-temps' : "La décision n'a pas été enregistrée"}
                description={
                  <>
                    {problemText(problem)}
                    {stale && " Rechargez-le pour voir la décision enregistrée par l'autre personne, puis enregistrez la vôtre si elle reste valable : ce que vous avez saisi est conservé."}
                    {otherErrors(problem, fields.map((f) => f.name)).map((message) => (
                      <span key={message} className="ml-block">
                        {message}
                      </span>
                    ))}
                    {stale && (
                      <span className="ml-block fr-mt-2w">
                        <Button
                          size="small"
                          priority="secondary"
                          onClick={() => {
                            setProblem(undefined);
                            onReload();
                          }}
                        >
                          Recharger le mandat
                        </Button>
                      </span>
                    )}
                  </>
                }
              />
            </div>
          )}
          {fields.map((spec) => (
            <Field key={spec.name} spec={spec} idPrefix={decision.path} value={values[spec.name] ?? ''} error={errorFor(problem, spec.name)} onChange={(value) => setValues((v) => ({ ...v, [spec.name]: value }))} />
          ))}
          <p className="fr-text--xs ml-muted">Enregistrée sur la révision {etag?.replace(/"/g, '') ?? '—'} du mandat.</p>
          <Button type="submit" disabled={sending}>
            {sending ? 'Enregistrement…' : decision.button}
          </Button>
        </form>
      )}
    </div>
  );
};
