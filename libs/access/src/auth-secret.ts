import { join } from 'node:path';
import { resolveSecret } from './generated-secret';

/** Where the embedded default keeps its generated JWT secret. */
export const secretFile = (dataDir: string): string => join(dataDir, 'jwt-secret');

/** The HS256 secret of bearer tokens: `AUTH_JWT_SECRET`, or the one generated into the data folder (see {@link resolveSecret}). */
export const resolveJwtSecret = (env: NodeJS.ProcessEnv, dataDir: string, production: boolean): { secret: string; generated: boolean } =>
  resolveSecret(env, 'AUTH_JWT_SECRET', secretFile(dataDir), production);
