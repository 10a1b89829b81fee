import { ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsNotEmpty, IsNumber, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { LEGAL_FORMS, type LegalForm } from '@mandate-ledger/domain';
import { BodyHasAtLeastOneOf, IsDepartementCode, IsLanguageCode, IsOptionalNotNull, MAX_FTE, TEXT_LIMITS } from '../../http/request-validators';
import { OPERATOR_ARRAY_LIMITS, RNA, SIRET, UPDATABLE_OPERATOR_FIELDS } from '../shared/operator-identifiers';

/**
 * `PATCH /operators/:id`: the fields given replace the former ones; `siret` or `rna` set to `null`
 * removes it; the SIREN never changes. It is the domain's `OperatorDetailsChanges`.
 */
@BodyHasAtLeastOneOf(UPDATABLE_OPERATOR_FIELDS)
export class UpdateOperatorRequest {
  @ApiPropertyOptional({ maxLength: TEXT_LIMITS.name, example: 'La Vie Active' })
  @IsOptionalNotNull()
  @IsString()
  @IsNotEmpty()
  @MaxLength(TEXT_LIMITS.name)
  name?: string;

  @ApiPropertyOptional({ enum: LEGAL_FORMS, enumName: 'LegalForm', example: 'association_rup' })
  @IsOptionalNotNull()
  @IsIn(LEGAL_FORMS)
  legalForm?: LegalForm;

  @ApiPropertyOptional({ type: String, nullable: true, pattern: SIRET.source, example: '73282932000074', description: '`null` removes it' })
  @IsOptional()
  @Matches(SIRET, { message: '$property must be 14 digits' })
  siret?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, pattern: RNA.source, example: 'W621000001', description: '`null` removes it' })
  @IsOptional()
  @Matches(RNA, { message: '$property must be W followed by 9 digits' })
  rna?: string | null;

  @ApiPropertyOptional({ type: [String], minItems: 1, maxItems: OPERATOR_ARRAY_LIMITS.departements, example: ['59', '62'] })
  @IsOptionalNotNull()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(OPERATOR_ARRAY_LIMITS.departements)
  @IsDepartementCode({ each: true })
  departements?: string[];

  @ApiPropertyOptional({ type: [String], maxItems: OPERATOR_ARRAY_LIMITS.languages, example: ['ar', 'prs', 'ps', 'ti'] })
  @IsOptionalNotNull()
  @IsArray()
  @ArrayMaxSize(OPERATOR_ARRAY_LIMITS.languages)
  @IsLanguageCode({ each: true })
  languages?: string[];

  @ApiPropertyOptional({ minimum: 0, maximum: MAX_FTE, example: 124.5 })
  @IsOptionalNotNull()
  @IsNumber({ maxDecimalPlaces: 2 })
  @Min(0)
  @Max(MAX_FTE)
  salariedFte?: number;
}
