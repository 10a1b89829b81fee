import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { Matches } from 'class-validator';
import { IsCalendarDate } from '../../http/is-calendar-date';
import { IsOptionalNotNull, TEXT_LIMITS } from '../../http/request-validators';
import { IsBoundedText, IsObligationId, OBLIGATION_ID } from '../shared/compliance-case-terms.request';

export const SHA256_HEX = /^[0-9a-f]{64}$/;

/** `POST /compliance-cases/:id/evidence`: a document's SHA-256, never the document. */
export class AttachComplianceEvidenceRequest {
  @ApiProperty({ pattern: SHA256_HEX.source, example: 'a'.repeat(64), description: 'SHA-256 of the document, hexadecimal (folded to lower case)' })
  // Some tools print digests in upper case (PowerShell's Get-FileHash): one digest, one spelling.
  @Transform(({ value }) => (typeof value === 'string' ? value.toLowerCase() : value))
  @Matches(SHA256_HEX, { message: '$property must be a SHA-256: 64 hexadecimal digits' })
  sha256!: string;

  @ApiProperty({ maxLength: TEXT_LIMITS.name, example: 'Rapport de la maraude, août 2017' })
  @IsBoundedText(TEXT_LIMITS.name)
  title!: string;

  @ApiProperty({ type: String, format: 'date', example: '2017-09-05' })
  @IsCalendarDate()
  documentDate!: string;

  @ApiPropertyOptional({ pattern: OBLIGATION_ID.source, example: 'art-2-maraude', description: 'The obligation it is about; none for the case as a whole' })
  @IsOptionalNotNull()
  @IsObligationId()
  obligationId?: string;
}
