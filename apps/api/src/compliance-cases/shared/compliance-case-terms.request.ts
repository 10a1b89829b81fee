import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsNotEmpty,
  IsString,
  Matches,
  MaxLength,
  ValidateBy,
  type ValidationArguments,
} from 'class-validator';
import { ADDRESSEE_KINDS, type AddresseeKind } from '@mandate-ledger/domain';
import { IsCalendarDate } from '../../http/is-calendar-date';
import { TEXT_LIMITS } from '../../http/request-validators';

// Shapes only: the decider checks the rules (dates after the decision, each addressee once, …).

/** Chosen by the clerk (`art-2-maraude`) and used in paths, so letters, digits and `._-` only. */
export const OBLIGATION_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;

export const CASE_ARRAY_LIMITS = { caseNumbers: 20, addressees: 20, supersedes: 100, parties: 50 } as const;

/** An obligation id, in a body or a list. */
export const IsObligationId = (options: { each?: boolean } = {}) =>
  Matches(OBLIGATION_ID, {
    ...options,
    message: `${options.each ? 'each value in ' : ''}$property must be 1 to 100 letters, digits or ._- (starting with a letter or digit)`,
  });

/** Non-empty text of at most `max` characters. */
export const IsBoundedText = (max: number) => applyDecorators(IsString(), IsNotEmpty(), MaxLength(max));

/** `caseNumbers`: the court's numbers of one decision (joined cases share it, as CE n° 412125, 412171). */
export const IsCaseNumbers = () =>
  applyDecorators(
    IsArray(),
    ArrayMinSize(1),
    ArrayMaxSize(CASE_ARRAY_LIMITS.caseNumbers),
    IsString({ each: true }),
    IsNotEmpty({ each: true }),
    MaxLength(TEXT_LIMITS.reference, { each: true }),
  );

/** A court decision: the opening one or an appellate one. */
export abstract class CourtDecisionRequest {
  @ApiProperty({ maxLength: TEXT_LIMITS.name, example: 'Tribunal administratif de Lille' })
  @IsBoundedText(TEXT_LIMITS.name)
  court!: string;

  @ApiProperty({
    type: [String],
    minItems: 1,
    maxItems: CASE_ARRAY_LIMITS.caseNumbers,
    example: ['1705379'],
    description: "The court's numbers of the decision; any one of them names it within the case",
  })
  @IsCaseNumbers()
  caseNumbers!: string[];

  @ApiProperty({ type: String, format: 'date', example: '2017-06-26' })
  @IsCalendarDate()
  decisionDate!: string;
}

/** `name` is required for `other`, optional for the others (`Préfet du Pas-de-Calais`). */
const IsAddresseeName = () =>
  ValidateBy({
    name: 'isAddresseeName',
    validator: {
      validate: (value: unknown, { object }: ValidationArguments) =>
        value === undefined
          ? (object as AddresseeRequest).kind !== 'other'
          : typeof value === 'string' && value.trim() !== '' && value.length <= TEXT_LIMITS.name,
      defaultMessage: ({ value }: ValidationArguments) =>
        value === undefined ? '$property is required when kind is other' : `$property must be a non-empty text of at most ${TEXT_LIMITS.name} characters`,
    },
  });

export class AddresseeRequest {
  @ApiProperty({ enum: ADDRESSEE_KINDS, enumName: 'AddresseeKind', example: 'prefet' })
  @IsIn(ADDRESSEE_KINDS)
  kind!: AddresseeKind;

  @ApiPropertyOptional({ maxLength: TEXT_LIMITS.name, example: 'Préfet du Pas-de-Calais', description: 'Required when kind is other' })
  @IsAddresseeName()
  name?: string;
}
