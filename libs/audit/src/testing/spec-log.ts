import { generateKeyPairSync, randomUUID } from 'node:crypto';
import type { EventToAppend } from '@mandate-ledger/event-store';
import { formatVerifierKey, parseVerifierKey } from '../signed-note';

/** A fresh Ed25519 signer of `origin` and the verifier key of its public half, for a spec's checkpoints. */
export const specKeys = (origin: string) => {
  const { privateKey } = generateKeyPairSync('ed25519');
  return {
    signer: { name: origin, privateKey },
    verifier: { name: origin, publicKey: parseVerifierKey(formatVerifierKey({ name: origin, publicKey: privateKey })).publicKey },
  };
};

/** The `i`-th event a spec appends: any type will do, the sealer hashes what is stored. */
export const thingHappened = (i: number): EventToAppend => ({
  id: randomUUID(),
  type: 'ThingHappened',
  schemaVersion: 1,
  data: { i },
  metadata: { actor: { sub: 'spec', role: 'admin' }, correlationId: randomUUID() },
});
