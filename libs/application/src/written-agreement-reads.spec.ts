import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import type { EventStore } from '@mandate-ledger/event-store';
import { SqliteEventStore } from '@mandate-ledger/event-store/sqlite/sqlite.event-store';
import { maraudeGrant } from '../../domain/src/testing/mandate.fixtures';
import { laVieActive } from '../../domain/src/testing/operator.fixtures';
import { CommandRunner } from './command-runner';
import type { CommandContext } from './command-context';
import { scanLogForOperatorMandates } from './operator-subsidies';

// Which decisions read the operator's other mandates: only those the written-agreement rule checks.
// A lookup that counts its calls stands for the board; the store is SQLite in a temp folder.

const context: CommandContext = { actor: { sub: 'agent-62', role: 'officer', departements: ['62'] }, now: '2017-09-01T08:00:00.000Z', correlationId: 'c' };
const operatorId = 'op-la-vie-active';

describe('the reads of the written-agreement rule', () => {
  let dir: string;
  let store: EventStore;
  let lookups: string[];
  let runner: CommandRunner;

  const grant = async (instrument: Record<string, unknown>, amountCents: number) => {
    const mandateId = randomUUID();
    await runner.run(
      { type: 'GrantMandate', data: { ...structuredClone(maraudeGrant), mandateId, operatorId, instrument, financing: { ...maraudeGrant.financing, amountCents } } as never },
      context,
    );
    return mandateId;
  };
  const agreement = (reference: string) => ({ kind: 'annual_agreement', reference, decisionDate: '2017-07-27', signatureDate: '2017-07-27' });
  const order = (reference: string) => ({ kind: 'attribution_order', reference, decisionDate: '2017-09-01' });

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ml-written-agreement-'));
    store = SqliteEventStore.open({ path: join(dir, 'events.db') });
    lookups = [];
    runner = new CommandRunner(store, {
      writtenAgreementThresholdCents: 2_300_000,
      operatorMandates: (id, events) => {
        lookups.push(id);
        return scanLogForOperatorMandates(id, events);
      },
    });
    await runner.run({ type: 'RegisterOperator', data: { ...structuredClone(laVieActive), operatorId } as never }, context);
  });

  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('grants conventions and amends their financing without reading the operator’s other mandates', async () => {
    const first = await grant(agreement('CONV-2017-62-014'), 12_000_000);
    await grant(agreement('CONV-2017-62-015'), 9_000_000);
    await runner.run(
      { type: 'AmendMandate', data: { mandateId: first, effectiveFrom: '2017-10-01', decisionReference: 'CONV-2017-62-014-AV1', changes: { financing: { ...maraudeGrant.financing, amountCents: 13_000_000 } } } as never },
      context,
    );
    expect(lookups).toEqual([]);
  });

  it('reads them for an attribution order, and counts the conventions among them', async () => {
    await grant(agreement('CONV-2017-62-014'), 12_000_000);
    await expect(grant(order('AP-2017-0901'), 100_000)).rejects.toMatchObject({ code: 'WRITTEN_AGREEMENT_REQUIRED', details: expect.objectContaining({ totalCents: 12_100_000 }) });
    expect(lookups).toEqual([operatorId]);
  });
});
