import { randomUUID } from 'node:crypto';
import {
  type CommandMetadata,
  complianceCaseDecider,
  complianceCaseStreamName,
  type ComplianceCaseCommand,
  type MandateCommand,
  mandateDecider,
  type MandateGrant,
  mandateStreamName,
  type MissionType,
} from '@mandate-ledger/domain';
import { type EventStore, handleCommand } from '@mandate-ledger/event-store';
import { addObligation, attachEvidence, linkMeasure, openCase, recordAppeal, recordNotification } from '../../../libs/domain/src/testing/compliance-case.fixtures';
import { maraudeGrant } from '../../../libs/domain/src/testing/mandate.fixtures';

// A Calais-like case recorded through the real command path (handleCommand and the domain's
// deciders) on the store the test gives. The order of the Lille administrative court (référé
// n° 1705379, 26 June 2017), upheld by the Conseil d'État on 31 July 2017, notified (an input of
// the data set) on 28 June 2017: deadline 8 July 2017, €100 a day.

export const ACTOR = { sub: 'officer-62', role: 'officer' } as const;
const metadata: CommandMetadata = { now: '2018-01-15T10:00:00Z', actor: ACTOR, correlationId: 'calais-report' };

/** Runs one command of a decider on its stream, as a handler does. */
const decide = async (store: EventStore, stream: string, command: MandateCommand | ComplianceCaseCommand) => {
  const options = { metadata: { actor: ACTOR, correlationId: metadata.correlationId } };
  return stream.startsWith('compliance_case-')
    ? handleCommand(store, complianceCaseDecider, stream, command as ComplianceCaseCommand, options)
    : handleCommand(store, mandateDecider, stream, command as MandateCommand, options);
};

const grant = (mandateId: string, reference: string, missionType: MissionType, start: string, end: string, indicator = 'people_served'): MandateGrant => ({
  ...maraudeGrant,
  mandateId,
  instrument: { kind: 'annual_agreement', reference, decisionDate: start, signatureDate: start },
  missions: [{ type: missionType, indicators: [{ name: indicator, unit: 'persons', target: 100, kind: 'count' }] }],
  period: { start, end },
});

export interface CalaisScenario {
  readonly caseId: string;
  readonly mandates: { readonly maraude: string; readonly water1: string; readonly water2: string; readonly latrines: string; readonly showers: string };
  /** The recordedAt of the last event before the retroactive suspension: the record as it stood then. */
  readonly beforeRetroactive: string;
  /** Global positions of the retroactive suspension and its reinstatement. */
  readonly retroactivePositions: readonly bigint[];
}

/** Who brought the référé, and against whom. */
export const PARTIES = { applicants: ["L'Auberge des migrants", 'Utopia 56'], defendants: ['Préfet du Pas-de-Calais', 'Commune de Calais'] };

/** Text with a comma and quotes, as an order's verbatim text may be: CSV must quote it. */
export const WATER_TEXT = 'créer plusieurs points d\'eau "facilement accessibles", pour boire, se laver et laver leurs vêtements';

/** Waits (for at most a millisecond) until the clock has passed `instant`, so the next event is recorded after it. */
const clockPast = (instant: string) => {
  const limit = Date.parse(instant);
  while (Date.now() <= limit) {
    // recordedAt has millisecond precision: a later append must not share this one's millisecond.
  }
};

/**
 * Five obligations: the outreach (one mandate, suspended 2–8 October, an activity report), water
 * (two overlapping mandates), latrines (a mandate in effect before the notification), showers (a
 * mandate suspended 6–12 November by decisions recorded last, after `beforeRetroactive`), and
 * departures (no measure).
 */
export const recordCalaisScenario = async (store: EventStore): Promise<CalaisScenario> => {
  const caseId = randomUUID();
  const mandates = { maraude: randomUUID(), water1: randomUUID(), water2: randomUUID(), latrines: randomUUID(), showers: randomUUID() };
  const onCase = { complianceCaseId: caseId };
  const operator = { status: 'registered' } as const;
  const grants: [string, MandateGrant][] = [
    [mandates.maraude, { ...maraudeGrant, mandateId: mandates.maraude }],
    [mandates.water1, grant(mandates.water1, 'CONV-2017-62-021', 'WATER_ACCESS', '2017-08-01', '2017-09-30')],
    [mandates.water2, grant(mandates.water2, 'CONV-2017-62-033', 'WATER_ACCESS', '2017-09-15', '2017-12-31')],
    [mandates.latrines, grant(mandates.latrines, 'AP-2017-62-LAT', 'LATRINES', '2017-06-20', '2017-12-31')],
    [mandates.showers, grant(mandates.showers, 'CONV-2017-62-040', 'SHOWERS', '2017-09-08', '2017-12-31')],
  ];
  for (const [id, data] of grants) await decide(store, mandateStreamName(id), { type: 'GrantMandate', data, operator, subsidies: [], metadata });
  const maraude = mandateStreamName(mandates.maraude);
  await decide(store, maraude, {
    type: 'ReportMandateActivity',
    data: { mandateId: mandates.maraude, periodStart: '2017-08-01', periodEnd: '2017-08-31', indicators: [{ name: 'minors_found', value: 143 }], staff: { salariedFte: 6 } },
    metadata,
  });
  await decide(store, maraude, { type: 'SuspendMandate', data: { mandateId: mandates.maraude, effectiveFrom: '2017-10-02', reason: 'staff safety', decisionReference: 'AP-2017-1004' }, metadata });
  await decide(store, maraude, { type: 'ReinstateMandate', data: { mandateId: mandates.maraude, effectiveFrom: '2017-10-09', decisionReference: 'AP-2017-1011' }, metadata });

  const stream = complianceCaseStreamName(caseId);
  const obligation = (obligationId: string, article: string, missionType: MissionType, text?: string) =>
    addObligation({ ...onCase, obligationId, article, missionType, ...(text && { text }) });
  const commands: ComplianceCaseCommand[] = [
    openCase({ ...onCase, parties: PARTIES }),
    obligation('art-2-maraude', 'art. 2', 'MARAUDE_MINORS'),
    obligation('art-3-eau', 'art. 3', 'WATER_ACCESS', WATER_TEXT),
    obligation('art-4-latrines', 'art. 4', 'LATRINES', 'installer des latrines'),
    obligation('art-5-douches', 'art. 5', 'SHOWERS', 'organiser un accès adapté à des douches'),
    obligation('art-6-departs', 'art. 6', 'DEPARTURES_RECEPTION_CENTRES', 'organiser des départs vers les centres d’accueil'),
    recordNotification(onCase),
    recordAppeal(onCase),
    linkMeasure({ ...onCase, obligationId: 'art-2-maraude', mandateId: mandates.maraude, effectiveFrom: '2017-07-27' }),
    linkMeasure({ ...onCase, obligationId: 'art-3-eau', mandateId: mandates.water1, effectiveFrom: '2017-08-01' }),
    linkMeasure({ ...onCase, obligationId: 'art-3-eau', mandateId: mandates.water2, effectiveFrom: '2017-09-15' }),
    linkMeasure({ ...onCase, obligationId: 'art-4-latrines', mandateId: mandates.latrines, effectiveFrom: '2017-06-26' }),
    linkMeasure({ ...onCase, obligationId: 'art-5-douches', mandateId: mandates.showers, effectiveFrom: '2017-09-08' }),
    attachEvidence({ ...onCase, obligationId: 'art-2-maraude' }),
  ];
  for (const command of commands) await decide(store, stream, command);

  const [last] = await store.readStream(stream, { direction: 'backwards', maxCount: 1 });
  const beforeRetroactive = last.recordedAt;
  clockPast(beforeRetroactive);
  const showers = mandateStreamName(mandates.showers);
  const suspended = await decide(store, showers, {
    type: 'SuspendMandate',
    data: { mandateId: mandates.showers, effectiveFrom: '2017-11-06', reason: 'water supply cut', decisionReference: 'AP-2017-1106' },
    metadata: { ...metadata, now: new Date().toISOString() },
  });
  const reinstated = await decide(store, showers, {
    type: 'ReinstateMandate',
    data: { mandateId: mandates.showers, effectiveFrom: '2017-11-13', decisionReference: 'AP-2017-1113' },
    metadata: { ...metadata, now: new Date().toISOString() },
  });
  return { caseId, mandates, beforeRetroactive, retroactivePositions: [suspended.position, reinstated.position] };
};

/**
 * The figures of the scenario over 26 June – 31 December 2017, by obligation, as known now. Notified
 * on 28 June with 10 days: the last day to comply is 8 July, days late count from 9 July.
 * - outreach: 9–26 July (18 days) and the suspension of 2–8 October (7): 25 days, €2,500;
 * - water: 9–31 July, before the first mandate of 1 August: 23 days;
 * - latrines: a mandate in effect since 20 June, linked from 26 June: none;
 * - showers: 9 July – 7 September (23 + 31 + 7 = 61) and the retroactive suspension of 6–12 November (7): 68;
 * - departures: nothing linked, 9 July – 31 December: 176 days.
 */
export const EXPECTED = {
  'art-2-maraude': { deadline: '2017-07-08', firstMeasureInEffectOn: '2017-07-27', daysLate: 25, penaltyExposureCents: 250_000, status: 'implemented_late' },
  'art-3-eau': { deadline: '2017-07-08', firstMeasureInEffectOn: '2017-08-01', daysLate: 23, penaltyExposureCents: 230_000, status: 'implemented_late' },
  'art-4-latrines': { deadline: '2017-07-08', firstMeasureInEffectOn: '2017-06-26', daysLate: 0, penaltyExposureCents: 0, status: 'implemented' },
  'art-5-douches': { deadline: '2017-07-08', firstMeasureInEffectOn: '2017-09-08', daysLate: 68, penaltyExposureCents: 680_000, status: 'implemented_late' },
  'art-6-departs': { deadline: '2017-07-08', firstMeasureInEffectOn: null, daysLate: 176, penaltyExposureCents: 1_760_000, status: 'not_started' },
} as const;

/** The sum of the above: 292 days at €100. */
export const EXPECTED_TOTAL_CENTS = 2_920_000;

export const PERIOD = { from: '2017-06-26', to: '2017-12-31' } as const;
