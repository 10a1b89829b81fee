import { Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { AuditError, type AuditErrorCode } from '@mandate-ledger/audit';
import { Public, Roles } from '../auth/principal';
import { ProblemError } from '../http/problem';
import { ConsistencyProofRequest, InclusionProofRequest, PublicKeyRequest } from './audit.requests';
import { AuditRuntime } from './audit-runtime';
import {
  CheckpointMadeView,
  CheckpointView,
  checkpointView,
  ConsistencyProofView,
  consistencyProofView,
  InclusionProofView,
  inclusionProofView,
  PublicKeyView,
} from './audit.views';

const STATUS: Record<AuditErrorCode, number> = {
  POSITION_NOT_SEALED: 404,
  POSITION_NOT_FOUND: 404,
  CHECKPOINT_NOT_FOUND: 404,
  POSITION_NOT_IN_CHECKPOINT: 404,
  INVALID_RANGE: 400,
  NO_SIGNING_KEY: 503,
  LEAF_MISMATCH: 500,
};

/** The library's refusals as problem+json with their own codes. */
const asProblem = async <T>(work: Promise<T>): Promise<T> => {
  try {
    return await work;
  } catch (error) {
    if (error instanceof AuditError) throw new ProblemError(STATUS[error.code], error.code, error.message);
    throw error;
  }
};

const MAX_POSITION = 2n ** 63n - 1n;

/** A global position: a decimal integer within the stores' 64-bit range. */
const positionOf = (text: string): bigint => {
  if (!/^\d{1,19}$/.test(text) || BigInt(text) > MAX_POSITION) {
    const message = 'position must be a decimal integer below 2^63';
    throw new ProblemError(400, 'VALIDATION_FAILED', message, [{ field: 'position', messages: [message] }]);
  }
  return BigInt(text);
};

/** Verification (DESIGN §5): checkpoints, proofs, and the key to check them with. */
@ApiTags('audit')
@Controller('audit')
export class AuditController {
  constructor(private readonly runtime: AuditRuntime) {}

  private get origin(): string {
    return this.runtime.config.origin;
  }

  /** The log's public key, reachable without a token (DESIGN §6). */
  @Get('public-key')
  @Public()
  @ApiOkResponse({ type: PublicKeyView })
  publicKey(@Query() { format = 'json' }: PublicKeyRequest, @Res({ passthrough: true }) response: Response): PublicKeyView | string {
    const { origin, vkey, publicKeyPem, publicKeyBase64 } = this.runtime.config;
    if (format === 'json') return { origin, vkey, publicKeyBase64, publicKeyPem };
    response.type('text/plain');
    return { vkey: `${vkey}\n`, pem: publicKeyPem, base64: `${publicKeyBase64}\n` }[format];
  }

  /** The latest signed checkpoint. */
  @Get('checkpoint')
  @ApiOkResponse({ type: CheckpointView })
  async latest(): Promise<CheckpointView> {
    return checkpointView(this.origin, await asProblem(this.runtime.log.checkpointOf()));
  }

  /** Seals what was appended and signs a checkpoint now (admins); 200 with the latest if the log has not grown. */
  @Post('checkpoints')
  @Roles('admin')
  @HttpCode(201)
  @ApiCreatedResponse({ type: CheckpointMadeView })
  async checkpoint(@Res({ passthrough: true }) response: Response): Promise<CheckpointMadeView> {
    const outcome = await this.runtime.checkpointNow();
    if (!outcome) throw new ProblemError(409, 'LOG_EMPTY', 'The log holds no event yet: there is nothing to sign');
    if (!outcome.created) response.status(200);
    return { created: outcome.created, checkpoint: checkpointView(this.origin, outcome.checkpoint) };
  }

  /** The inclusion proof of the event at a global position, in the latest or a given checkpoint. */
  @Get('proofs/:position')
  @ApiOkResponse({ type: InclusionProofView })
  async inclusion(@Param('position') position: string, @Query() { treeSize }: InclusionProofRequest): Promise<InclusionProofView> {
    return inclusionProofView(this.origin, await asProblem(this.runtime.log.inclusionProof(positionOf(position), treeSize)));
  }

  /** The consistency proof between two stored checkpoints. */
  @Get('consistency')
  @ApiOkResponse({ type: ConsistencyProofView })
  async consistency(@Query() { from, to }: ConsistencyProofRequest): Promise<ConsistencyProofView> {
    return consistencyProofView(this.origin, await asProblem(this.runtime.log.consistencyProof(from, to)));
  }
}
