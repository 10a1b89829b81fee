import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EventStore, EventToAppend, StoredEvent } from '@mandate-ledger/event-store';
import { refusalOf, untilReadable } from '../../../libs/audit/src/testing/audit-store.contract';
import {
  addCheckpointRequestFor,
  AuditLog,
  AuditSealer,
  type AuditStore,
  type CosignerVerifier,
  eventLeafHash,
  FileWitnessState,
  formatCosignerKey,
  parseCosignerKey,
  Witness,
  WitnessError,
  formatVerifierKey,
  type LogVerification,
  type NoteSigner,
  parseVerifierKey,
  verifyLog,
} from '@mandate-ledger/audit';

/** One fresh database holding events and their tree, reached as its owner would. */
export interface TamperDatabase {
  /** The event store, without upcasters. */
  readonly events: EventStore;
  readonly audit: AuditStore;
  /** Runs SQL with `?` placeholders as the database owner, past the stores. */
  sql(text: string, params?: unknown[]): Promise<Record<string, unknown>[]>;
  close(): Promise<void>;
}

/** What differs between SQL dialects in the attacks. */
export interface TamperDialect {
  /** A column read as text (PostgreSQL casts jsonb and timestamptz). */
  asText(column: string): string;
  /** Statements that drop the append-only triggers. */
  readonly dropGuards: readonly string[];
  /**
   * Inserts a forged event inside the sealed log, where the store leaves room or by moving later
   * events, and returns its position.
   */
  insertForged(db: TamperDatabase, log: readonly StoredEvent[], row: EventRow): Promise<bigint>;
}

export interface TamperSetup {
  /** A fresh, empty database for each attack. */
  open(): Promise<TamperDatabase>;
  readonly dialect: TamperDialect;
  dispose?(): Promise<void>;
}

/** An events row as text, to put back in another place. */
export interface EventRow {
  position: bigint;
  id: string;
  stream: string;
  revision: bigint;
  type: string;
  schema_version: number;
  data: string;
  metadata: string;
  recorded_at: string;
}

const ORIGIN = 'mandate-ledger/tamper-test';
const { privateKey } = generateKeyPairSync('ed25519');
const signer: NoteSigner = { name: ORIGIN, privateKey };
const vkey = formatVerifierKey({ name: ORIGIN, publicKey: privateKey });
const verifier = { name: ORIGIN, publicKey: parseVerifierKey(vkey).publicKey };
const witnessKey = { name: 'witness.example/w1', privateKey: generateKeyPairSync('ed25519').privateKey };
const witnessVerifier = parseCosignerKey(formatCosignerKey(witnessKey.name, witnessKey.privateKey));

const STREAMS = ['mandate', 'mandate', 'mandate', 'operator', 'operator', 'compliance_case', 'mandate', 'operator'].map((c) => `${c}-${randomUUID()}`);

const anEvent = (i: number, variant = ''): EventToAppend => ({
  id: randomUUID(),
  type: i % 4 === 0 ? 'MandateActivityReported' : 'MandateAmended',
  schemaVersion: 1,
  data: {
    periodStart: '2017-09-01',
    indicators: [{ name: 'showers_per_week', value: 700 + (i % 50) }],
    note: `Calais, décision n° ${i}${variant}`,
  },
  metadata: { actor: { sub: `officer-${i % 3}`, role: 'officer' }, correlationId: randomUUID(), requestId: randomUUID() },
});

/** Appends `count` events over eight streams, one to three per append, and waits until they are readable. */
const appendEvents = async (events: EventStore, count: number, variant = ''): Promise<void> => {
  const streams = variant ? STREAMS.map((s) => `${s}${variant}`) : STREAMS;
  let last = 0n;
  for (let i = 0; i < count; ) {
    const size = Math.min(count - i, 1 + (i % 3));
    last = (await events.appendToStream(streams[i % streams.length], Array.from({ length: size }, (_, k) => anEvent(i + k, variant)), 'any')).position;
    i += size;
  }
  await untilReadable(events, last);
};

const wholeLog = async (events: EventStore): Promise<StoredEvent[]> => {
  const all: StoredEvent[] = [];
  for (let batch = await events.readAll(); batch.length > 0; batch = await events.readAll({ after: batch[batch.length - 1].position })) all.push(...batch);
  return all;
};

/** Seals what was appended and signs a checkpoint, as the server's timer does. */
const sealAndSign = async (db: TamperDatabase): Promise<string> => {
  await new AuditSealer(db.events, db.audit, { batchSize: 64 }).sealAvailable();
  const made = await new AuditLog(db.audit, { signer }).checkpoint();
  return made!.checkpoint.note;
};

/** 300 events in three rounds, each sealed and checkpointed: checkpoints at 100, 200 and 300. */
const buildLog = async (db: TamperDatabase): Promise<{ log: StoredEvent[]; notes: string[] }> => {
  const notes: string[] = [];
  for (let round = 0; round < 3; round++) {
    await appendEvents(db.events, 100);
    notes.push(await sealAndSign(db));
  }
  return { log: await wholeLog(db.events), notes };
};

const verify = (db: TamperDatabase, externalCheckpoints: string[] = [], witnesses: CosignerVerifier[] = []): Promise<LogVerification> =>
  verifyLog({ log: db.events, audit: db.audit, verifier, externalCheckpoints, witnesses, readFrom: -(2n ** 63n), batchSize: 50 });

/** Submits the stored checkpoint of `size` to `witness`, from the size it last cosigned, as the log's operator would. */
const submit = async (db: TamperDatabase, witness: Witness, size?: number): Promise<string> => {
  const checkpoint = size === undefined ? await db.audit.latestCheckpoint() : await db.audit.checkpointAt(size);
  const cosigned = await witness.state.latest(ORIGIN);
  return witness.addCheckpoint(await addCheckpointRequestFor(db.audit, checkpoint!, cosigned?.treeSize ?? 0));
};

const rowAt = async (db: TamperDatabase, dialect: TamperDialect, position: bigint): Promise<EventRow> => {
  const [row] = await db.sql(
    `SELECT position, id, stream, revision, type, schema_version, ${dialect.asText('data')} AS data, ${dialect.asText('metadata')} AS metadata,
            ${dialect.asText('recorded_at')} AS recorded_at FROM events WHERE position = ?`,
    [position],
  );
  return { ...(row as unknown as EventRow), position: BigInt(row.position as string), revision: BigInt(row.revision as string) };
};

export const insertRow = (db: TamperDatabase, row: EventRow): Promise<unknown> =>
  db.sql('INSERT INTO events (position, id, stream, revision, type, schema_version, data, metadata, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)', [
    row.position,
    row.id,
    row.stream,
    row.revision,
    row.type,
    row.schema_version,
    row.data,
    row.metadata,
    row.recorded_at,
  ]);

/** The text with the first digit after `from` replaced by another digit: one byte changed. */
const changeOneDigit = (text: string, from = 0): string => {
  const at = text.slice(from).search(/[0-9]/) + from;
  return text.slice(0, at) + String((Number(text[at]) + 1) % 10) + text.slice(at + 1);
};

/**
 * Every attack of issue 5 on a fresh copy of the same kind of log, by someone with the database
 * owner's rights (who drops the append-only triggers first): each must be detected by `verify`,
 * naming the exact position.
 */
export const describeTamperDetection = (adapter: string, setup: () => TamperSetup): void => {
  describe(`tampering with a ${adapter} log`, () => {
    const { open, dialect, dispose } = setup();
    let db: TamperDatabase;
    let log: StoredEvent[];
    let notes: string[];
    const attack = async (...statements: [string, unknown[]?][]) => {
      for (const statement of dialect.dropGuards) await db.sql(statement);
      for (const [text, params] of statements) await db.sql(text, params);
    };

    beforeEach(async () => {
      db = await open();
      ({ log, notes } = await buildLog(db));
    });
    afterEach(() => db.close());
    afterAll(() => dispose?.());

    it('verifies the untouched log: leaves, nodes, frontier, signatures, roots and consistency', async () => {
      const result = await verify(db, notes);
      expect(result).toMatchObject({ ok: true, events: 300, sealed: 300, checkpoints: 3, externalCheckpoints: 3 });
    });

    it('refuses the attacks while the append-only triggers are in place', async () => {
      expect(await refusalOf(db.sql('UPDATE events SET type = ? WHERE position = ?', ['Forged', log[5].position]))).toMatch(/append-only/);
      expect(await refusalOf(db.sql('DELETE FROM audit_leaves WHERE leaf_index = 5'))).toMatch(/append-only/);
    });

    it('names the event one byte of whose data was changed', async () => {
      const target = log[137];
      const row = await rowAt(db, dialect, target.position);
      await attack(['UPDATE events SET data = ? WHERE position = ?', [changeOneDigit(row.data, row.data.indexOf('value')), target.position]]);
      expect((await verify(db)).failure).toMatchObject({ kind: 'LEAF_MISMATCH', position: target.position, leafIndex: 137 });
    });

    it('names the event whose metadata was changed', async () => {
      const target = log[42];
      const row = await rowAt(db, dialect, target.position);
      const metadata = JSON.parse(row.metadata);
      metadata.actor.sub = 'someone-else';
      await attack(['UPDATE events SET metadata = ? WHERE position = ?', [JSON.stringify(metadata), target.position]]);
      expect((await verify(db)).failure).toMatchObject({ kind: 'LEAF_MISMATCH', position: target.position, leafIndex: 42 });
    });

    it('names the event that was deleted', async () => {
      await attack(['DELETE FROM events WHERE position = ?', [log[250].position]]);
      expect((await verify(db)).failure).toMatchObject({ kind: 'MISSING_EVENT', position: log[250].position, leafIndex: 250 });
    });

    it('names the first of two events whose contents were swapped', async () => {
      const [first, second] = [await rowAt(db, dialect, log[61].position), await rowAt(db, dialect, log[190].position)];
      await attack(['DELETE FROM events WHERE position IN (?, ?)', [first.position, second.position]]);
      await insertRow(db, { ...first, position: second.position });
      await insertRow(db, { ...second, position: first.position });
      expect((await verify(db)).failure).toMatchObject({
        kind: 'ORDER',
        position: log[61].position,
        leafIndex: 61,
        detail: expect.stringContaining(`${log[190].position} changed places`),
      });
    });

    it('names a forged event inserted into the sealed log', async () => {
      for (const statement of dialect.dropGuards) await db.sql(statement);
      const row: EventRow = { ...(await rowAt(db, dialect, log[99].position)), id: randomUUID(), stream: `mandate-${randomUUID()}`, revision: 0n };
      const forged = await dialect.insertForged(db, log, row);
      const result = await verify(db);
      expect(result.failure).toMatchObject({ kind: 'EXTRA_EVENT', position: forged });
      expect(forged).toBeLessThanOrEqual(log[299].position);
    });

    it('names the first rewritten position when the events were rolled back and rewritten, but not the tree', async () => {
      await attack(['DELETE FROM events WHERE position > ?', [log[99].position]]);
      await appendEvents(db.events, 120, '-rewritten');
      const failure = (await verify(db)).failure;
      // SQLite gives the rewritten events the freed positions, PostgreSQL new ones after them.
      expect(['LEAF_MISMATCH', 'MISSING_EVENT']).toContain(failure?.kind);
      expect(failure).toMatchObject({ position: log[100].position, leafIndex: 100 });
    });

    describe('when the events and the tree were rolled back to an older checkpoint, rewritten and resealed', () => {
      let rewritten: StoredEvent[];
      beforeEach(async () => {
        await attack(
          ['DELETE FROM events WHERE position > ?', [log[99].position]],
          ['DELETE FROM audit_leaves WHERE leaf_index >= 100'],
          ['DELETE FROM audit_nodes WHERE (idx + 1) * (1 << level) > 100'],
          ['DELETE FROM audit_seals WHERE tree_size > 100'],
          ['DELETE FROM audit_checkpoints WHERE tree_size > 100'],
        );
        // The attacker runs the server, whose key signs the rewritten tree.
        await appendEvents(db.events, 250, '-rewritten');
        await sealAndSign(db);
        rewritten = await wholeLog(db.events);
      });

      it('looks consistent from inside the database: the trust assumption', async () => {
        expect(await verify(db)).toMatchObject({ ok: true, events: 350, checkpoints: 2 });
      });

      it('is detected against the checkpoints held outside, naming the first rewritten position', async () => {
        expect((await verify(db, [notes[0], notes[2]])).failure).toMatchObject({
          kind: 'ROLLBACK',
          treeSize: 300,
          position: rewritten[100].position,
          detail: expect.stringContaining(`at or after position ${rewritten[100].position}`),
        });
      });

      it('is detected against the latest checkpoint held outside alone, which bounds the rewrite to its size', async () => {
        expect((await verify(db, [notes[2]])).failure).toMatchObject({ kind: 'ROLLBACK', treeSize: 300, position: rewritten[0].position });
      });
    });

    it('is detected when the log is shorter than a checkpoint held outside', async () => {
      await attack(
        ['DELETE FROM events WHERE position > ?', [log[149].position]],
        ['DELETE FROM audit_leaves WHERE leaf_index >= 150'],
        ['DELETE FROM audit_nodes WHERE (idx + 1) * (1 << level) > 150'],
        ['DELETE FROM audit_seals WHERE tree_size > 100'],
        ['DELETE FROM audit_checkpoints WHERE tree_size > 100'],
      );
      expect((await verify(db, [notes[0], notes[1]])).failure).toMatchObject({ kind: 'ROLLBACK', treeSize: 200, position: log[100].position });
    });

    it('catches a leaf rewritten to match a changed event by the stored tree above it', async () => {
      const target = log[37];
      const row = await rowAt(db, dialect, target.position);
      const data = changeOneDigit(row.data, row.data.indexOf('value'));
      const forgedLeaf = eventLeafHash({ ...target, data: JSON.parse(data) });
      await attack(['UPDATE events SET data = ? WHERE position = ?', [data, target.position]], ['UPDATE audit_leaves SET leaf_hash = ? WHERE leaf_index = 37', [forgedLeaf]]);
      // Leaves 32–47 form the stored node at level 4, index 2, completed by leaf 47.
      expect((await verify(db)).failure).toMatchObject({ kind: 'TREE_MISMATCH', leafIndex: 47, position: log[47].position });
    });

    describe('when the newest events were deleted with their leaves, seals and checkpoints', () => {
      let dir: string;
      let witness: Witness;
      beforeEach(async () => {
        dir = mkdtempSync(join(tmpdir(), 'ml-tamper-witness-'));
        witness = new Witness(witnessKey, [verifier], new FileWitnessState(join(dir, 'state.json'), formatCosignerKey(witnessKey.name, witnessKey.privateKey)));
        // The witness cosigned each checkpoint as it was signed: 100, 200, then 300.
        for (const size of [100, 200, 300]) await submit(db, witness, size);
        await attack(
          ['DELETE FROM events WHERE position > ?', [log[199].position]],
          ['DELETE FROM audit_leaves WHERE leaf_index >= 200'],
          ['DELETE FROM audit_nodes WHERE (idx + 1) * (1 << level) > 200'],
          ['DELETE FROM audit_seals WHERE tree_size > 200'],
          ['DELETE FROM audit_checkpoints WHERE tree_size > 200'],
        );
      });
      afterEach(() => rmSync(dir, { recursive: true, force: true }));

      it('looks whole from inside the database', async () => {
        expect(await verify(db)).toMatchObject({ ok: true, events: 200, sealed: 200, checkpoints: 2 });
      });

      it('is caught by verify with the witness, naming the size it cosigned', async () => {
        const cosigned = (await witness.state.latest(ORIGIN))!;
        expect((await verify(db, [cosigned.note], [witnessVerifier])).failure).toMatchObject({
          kind: 'ROLLBACK',
          treeSize: 300,
          detail: expect.stringContaining('The log holds 200 events, fewer than the checkpoint of size 300 cosigned by the witness witness.example/w1'),
        });
      });

      it('gets no cosignature for what the log signs next, and stays caught: the witness holds size 300', async () => {
        await appendEvents(db.events, 150, '-after');
        await sealAndSign(db);
        const refused = await submit(db, witness).catch((error: WitnessError) => error);
        expect(refused).toMatchObject({ status: 422, latestSize: 300 });
        const cosigned = (await witness.state.latest(ORIGIN))!;
        expect(cosigned.treeSize).toBe(300);
        expect((await verify(db, [cosigned.note], [witnessVerifier])).failure).toMatchObject({ kind: 'ROLLBACK', treeSize: 300, detail: expect.stringContaining('cosigned by the witness') });
      });

      it('refuses a checkpoint held outside that the witness did not cosign, when told to trust the witness', async () => {
        expect((await verify(db, [notes[2]], [witnessVerifier])).failure).toMatchObject({ kind: 'BAD_SIGNATURE', treeSize: 300, detail: expect.stringContaining('no cosignature of witness.example/w1') });
      });
    });

    it('names a stored checkpoint whose note was re-signed with another key', async () => {
      const stranger = { name: ORIGIN, privateKey: generateKeyPairSync('ed25519').privateKey };
      const [row] = await db.sql('SELECT note FROM audit_checkpoints WHERE tree_size = 200');
      const body = String(row.note).slice(0, String(row.note).indexOf('\n\n') + 1);
      const { signNote } = await import('@mandate-ledger/audit');
      await attack(['UPDATE audit_checkpoints SET note = ? WHERE tree_size = 200', [signNote(body, stranger)]]);
      expect((await verify(db)).failure).toMatchObject({ kind: 'BAD_SIGNATURE', treeSize: 200 });
    });
  });
};
