import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsDefined, IsObject, ValidateNested } from 'class-validator';
import type { Instrument } from '@mandate-ledger/domain';
import { IsOptionalNotNull, IsUuid } from '../../http/request-validators';
import {
  ARRAY_LIMITS,
  AuthorityRequest,
  FinancingRequest,
  InstrumentRequest,
  LegalReferenceRequest,
  LinkedObligationRequest,
  MissionRequest,
  PeriodRequest,
  StaffingRequest,
  TerritoryRequest,
} from '../shared/mandate-terms.request';

/** `POST /mandates` (DESIGN §4). With `mandateId` for `id`, it is the domain's `MandateGrant`. */
export class GrantMandateRequest {
  @ApiPropertyOptional({ format: 'uuid', description: 'Chosen by the client, or generated' })
  @IsOptionalNotNull()
  @IsUuid()
  id?: string;

  @ApiProperty({ format: 'uuid', example: '0190f1c2-7a3b-7c4d-9e5f-6a7b8c9d0e1f' })
  @IsUuid()
  operatorId!: string;

  @ApiProperty({ type: () => AuthorityRequest })
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => AuthorityRequest)
  authority!: AuthorityRequest;

  /** Typed as the domain's union: InstrumentRequest accepts `cpv` exactly when the kind is `public_contract`. */
  @ApiProperty({ type: () => InstrumentRequest })
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => InstrumentRequest)
  instrument!: Instrument;

  @ApiProperty({
    type: () => [LegalReferenceRequest],
    minItems: 1,
    maxItems: ARRAY_LIMITS.legalBasis,
    example: [
      { source: 'CASF', article: 'D.345-8' },
      { source: 'court_decision', reference: 'TA Lille 1705379' },
    ],
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(ARRAY_LIMITS.legalBasis)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => LegalReferenceRequest)
  legalBasis!: LegalReferenceRequest[];

  @ApiProperty({ type: () => [MissionRequest], minItems: 1, maxItems: ARRAY_LIMITS.missions })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(ARRAY_LIMITS.missions)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => MissionRequest)
  missions!: MissionRequest[];

  @ApiProperty({ type: () => TerritoryRequest })
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => TerritoryRequest)
  territory!: TerritoryRequest;

  @ApiProperty({ type: () => PeriodRequest })
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => PeriodRequest)
  period!: PeriodRequest;

  @ApiProperty({ type: () => FinancingRequest })
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => FinancingRequest)
  financing!: FinancingRequest;

  @ApiProperty({ type: () => StaffingRequest })
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => StaffingRequest)
  staffing!: StaffingRequest;

  @ApiPropertyOptional({ type: () => [LinkedObligationRequest], maxItems: ARRAY_LIMITS.linkedObligations })
  @IsOptionalNotNull()
  @IsArray()
  @ArrayMaxSize(ARRAY_LIMITS.linkedObligations)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => LinkedObligationRequest)
  linkedObligations?: LinkedObligationRequest[];
}
