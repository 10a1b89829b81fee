import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsNotEmpty, IsNumber, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { LEGAL_FORMS, type LegalForm } from '@mandate-ledger/domain';
import { IsDepartementCode, IsLanguageCode, IsOptionalNotNull, MAX_FTE, TEXT_LIMITS, IsUuid } from '../../http/request-validators';
import { OPERATOR_ARRAY_LIMITS, RNA, SIREN, SIRET } from '../shared/operator-identifiers';

/** `POST /operators` (DESIGN §4). Without `id`, it is the domain's `OperatorDetails`. */
export class RegisterOperatorRequest {
  @ApiPropertyOptional({ format: 'uuid', description: 'Chosen by the client, or generated' })
  @IsOptionalNotNull()
  @IsUuid()
  id?: string;

  @ApiProperty({ maxLength: TEXT_LIMITS.name, example: 'La Vie Active' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(TEXT_LIMITS.name)
  name!: string;

  @ApiProperty({ enum: LEGAL_FORMS, enumName: 'LegalForm', example: 'association' })
  @IsIn(LEGAL_FORMS)
  legalForm!: LegalForm;

  @ApiProperty({ pattern: SIREN.source, example: '732829320', description: '9 digits (Luhn checked by the domain)' })
  @Matches(SIREN, { message: '$property must be 9 digits' })
  siren!: string;

  @ApiPropertyOptional({ pattern: SIRET.source, example: '73282932000074', description: '14 digits starting with the SIREN; a SIRET or an RNA number is required' })
  @IsOptionalNotNull()
  @Matches(SIRET, { message: '$property must be 14 digits' })
  siret?: string;

  @ApiPropertyOptional({ pattern: RNA.source, example: 'W621000001', description: 'Optional when a SIRET is given (Alsace-Moselle associations have none)' })
  @IsOptionalNotNull()
  @Matches(RNA, { message: '$property must be W followed by 9 digits' })
  rna?: string;

  @ApiProperty({ type: [String], minItems: 1, maxItems: OPERATOR_ARRAY_LIMITS.departements, example: ['62'], description: 'Département codes of activity' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(OPERATOR_ARRAY_LIMITS.departements)
  @IsDepartementCode({ each: true })
  departements!: string[];

  @ApiProperty({ type: [String], maxItems: OPERATOR_ARRAY_LIMITS.languages, example: ['ps', 'ti', 'ar'], description: 'Interpreting languages (ISO 639 codes)' })
  @IsArray()
  @ArrayMaxSize(OPERATOR_ARRAY_LIMITS.languages)
  @IsLanguageCode({ each: true })
  languages!: string[];

  @ApiProperty({ minimum: 0, maximum: MAX_FTE, example: 120, description: 'Salaried full-time equivalents, at most 2 decimals' })
  @IsNumber({ maxDecimalPlaces: 2 })
  @Min(0)
  @Max(MAX_FTE)
  salariedFte!: number;
}
