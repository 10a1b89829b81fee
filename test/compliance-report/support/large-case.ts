import { randomUUID } from 'node:crypto';
import {
  type CommandMetadata,
  type ComplianceCaseCommand,
  complianceCaseDecider,
  complianceCaseStreamName,
  type Decider,
  MISSION_TYPES,
  type MandateCommand,
  mandateDecider,
  mandateStreamName,
  type MissionType,
} from '@mandate-ledger/domain';
import type { EventMetadata, EventStore, JsonObject } from '@mandate-ledger/event-store';
import { addObligation, linkMeasure, openCase, recordNotification } from '../../../libs/domain/src/testing/compliance-case.fixtures';
import { maraudeGrant } from '../../../libs/domain/src/testing/mandate.fixtures';

// A large compliance case for the report benchmark and the test that the API keeps answering while
// its report renders: decider-produced events, appended in batches (fast to load).

const metadata: CommandMetadata = { now: '2020-01-15T10:00:00Z', actor: { sub: 'bench', role: 'admin' }, correlationId: 'bench-report' };
const eventMetadata: EventMetadata = { actor: metadata.actor, correlationId: metadata.correlationId };

export interface LargeCaseOptions {
  readonly obligations: number;
  readonly eventsPerMandate: number;
  readonly progress?: (done: number, total: number) => void;
}

/** Decides commands in turn on one stream's state and appends what they decided in one go: decider-produced, fast to load. */
const appendDecided = async <Command, State, Event extends { type: string; schemaVersion: number; data: object }>(
  store: EventStore,
  decider: Decider<Command, Event, State>,
  stream: string,
  commands: readonly Command[],
): Promise<void> => {
  let state = decider.initialState();
  const events: Event[] = [];
  for (const command of commands) {
    for (const event of decider.decide(command, state)) {
      state = decider.evolve(state, event);
      events.push(event);
    }
  }
  const toAppend = events.map((e) => ({ id: randomUUID(), type: e.type, schemaVersion: e.schemaVersion, data: e.data as JsonObject, metadata: eventMetadata }));
  for (let i = 0; i < toAppend.length; i += 1000) await store.appendToStream(stream, toAppend.slice(i, i + 1000), i === 0 ? 'no_stream' : BigInt(i - 1));
};

const day = (start: string, days: number) => new Date(Date.parse(`${start}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/**
 * A case with `obligations` obligations, each implemented by its own mandate of `eventsPerMandate`
 * events: a grant, a suspension and its reinstatement, then weekly activity reports.
 */
export const recordLargeCase = async (store: EventStore, { obligations, eventsPerMandate, progress }: LargeCaseOptions): Promise<string> => {
  const caseId = randomUUID();
  const onCase = { complianceCaseId: caseId };
  const caseCommands: ComplianceCaseCommand[] = [openCase(onCase)];
  const links: ComplianceCaseCommand[] = [];
  for (let i = 0; i < obligations; i++) {
    const mandateId = randomUUID();
    const missionType: MissionType = MISSION_TYPES[i % MISSION_TYPES.length];
    const start = day('2017-07-01', i % 60);
    const commands: MandateCommand[] = [
      {
        type: 'GrantMandate',
        data: {
          ...maraudeGrant,
          mandateId,
          instrument: { kind: 'multi_year_agreement', reference: `CPO-2017-62-${String(i).padStart(3, '0')}`, decisionDate: start, signatureDate: start },
          missions: [{ type: missionType, indicators: [{ name: 'people_served', unit: 'persons', target: 100 }] }],
          period: { start, end: '2019-12-31' },
        },
        operator: { status: 'registered' },
        subsidies: [],
        metadata,
      },
      { type: 'SuspendMandate', data: { mandateId, effectiveFrom: day(start, 30), reason: 'bench', decisionReference: `S-${i}` }, metadata },
      { type: 'ReinstateMandate', data: { mandateId, effectiveFrom: day(start, 37), decisionReference: `R-${i}` }, metadata },
    ];
    for (let week = 0; commands.length < eventsPerMandate; week++) {
      commands.push({
        type: 'ReportMandateActivity',
        data: { mandateId, periodStart: day(start, week * 7), periodEnd: day(start, week * 7 + 6), indicators: [{ name: 'people_served', value: 10 + (week % 7) }], staff: { salariedFte: 3 } },
        metadata,
      });
    }
    await appendDecided(store, mandateDecider, mandateStreamName(mandateId), commands);
    const obligationId = `art-${i + 1}`;
    caseCommands.push(addObligation({ ...onCase, obligationId, article: `art. ${i + 1}`, missionType }));
    links.push(linkMeasure({ ...onCase, obligationId, mandateId, effectiveFrom: day(start, 5) }));
    progress?.(i + 1, obligations);
  }
  await appendDecided(store, complianceCaseDecider, complianceCaseStreamName(caseId), [...caseCommands, recordNotification(onCase), ...links]);
  return caseId;
};

