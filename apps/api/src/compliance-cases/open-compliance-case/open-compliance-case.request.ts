import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { PROCEDURES, type Procedure } from '@mandate-ledger/domain';
import { IsOptionalNotNull, IsUuid } from '../../http/request-validators';
import { CourtDecisionRequest } from '../shared/compliance-case-terms.request';

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
}
