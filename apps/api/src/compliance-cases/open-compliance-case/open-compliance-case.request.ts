import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsNotEmpty, IsString, MaxLength, ValidateNested } from 'class-validator';
import { PROCEDURES, type Procedure } from '@mandate-ledger/domain';
import { IsOptionalNotNull, IsUuid, TEXT_LIMITS } from '../../http/request-validators';
import { CASE_ARRAY_LIMITS, CourtDecisionRequest } from '../shared/compliance-case-terms.request';

const IsPartyNames = () =>
  applyDecorators(
    IsOptionalNotNull(),
    IsArray(),
    ArrayMaxSize(CASE_ARRAY_LIMITS.parties),
    IsString({ each: true }),
    IsNotEmpty({ each: true }),
    MaxLength(TEXT_LIMITS.name, { each: true }),
  );

/** The parties as the decision names them; either list may be left out. */
export class CasePartiesRequest {
  @ApiPropertyOptional({ type: [String], maxItems: CASE_ARRAY_LIMITS.parties, example: ["L'Auberge des migrants", 'Utopia 56'], description: 'requérants' })
  @IsPartyNames()
  applicants?: string[];

  @ApiPropertyOptional({ type: [String], maxItems: CASE_ARRAY_LIMITS.parties, example: ['Préfet du Pas-de-Calais', 'Commune de Calais'], description: 'défendeurs' })
  @IsPartyNames()
  defendants?: string[];
}

/** `POST /compliance-cases`: the decision that opens the case. With `complianceCaseId` for `id`, the domain's command data. */
export class OpenComplianceCaseRequest extends CourtDecisionRequest {
  @ApiPropertyOptional({ format: 'uuid', description: 'Chosen by the client, or generated' })
  @IsOptionalNotNull()
  @IsUuid()
  id?: string;

  @ApiProperty({
    enum: PROCEDURES,
    enumName: 'Procedure',
    example: 'refere_liberte',
    description: 'référé-liberté (CJA L.521-2), référé-suspension (L.521-1), référé mesures utiles (L.521-3), merits, execution (L.911-4)',
  })
  @IsIn(PROCEDURES)
  procedure!: Procedure;

  @ApiPropertyOptional({ type: CasePartiesRequest, description: 'Who brought the case and against whom: the head of the compliance report' })
  @IsOptionalNotNull()
  @ValidateNested()
  @Type(() => CasePartiesRequest)
  parties?: CasePartiesRequest;
}
