import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Matches, MaxLength } from 'class-validator';

/** `POST /auth/sign-in-link`: the token of a link printed by `npm run cli -- sign-in-link`. */
export class SignInLinkRequest {
  @ApiProperty({ description: 'The `lien` of the link, as printed' })
  @IsString()
  @MaxLength(4096)
  @Matches(/^v1\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/, { message: 'token must be the token of a sign-in link' })
  token!: string;
}

/** `GET /auth/oidc/login?returnTo=`: where in the console to come back to. */
export class OidcLoginRequest {
  @ApiPropertyOptional({ description: 'A console route (`#/mandats/…`)', example: '#/mandats' })
  @IsOptional()
  @IsString()
  @MaxLength(512)
  @Matches(/^#\/[\w\-/.?=&%~+:]*$/, { message: 'returnTo must be a console route such as #/mandats' })
  returnTo?: string;
}

/** Who is signed in to the console, and how one may sign in. */
export class SessionView {
  @ApiProperty() readonly signedIn!: boolean;
  @ApiProperty({ description: 'The ways in this deployment offers', example: { oidc: false, links: true } })
  readonly signIn!: { readonly oidc: boolean; readonly links: boolean };
  @ApiPropertyOptional() readonly sub?: string;
  @ApiPropertyOptional() readonly name?: string;
  @ApiPropertyOptional({ enum: ['officer', 'auditor', 'operator', 'admin'] }) readonly role?: string;
  @ApiPropertyOptional({ type: [String] }) readonly departements?: readonly string[];
  @ApiPropertyOptional() readonly operatorId?: string;
  @ApiPropertyOptional({ enum: ['link', 'oidc'] }) readonly via?: string;
  @ApiPropertyOptional({ description: 'When the session ends (ISO 8601 UTC)' }) readonly expiresAt?: string;
}
