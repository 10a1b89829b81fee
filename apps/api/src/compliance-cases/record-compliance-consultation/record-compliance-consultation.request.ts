import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { IsCalendarDate } from '../../http/is-calendar-date';
import { TEXT_LIMITS } from '../../http/request-validators';
import { CASE_ARRAY_LIMITS, IsBoundedText } from '../shared/compliance-case-terms.request';

/** `POST /compliance-cases/:id/consultations`: a meeting with the parties. */
export class RecordComplianceConsultationRequest {
  @ApiProperty({ type: String, format: 'date', example: '2017-09-20' })
  @IsCalendarDate()
  heldOn!: string;

  @ApiProperty({ type: [String], minItems: 1, maxItems: CASE_ARRAY_LIMITS.parties, example: ['Préfet du Pas-de-Calais', 'Commune de Calais', 'Secours catholique'] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(CASE_ARRAY_LIMITS.parties)
  @IsString({ each: true })
  @IsNotEmpty({ each: true })
  @MaxLength(TEXT_LIMITS.name, { each: true })
  parties!: string[];

  @ApiProperty({ maxLength: TEXT_LIMITS.text, example: 'Point sur les maraudes et les points d’eau' })
  @IsBoundedText(TEXT_LIMITS.text)
  summary!: string;
}
