import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsIn } from 'class-validator';
import { APPEAL_OUTCOMES, type AppealOutcome } from '@mandate-ledger/domain';
import { IsOptionalNotNull } from '../../http/request-validators';
import { CASE_ARRAY_LIMITS, CourtDecisionRequest, IsObligationId } from '../shared/compliance-case-terms.request';

/** `POST /compliance-cases/:id/appeals`: an appellate decision that upholds or modifies the order. */
export class RecordComplianceAppealRequest extends CourtDecisionRequest {
  @ApiProperty({ enum: APPEAL_OUTCOMES, enumName: 'AppealOutcome', example: 'upheld' })
  @IsIn(APPEAL_OUTCOMES)
  outcome!: AppealOutcome;

  @ApiPropertyOptional({
    type: [String],
    maxItems: CASE_ARRAY_LIMITS.supersedes,
    example: ['art-2-maraude'],
    description: 'Obligations the decision annuls or replaces from its date (only when modified)',
  })
  @IsOptionalNotNull()
  @IsArray()
  @ArrayMaxSize(CASE_ARRAY_LIMITS.supersedes)
  @IsObligationId({ each: true })
  supersedes?: string[];
}
