import { randomUUID } from 'node:crypto';
import type { EventStore, EventToAppend } from '@mandate-ledger/event-store';
import { AuditLog } from '../audit-log';
import { type AuditStore, SealConflictError } from '../audit-store.port';
import { eventLeafHash } from '../leaf';
import { inclusionProof, nodeReaderFromLeaves, rootOf } from '../merkle-tree';
import { AuditSealer } from '../sealer';
import { nodeKeyOf } from '../stored-tree';
import { TreeBuilder } from '../tree-builder';

/** One empty database with an event store and an audit store on it. */
export interface AuditStoreFixture {
  /** The event store of that database, without upcasters. */
  readonly events: EventStore;
  readonly audit: AuditStore;
  /** A second audit store on the same database, as another process would open it. */
  openAnotherAudit(): Promise<AuditStore>;
  /** Runs SQL on the database as its owner, bypassing the stores. */
  exec(sql: string): Promise<void>;
  close(): Promise<void>;
}

export interface AuditStoreContractSetup {
  /** A fresh, empty database for each test. */
  open(): Promise<AuditStoreFixture>;
  /** Whether a second store is kept from sealing while the first holds the sealer lock (PostgreSQL). */
  readonly exclusiveSealer: boolean;
  dispose?(): Promise<void>;
}

const actor = { sub: 'audit-contract', role: 'admin' } as const;

const anEvent = (index: number): EventToAppend => ({
  id: randomUUID(),
  type: 'ThingHappened',
  schemaVersion: 1,
  data: { index, label: `thing ${index}` },
  metadata: { actor, correlationId: randomUUID() },
});

/**
 * Resolves once the event at `position` is readable from the global log. On PostgreSQL an append
 * becomes readable only when every older transaction in the cluster has ended (see
 * docs/postgres-global-order.md), which other suites' writers can delay by a few milliseconds.
 */
export const untilReadable = async (events: EventStore, position: bigint): Promise<void> => {
  const done = new AbortController();
  try {
    for await (const event of events.subscribeToAll({ after: position - 1n, signal: done.signal })) if (event.position >= position) return;
  } finally {
    done.abort();
  }
};

/** Appends `count` events over three streams, one or two per append, and waits until they are readable. */
const appendEvents = async (events: EventStore, count: number): Promise<void> => {
  const streams = [`thing-${randomUUID()}`, `thing-${randomUUID()}`, `other-${randomUUID()}`];
  let last = 0n;
  for (let i = 0; i < count; ) {
    const size = Math.min(count - i, 1 + (i % 2));
    last = (await events.appendToStream(
      streams[i % 3],
      Array.from({ length: size }, (_, k) => anEvent(i + k)),
      'any',
    )).position;
    i += size;
  }
  await untilReadable(events, last);
};

const wholeLog = async (events: EventStore) => {
  const all = [];
  for (let batch = await events.readAll(); batch.length > 0; batch = await events.readAll({ after: batch[batch.length - 1].position })) all.push(...batch);
  return all;
};

/**
 * The message a refused statement fails with. Read from the error rather than with `rejects.toThrow`:
 * better-sqlite3 builds its errors with the class of the first jest test file that loaded it in
 * the worker, which the matchers of a later file do not take for an error.
 */
export const refusalOf = (work: Promise<unknown>): Promise<string | undefined> =>
  work.then(
    () => undefined,
    (error: unknown) => String((error as { message?: unknown }).message),
  );

/** The audit store suite, run unchanged against every adapter. */
export const describeAuditStoreContract = (adapter: string, setup: () => AuditStoreContractSetup): void => {
  describe(`${adapter} audit store (contract)`, () => {
    const config = setup();
    let fixture: AuditStoreFixture;
    beforeEach(async () => (fixture = await config.open()));
    afterEach(() => fixture.close());
    afterAll(() => config.dispose?.());

    it('starts with an empty tree and no checkpoint', async () => {
      expect(await fixture.audit.sealState()).toEqual({ treeSize: 0, frontier: { size: 0, hashes: [] } });
      expect(await fixture.audit.latestCheckpoint()).toBeUndefined();
      expect(await fixture.audit.readLeaves(0, 10)).toEqual([]);
    });

    it('seals every event of the log as one leaf per event, in log order', async () => {
      await appendEvents(fixture.events, 40);
      const state = await new AuditSealer(fixture.events, fixture.audit, { batchSize: 7 }).sealAvailable();
      const log = await wholeLog(fixture.events);
      const hashes = log.map(eventLeafHash);
      expect(state).toMatchObject({ treeSize: 40, sealedPosition: log[39].position });
      expect(await fixture.audit.sealState()).toEqual(state);
      const leaves = await fixture.audit.readLeaves(0, 100);
      expect(leaves.map((l) => [l.leafIndex, l.position])).toEqual(log.map((e, i) => [i, e.position]));
      expect(leaves.map((l) => l.hash)).toEqual(hashes);
      expect(await fixture.audit.leafAt(log[17].position)).toEqual(leaves[17]);
      expect(await fixture.audit.findLeafByHash(hashes[23])).toEqual(leaves[23]);
      const tree = new TreeBuilder();
      hashes.forEach((hash) => tree.append(hash));
      expect(tree.frontier).toEqual(state!.frontier);
      expect(rootOf(hashes)).toEqual(tree.root());
    });

    it('stores the nodes a proof needs, and serves the same proofs as the whole tree in memory', async () => {
      await appendEvents(fixture.events, 70);
      await new AuditSealer(fixture.events, fixture.audit, { batchSize: 9 }).sealAvailable();
      const hashes = (await fixture.audit.readLeaves(0, 100)).map((l) => l.hash);
      const memory = nodeReaderFromLeaves(hashes);
      expect(await fixture.audit.readNodes(4, 0, 10)).toEqual([0, 1, 2, 3].map((index) => ({ level: 4, index, hash: memory(4, index) })));
      expect(await fixture.audit.readNodes(2, 0, 10)).toEqual([]);
      const found = await fixture.audit.readNodeHashes([
        { level: 0, index: 69 },
        { level: 5, index: 1 },
        { level: 6, index: 0 },
        { level: 3, index: 0 },
      ]);
      expect([...found.keys()].sort()).toEqual([nodeKeyOf(0, 69), nodeKeyOf(5, 1), nodeKeyOf(6, 0)].sort());
      expect(found.get(nodeKeyOf(6, 0))).toEqual(memory(6, 0));

      const log = new AuditLog(fixture.audit);
      await fixture.audit.saveCheckpoint({ treeSize: 70, rootHash: rootOf(hashes), note: 'note\n', signedAt: new Date().toISOString() });
      const leaf = (await fixture.audit.readLeaves(37, 1))[0];
      const proof = await log.inclusionProof(leaf.position);
      expect(proof.auditPath).toEqual(inclusionProof(37, 70, memory));
    });

    it('refuses a batch that does not start where the stored tree ends, and writes nothing of it', async () => {
      await appendEvents(fixture.events, 5);
      const sealer = new AuditSealer(fixture.events, fixture.audit);
      await sealer.sealAvailable();
      const before = await fixture.audit.sealState();
      const stale = { fromSize: 3, leaves: [{ leafIndex: 3, position: 10_000_000n, hash: Buffer.alloc(32, 7) }], nodes: [], frontier: new TreeBuilder().frontier };
      await expect(fixture.audit.seal({ ...stale, frontier: { size: 4, hashes: [Buffer.alloc(32)] } })).rejects.toBeInstanceOf(SealConflictError);
      expect(await fixture.audit.sealState()).toEqual(before);
      expect(await fixture.audit.readLeaves(0, 100)).toHaveLength(5);
    });

    it('writes nothing of a batch that fails half-way', async () => {
      await appendEvents(fixture.events, 3);
      await new AuditSealer(fixture.events, fixture.audit).sealAvailable();
      const before = await fixture.audit.sealState();
      const [first] = await fixture.audit.readLeaves(0, 1);
      const tree = new TreeBuilder(before.frontier);
      tree.append(Buffer.alloc(32, 1));
      tree.append(Buffer.alloc(32, 2));
      const leaves = [
        { leafIndex: 3, position: 10_000_000n, hash: Buffer.alloc(32, 1) },
        { leafIndex: 4, position: 10_000_001n, hash: Buffer.alloc(32, 2) },
      ];
      // The same node twice: its key refuses the second row, after the leaves were written.
      const node = { level: 4, index: 0, hash: first.hash };
      await fixture.audit.seal({ fromSize: 3, leaves, nodes: [node, node], frontier: tree.frontier }).then(
        () => {
          throw new Error('the batch was accepted');
        },
        (error: unknown) => expect(error).not.toBeInstanceOf(SealConflictError),
      );
      expect(await fixture.audit.sealState()).toEqual(before);
      expect(await fixture.audit.readLeaves(0, 100)).toHaveLength(3);
      expect(await fixture.audit.leafAt(10_000_000n)).toBeUndefined();
    });

    it('keeps the first checkpoint of a size and returns it to a second signer', async () => {
      const first = { treeSize: 5, rootHash: Buffer.alloc(32, 1), note: 'first\n', signedAt: '2025-01-01T00:00:00.000Z' };
      expect(await fixture.audit.saveCheckpoint(first)).toEqual(first);
      expect(await fixture.audit.saveCheckpoint({ ...first, note: 'second\n', signedAt: '2025-01-02T00:00:00.000Z' })).toEqual(first);
      await fixture.audit.saveCheckpoint({ ...first, treeSize: 9, note: 'nine\n' });
      await fixture.audit.saveCheckpoint({ ...first, treeSize: 12, note: 'twelve\n' });
      expect((await fixture.audit.latestCheckpoint())?.treeSize).toBe(12);
      expect((await fixture.audit.checkpointAt(9))?.note).toBe('nine\n');
      expect(await fixture.audit.checkpointAt(10)).toBeUndefined();
      expect((await fixture.audit.readCheckpoints(5, 12, 10)).map((c) => c.treeSize)).toEqual([9, 12]);
      expect((await fixture.audit.readCheckpoints(0, 9, 1)).map((c) => c.treeSize)).toEqual([5]);
    });

    it.each(['events', 'audit_leaves', 'audit_nodes', 'audit_seals', 'audit_checkpoints'])('refuses UPDATE and DELETE on %s', async (table) => {
      await appendEvents(fixture.events, 20);
      await new AuditSealer(fixture.events, fixture.audit).sealAvailable();
      await fixture.audit.saveCheckpoint({ treeSize: 20, rootHash: Buffer.alloc(32), note: 'n\n', signedAt: 'now' });
      const column = { events: 'type', audit_leaves: 'leaf_hash', audit_nodes: 'hash', audit_seals: 'frontier', audit_checkpoints: 'note' }[table];
      expect(await refusalOf(fixture.exec(`UPDATE ${table} SET ${column} = ${column}`))).toMatch(/append-only/);
      expect(await refusalOf(fixture.exec(`DELETE FROM ${table}`))).toMatch(/append-only/);
    });

    it('lets two sealers follow one log into one tree', async () => {
      const other = await fixture.openAnotherAudit();
      try {
        const sealers = [new AuditSealer(fixture.events, fixture.audit, { batchSize: 3 }), new AuditSealer(fixture.events, other, { batchSize: 4 })];
        for (let round = 0; round < 5; round++) {
          await appendEvents(fixture.events, 11);
          await Promise.all(sealers.map((s) => s.sealAvailable()));
        }
        await sealers[0].sealAvailable();
        const log = await wholeLog(fixture.events);
        const leaves = await fixture.audit.readLeaves(0, 100);
        expect(leaves.map((l) => l.hash)).toEqual(log.map(eventLeafHash));
        expect((await fixture.audit.sealState()).treeSize).toBe(55);
      } finally {
        await other.close();
      }
    });

    if (config.exclusiveSealer) {
      it('keeps a second sealer out until the first closes', async () => {
        const other = await fixture.openAnotherAudit();
        try {
          expect(await fixture.audit.tryBecomeSealer()).toBe(true);
          expect(await other.tryBecomeSealer()).toBe(false);
          await fixture.audit.close();
          expect(await other.tryBecomeSealer()).toBe(true);
        } finally {
          await other.close();
        }
      });
    }
  });
};
