import { ApiProperty } from '@nestjs/swagger';
import type { ConsistencyProofOf, InclusionProofOf, StoredCheckpoint } from '@mandate-ledger/audit';

const hex = (hash: Buffer): string => hash.toString('hex');

/** A signed checkpoint: the note is the evidence; the other fields are read from it. */
export class CheckpointView {
  @ApiProperty({ example: 'mandate-ledger/local', description: 'The log, first line of the note and name of the key' }) readonly origin!: string;
  @ApiProperty({ description: 'Number of events in the tree' }) readonly treeSize!: number;
  @ApiProperty({ description: 'Root hash of the tree, hex' }) readonly rootHash!: string;
  @ApiProperty({ description: 'When it was signed (ISO 8601 UTC), a line of the note' }) readonly signedAt!: string;
  @ApiProperty({ description: 'The C2SP signed note, byte for byte as signed' }) readonly note!: string;
}

/** The answer of `POST /audit/checkpoints`. */
export class CheckpointMadeView {
  @ApiProperty({ description: 'False when the log had not grown since the latest checkpoint, which is returned' }) readonly created!: boolean;
  @ApiProperty({ type: CheckpointView }) readonly checkpoint!: CheckpointView;
}

/** The answer of `GET /audit/proofs/:position`. */
export class InclusionProofView {
  @ApiProperty({ description: 'Position of the event in the global log (decimal string)' }) readonly position!: string;
  @ApiProperty({ description: 'Its leaf index: its rank in the global log' }) readonly leafIndex!: number;
  @ApiProperty() readonly treeSize!: number;
  @ApiProperty({ description: 'SHA-256(0x00 ‖ JCS(envelope)), hex' }) readonly leafHash!: string;
  @ApiProperty({ type: [String], description: 'RFC 9162 audit path, hex, from the leaf sibling up' }) readonly auditPath!: string[];
  @ApiProperty({ type: CheckpointView }) readonly checkpoint!: CheckpointView;
}

/** The answer of `GET /audit/consistency`. */
export class ConsistencyProofView {
  @ApiProperty() readonly from!: number;
  @ApiProperty() readonly to!: number;
  @ApiProperty({ type: [String], description: 'RFC 9162 consistency proof, hex' }) readonly proof!: string[];
  @ApiProperty({ type: CheckpointView }) readonly fromCheckpoint!: CheckpointView;
  @ApiProperty({ type: CheckpointView }) readonly toCheckpoint!: CheckpointView;
}

/** The answer of `GET /audit/public-key`. */
export class PublicKeyView {
  @ApiProperty() readonly origin!: string;
  @ApiProperty({ description: 'C2SP verifier key: <name>+<key id>+<base64(0x01 ‖ key)>' }) readonly vkey!: string;
  @ApiProperty({ description: 'The raw 32-byte Ed25519 public key, base64' }) readonly publicKeyBase64!: string;
  @ApiProperty({ description: 'The public key as SPKI PEM' }) readonly publicKeyPem!: string;
}

/** JSON of a stored checkpoint: hashes in hex. */
export const checkpointView = (origin: string, checkpoint: StoredCheckpoint): CheckpointView => ({
  origin,
  treeSize: checkpoint.treeSize,
  rootHash: hex(checkpoint.rootHash),
  signedAt: checkpoint.signedAt,
  note: checkpoint.note,
});

/** JSON of an inclusion proof. */
export const inclusionProofView = (origin: string, proof: InclusionProofOf): InclusionProofView => ({
  position: proof.position.toString(),
  leafIndex: proof.leafIndex,
  treeSize: proof.checkpoint.treeSize,
  leafHash: hex(proof.leafHash),
  auditPath: proof.auditPath.map(hex),
  checkpoint: checkpointView(origin, proof.checkpoint),
});

/** JSON of a consistency proof. */
export const consistencyProofView = (origin: string, proof: ConsistencyProofOf): ConsistencyProofView => ({
  from: proof.from.treeSize,
  to: proof.to.treeSize,
  proof: proof.proof.map(hex),
  fromCheckpoint: checkpointView(origin, proof.from),
  toCheckpoint: checkpointView(origin, proof.to),
});
