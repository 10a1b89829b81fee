import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Breadcrumb } from '@codegouvfr/react-dsfr/Breadcrumb';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { useState } from 'react';
import { ApiProblem, write } from '../api/client';
import { operatorsById } from '../api/operators';
import { useResource } from '../api/use-resource';
import { centsOf, errorFor, Field, type FieldSpec, numberOf, otherErrors, type Values } from '../components/form';
import { Loaded } from '../components/status';
import { useTitle } from '../components/use-title';
import { AUTHORITY_KINDS, FINANCING_NATURES, INSTRUMENT_KINDS, MISSION_TYPES, PAYMENT_TERMS, problemText, PROGRAMMES, today } from '../labels';
import { href, navigate, type Route } from '../router';
import { mayRecord, useSession } from '../session';

interface MissionDraft {
  type: string;
  indicators: { name: string; unit: string; target: string }[];
}

const text = (value: string | undefined) => (value?.trim() ? value.trim() : undefined);

/** Granting a mandate (`POST /mandates`): every field of DESIGN §4, the API's field errors beside each. */
export const GrantPage = (_: { route: Route }) => {
  useTitle('Attribuer un mandat');
  const { session } = useSession();
  const operators = useResource('operators', () => operatorsById());
  const departement = session.departements?.[0] ?? '';
  const [values, setValues] = useState<Values>({
    'authority.kind': 'prefecture',
    'authority.departement': departement,
    'instrument.kind': 'annual_agreement',
    'instrument.decisionDate': today(),
    'legalBasis.0.source': 'CASF',
    'legalBasis.0.article': 'D.345-8',
    'territory.departement': departement,
    'period.start': today(),
    'financing.nature': 'cash',
    'financing.paymentTerms': 'instalments',
    'financing.programme': '177',
  });
  const [missions, setMissions] = useState<MissionDraft[]>([{ type: '', indicators: [{ name: '', unit: '', target: '' }] }]);
  const [problem, setProblem] = useState<ApiProblem | undefined>();
  const [sending, setSending] = useState(false);
  if (!mayRecord(session)) return <Alert severity="info" title="Réservé aux agents instructeurs" description="Votre rôle ne permet pas d'attribuer un mandat." />;

  const set = (name: string) => (value: string) => setValues((v) => ({ ...v, [name]: value }));
  const field = (spec: FieldSpec) => (
    <div key={spec.name} className="fr-fieldset__element">
      <Field spec={spec} idPrefix="grant" value={values[spec.name] ?? ''} error={errorFor(problem, spec.name)} onChange={set(spec.name)} />
    </div>
  );

  const body = () => ({
    operatorId: values.operatorId,
    authority: { kind: values['authority.kind'], name: values['authority.name'], siret: values['authority.siret'], departement: values['authority.departement'] },
    instrument: {
      kind: values['instrument.kind'],
      reference: values['instrument.reference'],
      decisionDate: values['instrument.decisionDate'],
      ...(text(values['instrument.signatureDate']) ? { signatureDate: values['instrument.signatureDate'] } : {}),
      ...(values['instrument.kind'] === 'public_contract' ? { cpv: values['instrument.cpv'] } : {}),
    },
    legalBasis: [
      {
        source: values['legalBasis.0.source'],
        ...(text(values['legalBasis.0.article']) ? { article: values['legalBasis.0.article'] } : {}),
        ...(text(values['legalBasis.0.reference']) ? { reference: values['legalBasis.0.reference'] } : {}),
      },
    ],
    missions: missions.map((m) => ({
      type: m.type,
      indicators: m.indicators.filter((i) => i.name || i.unit || i.target).map((i) => ({ name: i.name, unit: i.unit, target: numberOf(i.target) })),
    })),
    territory: { departement: values['territory.departement'], communes: (values['territory.communes'] ?? '').split(/[\s,;]+/).filter(Boolean) },
    period: { start: values['period.start'], end: values['period.end'] },
    financing: {
      amountCents: centsOf(values['financing.amountCents'] ?? ''),
      nature: values['financing.nature'],
      paymentTerms: values['financing.paymentTerms'],
      programme: values['financing.programme'],
      ...(text(values['financing.chorusCommitment']) ? { chorusCommitment: values['financing.chorusCommitment'] } : {}),
    },
    staffing: { salariedFte: numberOf(values['staffing.salariedFte']), ...(text(values['staffing.volunteers']) ? { volunteers: numberOf(values['staffing.volunteers']) } : {}) },
  });

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    setSending(true);
    setProblem(undefined);
    try {
      const result = await write('POST', '/mandates', body());
      navigate(href(`/mandats/${result.id}`, { attribue: 1 }));
    } catch (error) {
      setProblem(error instanceof ApiProblem ? error : new ApiProblem(0, 'UNEXPECTED', String(error)));
      window.scrollTo(0, 0);
    } finally {
      setSending(false);
    }
  };

  const updateMission = (index: number, change: (m: MissionDraft) => MissionDraft) => setMissions((list) => list.map((m, i) => (i === index ? change(m) : m)));
  const names = ['operatorId', 'authority', 'instrument', 'legalBasis', 'missions', 'territory', 'period', 'financing', 'staffing'];

  return (
    <>
      <Breadcrumb segments={[{ label: 'Tableau des mandats', linkProps: { href: href('/mandats') } }]} currentPageLabel="Attribuer un mandat" homeLinkProps={{ href: '#/' }} />
      <h1>Attribuer un mandat</h1>
      <form onSubmit={(e) => void submit(e)} noValidate className="ml-form ml-form--wide">
        {problem && (
          <div className="fr-mb-3w" role="alert">
            <Alert
              severity="error"
              title="Le mandat n'a pas été attribué"
              description={
                <>
                  {problemText(problem)}
                  {otherErrors(problem, names).map((m) => (
                    <span key={m} className="ml-block">
                      {m}
                    </span>
                  ))}
                </>
              }
            />
          </div>
        )}
        <fieldset className="fr-fieldset">
          <legend className="fr-fieldset__legend">Opérateur et autorité</legend>
          <div className="fr-fieldset__element">
          <Loaded resource={operators} what="des opérateurs">
            {(list) =>
              field({
                name: 'operatorId',
                label: 'Opérateur mandaté',
                type: 'select',
                required: true,
                options: [...list.values()].filter((o) => o.status === 'registered').sort((a, b) => a.name.localeCompare(b.name, 'fr')).map((o) => [o.id, o.name]),
              })
            }
          </Loaded>
          </div>
          {field({ name: 'authority.kind', label: 'Autorité', type: 'select', required: true, options: Object.entries(AUTHORITY_KINDS) })}
          {field({ name: 'authority.name', label: "Nom de l'autorité", type: 'text', required: true, hint: 'Préfet du Pas-de-Calais' })}
          {field({ name: 'authority.siret', label: "SIRET de l'autorité", type: 'text', required: true })}
          {field({ name: 'authority.departement', label: "Département de l'autorité", type: 'text', required: true })}
        </fieldset>
        <fieldset className="fr-fieldset">
          <legend className="fr-fieldset__legend">Acte et base légale</legend>
          {field({ name: 'instrument.kind', label: "Type d'acte", type: 'select', required: true, options: Object.entries(INSTRUMENT_KINDS) })}
          {field({ name: 'instrument.reference', label: "Référence de l'acte", type: 'text', required: true, hint: 'CONV-2017-62-014' })}
          {field({ name: 'instrument.decisionDate', label: 'Date de la décision', type: 'date', required: true })}
          {field({ name: 'instrument.signatureDate', label: 'Date de signature', type: 'date' })}
          {values['instrument.kind'] === 'public_contract' && field({ name: 'instrument.cpv', label: 'Code CPV', type: 'text', required: true, hint: '55320000-9' })}
          {field({ name: 'legalBasis.0.source', label: 'Base légale : code, loi ou décision', type: 'text', required: true, hint: "CASF, loi 2000-321, ou court_decision" })}
          {field({ name: 'legalBasis.0.article', label: 'Article', type: 'text', hint: 'D.345-8' })}
          {field({ name: 'legalBasis.0.reference', label: 'Référence', type: 'text', hint: 'TA Lille 1705379' })}
        </fieldset>
        <fieldset className="fr-fieldset">
          <legend className="fr-fieldset__legend">Missions et indicateurs</legend>
          {missions.map((mission, m) => (
            <div key={m} className="fr-fieldset__element ml-repeat">
              <Field
                spec={{ name: `missions.${m}.type`, label: `Mission ${m + 1}`, type: 'select', required: true, options: Object.entries(MISSION_TYPES) }}
                idPrefix="grant"
                value={mission.type}
                error={errorFor(problem, `missions.${m}.type`)}
                onChange={(type) => updateMission(m, (d) => ({ ...d, type }))}
              />
              {mission.indicators.map((indicator, i) => (
                <div key={i} className="ml-inline">
                  {(['name', 'unit', 'target'] as const).map((part) => (
                    <Field
                      key={part}
                      spec={{ name: `missions.${m}.indicators.${i}.${part}`, label: { name: 'Indicateur', unit: 'Unité', target: 'Cible' }[part], type: part === 'target' ? 'number' : 'text', required: true }}
                      idPrefix="grant"
                      value={indicator[part]}
                      error={errorFor(problem, `missions.${m}.indicators.${i}.${part}`)}
                      onChange={(value) => updateMission(m, (d) => ({ ...d, indicators: d.indicators.map((x, j) => (j === i ? { ...x, [part]: value } : x)) }))}
                    />
                  ))}
                </div>
              ))}
              <Button type="button" size="small" priority="tertiary" iconId="fr-icon-add-line" onClick={() => updateMission(m, (d) => ({ ...d, indicators: [...d.indicators, { name: '', unit: '', target: '' }] }))}>
                Ajouter un indicateur
              </Button>
              {missions.length > 1 && (
                <Button type="button" size="small" priority="tertiary" iconId="fr-icon-delete-line" onClick={() => setMissions((list) => list.filter((_, i) => i !== m))}>
                  Retirer la mission {m + 1}
                </Button>
              )}
            </div>
          ))}
          <div className="fr-fieldset__element">
            <Button type="button" size="small" priority="secondary" iconId="fr-icon-add-line" onClick={() => setMissions((list) => [...list, { type: '', indicators: [{ name: '', unit: '', target: '' }] }])}>
              Ajouter une mission
            </Button>
          </div>
        </fieldset>
        <fieldset className="fr-fieldset">
          <legend className="fr-fieldset__legend">Territoire et période</legend>
          {field({ name: 'territory.departement', label: 'Département', type: 'text', required: true })}
          {field({ name: 'territory.communes', label: 'Communes (codes INSEE, séparés par des virgules)', type: 'text', required: true, hint: '62193 pour Calais, 59271 pour Grande-Synthe' })}
          {field({ name: 'period.start', label: 'Début', type: 'date', required: true })}
          {field({ name: 'period.end', label: 'Fin', type: 'date', required: true })}
        </fieldset>
        <fieldset className="fr-fieldset">
          <legend className="fr-fieldset__legend">Financement et effectifs</legend>
          {field({ name: 'financing.amountCents', label: 'Montant', type: 'euros', required: true })}
          {field({ name: 'financing.nature', label: 'Nature', type: 'select', required: true, options: Object.entries(FINANCING_NATURES) })}
          {field({ name: 'financing.paymentTerms', label: 'Modalités de versement', type: 'select', required: true, options: Object.entries(PAYMENT_TERMS) })}
          {field({ name: 'financing.programme', label: 'Programme budgétaire', type: 'select', required: true, options: Object.entries(PROGRAMMES) })}
          {field({ name: 'financing.chorusCommitment', label: 'Engagement juridique Chorus', type: 'text', hint: '10 chiffres' })}
          {field({ name: 'staffing.salariedFte', label: 'Salariés engagés (ETP)', type: 'number', required: true })}
          {field({ name: 'staffing.volunteers', label: 'Bénévoles (non financés)', type: 'number' })}
        </fieldset>
        <Button type="submit" disabled={sending}>
          {sending ? 'Attribution…' : 'Attribuer le mandat'}
        </Button>
      </form>
    </>
  );
};
