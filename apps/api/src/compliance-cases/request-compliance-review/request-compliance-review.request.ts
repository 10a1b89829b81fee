import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsIn } from 'class-validator';
import { REVIEW_KINDS, type ReviewKind } from '@mandate-ledger/domain';
import { IsCalendarDate } from '../../http/is-calendar-date';
import { IsOptionalNotNull, TEXT_LIMITS } from '../../http/request-validators';
import { CASE_ARRAY_LIMITS, IsBoundedText, IsObligationId, OBLIGATION_ID } from '../shared/compliance-case-terms.request';

/** `POST /compliance-cases/:id/reviews`: a decision of the case asks for a consultation or a bilan by a date. */
export class RequestComplianceReviewRequest {
  @ApiProperty({ pattern: OBLIGATION_ID.source, example: 'bilan-ce-2017', description: 'Chosen by the clerk, unique within the case' })
  @IsObligationId()
  reviewId!: string;

  @ApiProperty({ enum: REVIEW_KINDS, enumName: 'ReviewKind', example: 'bilan' })
  @IsIn(REVIEW_KINDS)
  kind!: ReviewKind;

  @ApiProperty({ maxLength: TEXT_LIMITS.reference, example: '412125', description: 'A case number of the decision that asks for it' })
  @IsBoundedText(TEXT_LIMITS.reference)
  decision!: string;

  @ApiProperty({ type: String, format: 'date', example: '2017-08-31' })
  @IsCalendarDate()
  dueOn!: string;

  @ApiProperty({ maxLength: TEXT_LIMITS.text, example: 'bilan des mesures prises pour l’exécution de l’ordonnance' })
  @IsBoundedText(TEXT_LIMITS.text)
  subject!: string;

  @ApiPropertyOptional({ type: [String], maxItems: CASE_ARRAY_LIMITS.supersedes, example: ['maraude-minors'], description: 'The obligations it is about; none for the whole case' })
  @IsOptionalNotNull()
  @IsArray()
  @ArrayMaxSize(CASE_ARRAY_LIMITS.supersedes)
  @IsObligationId({ each: true })
  obligationIds?: string[];
}
