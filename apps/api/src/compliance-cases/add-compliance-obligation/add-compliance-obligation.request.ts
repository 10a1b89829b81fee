import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsDefined, IsIn, IsInt, IsObject, Max, Min, ValidateNested } from 'class-validator';
import { MISSION_TYPES, type MissionType, PENALTY_SCOPES, type PenaltyScope } from '@mandate-ledger/domain';
import { IsCalendarDate } from '../../http/is-calendar-date';
import { IsOptionalNotNull, MAX_AMOUNT_CENTS, TEXT_LIMITS } from '../../http/request-validators';
import { TerritoryRequest } from '../../mandates/shared/mandate-terms.request';
import { AddresseeRequest, CASE_ARRAY_LIMITS, IsBoundedText, IsObligationId, OBLIGATION_ID } from '../shared/compliance-case-terms.request';

/** Ten years: more than any court gives to comply. */
export const MAX_DEADLINE_DAYS = 3650;

/** `POST /compliance-cases/:id/obligations`: one obligation a decision of the case orders. */
export class AddComplianceObligationRequest {
  @ApiProperty({ pattern: OBLIGATION_ID.source, example: 'art-2-maraude', description: 'Chosen by the clerk, unique within the case' })
  @IsObligationId()
  obligationId!: string;

  @ApiProperty({ maxLength: TEXT_LIMITS.reference, example: '1705379', description: 'A case number of the decision that orders it' })
  @IsBoundedText(TEXT_LIMITS.reference)
  decision!: string;

  @ApiProperty({ maxLength: TEXT_LIMITS.reference, example: 'art. 2' })
  @IsBoundedText(TEXT_LIMITS.reference)
  article!: string;

  @ApiProperty({
    maxLength: TEXT_LIMITS.text,
    example: 'organiser un dispositif adapté de maraude quotidienne à destination des mineurs non accompagnés',
    description: 'The operative text, verbatim',
  })
  @IsBoundedText(TEXT_LIMITS.text)
  text!: string;

  @ApiProperty({ type: () => [AddresseeRequest], minItems: 1, maxItems: CASE_ARRAY_LIMITS.addressees, example: [{ kind: 'prefet', name: 'Préfet du Pas-de-Calais' }] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(CASE_ARRAY_LIMITS.addressees)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => AddresseeRequest)
  addressees!: AddresseeRequest[];

  @ApiProperty({ enum: MISSION_TYPES, enumName: 'MissionType', example: 'MARAUDE_MINORS' })
  @IsIn(MISSION_TYPES)
  missionType!: MissionType;

  @ApiProperty({ type: () => TerritoryRequest, description: 'Where it must be implemented; no commune means the whole département' })
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => TerritoryRequest)
  territory!: TerritoryRequest;

  @ApiProperty({ type: 'integer', minimum: 0, maximum: MAX_DEADLINE_DAYS, example: 10, description: 'Days from the notification of the decision' })
  @IsInt()
  @Min(0)
  @Max(MAX_DEADLINE_DAYS)
  deadlineDays!: number;

  @ApiPropertyOptional({
    example: false,
    description: 'Done once for all (install) rather than continuing (keep running); continuing when left out. Once implemented, a one-off obligation has no more days of non-execution',
  })
  @IsOptionalNotNull()
  @IsBoolean()
  oneOff?: boolean;

  @ApiProperty({ type: 'integer', minimum: 0, maximum: MAX_AMOUNT_CENTS, example: 10000, description: 'Penalty per day of non-execution, integer euro cents; 0 when none' })
  @IsInt()
  @Min(0)
  @Max(MAX_AMOUNT_CENTS)
  penaltyPerDayCents!: number;

  @ApiPropertyOptional({
    enum: PENALTY_SCOPES,
    enumName: 'PenaltyScope',
    example: 'obligation',
    description: 'One penalty for this obligation (when left out), for the obligations of its article, or for the whole decision; a shared one has the same amount and start on each',
  })
  @IsOptionalNotNull()
  @IsIn(PENALTY_SCOPES)
  penaltyScope?: PenaltyScope;

  @ApiPropertyOptional({ type: String, format: 'date', example: '2017-07-14', description: 'When the order makes the penalty run from a date of its own; else from the day after the deadline' })
  @IsOptionalNotNull()
  @IsCalendarDate()
  penaltyStartsOn?: string;

  @ApiPropertyOptional({ type: [String], maxItems: CASE_ARRAY_LIMITS.supersedes, example: ['art-2'], description: 'Obligations of the case this one replaces' })
  @IsOptionalNotNull()
  @IsArray()
  @ArrayMaxSize(CASE_ARRAY_LIMITS.supersedes)
  @IsObligationId({ each: true })
  supersedes?: string[];
}
