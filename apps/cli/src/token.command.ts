import { eventStoreConfigFrom } from '@mandate-ledger/event-store';
import { resolveJwtSecret, signToken, timedClaims, type TokenClaims, tokenPolicyFrom } from '@mandate-ledger/access';
import { ROLES, type Role } from '@mandate-ledger/application';
import { parseOptions } from './options';

const USAGE = 'usage: npm run cli -- token --role officer|auditor|operator|admin [--departements 62,59] [--operator-id UUID] [--sub NAME] [--expires-in-hours 8]';

const DEFAULT_HOURS = 8;

/**
 * Mints a local bearer token signed with the server's secret (AUTH_JWT_SECRET or the generated one),
 * within the server's lifetime cap and with its issuer and audience, so that the server accepts it.
 */
export const runToken = async (args: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> => {
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
  const policy = tokenPolicyFrom(env);
  const maxHours = policy.maxLifetimeSeconds / 3600;
  const lifetimeSeconds = Math.round(Number(options['expires-in-hours'] ?? Math.min(DEFAULT_HOURS, maxHours)) * 3600);
  if (!(lifetimeSeconds >= 1 && lifetimeSeconds <= policy.maxLifetimeSeconds)) {
    console.error(`--expires-in-hours must be a positive number of at most ${maxHours} (AUTH_MAX_TOKEN_LIFETIME_HOURS)\n${USAGE}`);
    return 2;
  }
  const config = eventStoreConfigFrom(env);
  const { secret } = resolveJwtSecret(env, config.dataDir, env.NODE_ENV === 'production');
  const claims: TokenClaims = {
    sub: options.sub ?? `local-${role}`,
    role,
    ...(departements ? { departements } : {}),
    ...(options['operator-id'] ? { operatorId: options['operator-id'] } : {}),
    ...timedClaims(policy, lifetimeSeconds),
  };
  console.log(signToken(claims, secret));
  return 0;
};
