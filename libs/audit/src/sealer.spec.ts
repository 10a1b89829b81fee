import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '@mandate-ledger/event-store/sqlite/sqlite.event-store';
import { AuditLog } from './audit-log';
import { eventLeafHash } from './leaf';
import { rootOf } from './merkle-tree';
import { AuditSealer } from './sealer';
import { SQL_LOG_START, verifyLog } from './log-verifier';
import { SqliteAuditStore } from './sqlite/sqlite.audit-store';
import { specKeys, thingHappened } from './testing/spec-log';

const ORIGIN = 'mandate-ledger/sealer-spec';
const { signer, verifier } = specKeys(ORIGIN);

describe('the sealer and the verifier on a SQLite log', () => {
  let dir: string;
  let events: SqliteEventStore;
  let audit: SqliteAuditStore;
  const append = async (count: number) => {
    for (let i = 0; i < count; i++) await events.appendToStream(`thing-${randomUUID()}`, [thingHappened(i)], 'no_stream');
  };
  const verify = (externalCheckpoints: string[] = []) => verifyLog({ log: events, audit, verifier, externalCheckpoints, readFrom: SQL_LOG_START });

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'ml-sealer-'));
    events = SqliteEventStore.open({ path: join(dir, 'log.db') });
    audit = SqliteAuditStore.open(events.database, { guardEvents: true });
  });
  afterEach(async () => {
    await events.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('verifies an empty log', async () => {
    expect(await verify()).toMatchObject({ ok: true, events: 0, sealed: 0, checkpoints: 0, root: rootOf([]) });
  });

  it('seals, for a call made during a run, what was appended before that call', async () => {
    await append(5);
    // The first run reads the log as it stands, then is held until the appends below are made.
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    const log = {
      readAll: async (options?: { after?: bigint; maxCount?: number }) => {
        const batch = await events.readAll(options);
        await held;
        return batch;
      },
    };
    const sealer = new AuditSealer(log, audit, { batchSize: 2 });
    const first = sealer.sealAvailable();
    await append(3);
    const second = sealer.sealAvailable();
    expect(sealer.sealAvailable()).toBe(second);
    release();
    expect((await second)?.treeSize).toBe(8);
    expect((await first)?.treeSize).toBeGreaterThanOrEqual(5);
    await sealer.whenIdle();
  });

  it('comes to rest while writers keep appending, having sealed what was readable when called', async () => {
    await append(5);
    // A writer appends one event each time the sealer reads a batch of two: the log never stops growing.
    const log = {
      readAll: async (options?: { after?: bigint; maxCount?: number }) => {
        const batch = await events.readAll(options);
        await append(1);
        return batch;
      },
    };
    const state = await new AuditSealer(log, audit, { batchSize: 2 }).sealAvailable();
    expect(state?.treeSize).toBeGreaterThanOrEqual(5);
    expect((await events.readAll({ after: state?.sealedPosition })).length).toBeGreaterThan(0);
    expect((await verify()).ok).toBe(true);
  });

  it('resumes from the stored frontier, as after a restart, into the same tree', async () => {
    await append(21);
    await new AuditSealer(events, audit, { batchSize: 4 }).sealAvailable();
    await append(12);
    const state = await new AuditSealer(events, audit, { batchSize: 5 }).sealAvailable();
    const log = await events.readAll();
    expect(state?.treeSize).toBe(33);
    expect(rootOf(log.map(eventLeafHash))).toEqual(rootOf((await audit.readLeaves(0, 100)).map((l) => l.hash)));
    expect((await verify()).ok).toBe(true);
  });

  it('hashes on the events appended since the last seal, and compares them with a checkpoint held outside', async () => {
    await append(10);
    await new AuditSealer(events, audit).sealAvailable();
    const held = (await new AuditLog(audit, { signer }).checkpoint())!.checkpoint.note;
    await append(4);
    expect(await verify([held])).toMatchObject({ ok: true, events: 14, sealed: 10, checkpoints: 1, externalCheckpoints: 1 });
  });

  it('refuses a held checkpoint signed by another key', async () => {
    await append(3);
    await new AuditSealer(events, audit).sealAvailable();
    const stranger = new AuditLog(audit, { signer: { name: ORIGIN, privateKey: generateKeyPairSync('ed25519').privateKey } });
    const note = (await stranger.checkpoint())!.checkpoint.note;
    expect((await verify([note])).failure).toMatchObject({ kind: 'BAD_SIGNATURE', detail: expect.stringContaining('held outside the database') });
  });
});
