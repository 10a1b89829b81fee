import { eventStoreConfigFrom } from '@mandate-ledger/event-store';
import { resolveJwtSecret } from '../../api/src/auth/auth-secret';
import { ROLES, type Role, signToken, type TokenClaims } from '../../api/src/auth/jwt';
import { parseOptions } from './options';

const USAGE = 'usage: npm run cli -- token --role officer|auditor|operator|admin [--departements 62,59] [--operator-id UUID] [--sub NAME] [--expires-in-hours 8]';

/** Mints a local bearer token signed with the server's secret (AUTH_JWT_SECRET or the generated one). */
export const runToken = async (args: string[]): Promise<number> => {
  const options = parseOptions(args, ['role', 'departements', 'operator-id', 'sub', 'expires-in-hours']);
  const role = options.role as Role | undefined;
  if (!role || !ROLES.includes(role)) {
    console.error(`--role must be one of ${ROLES.join(', ')}\n${USAGE}`);
    return 2;
  }
  const departements = options.departements?.split(',').map((d) => d.trim()).filter(Boolean);
  if (role === 'officer' && !departements?.length) {
    console.error(`an officer token needs --departements\n${USAGE}`);
    return 2;
  }
  if (role === 'operator' && !options['operator-id']) {
    console.error(`an operator token needs --operator-id\n${USAGE}`);
    return 2;
  }
  const hours = Number(options['expires-in-hours'] ?? 8);
  if (!(hours > 0)) {
    console.error(`--expires-in-hours must be a positive number\n${USAGE}`);
    return 2;
  }
  const config = eventStoreConfigFrom(process.env);
  const { secret } = resolveJwtSecret(process.env, config.dataDir, process.env.NODE_ENV === 'production');
  const now = Math.floor(Date.now() / 1000);
  const claims: TokenClaims = {
    sub: options.sub ?? `local-${role}`,
    role,
    ...(departements ? { departements } : {}),
    ...(options['operator-id'] ? { operatorId: options['operator-id'] } : {}),
    iat: now,
    exp: now + Math.round(hours * 3600),
  };
  console.log(signToken(claims, secret));
  return 0;
};
