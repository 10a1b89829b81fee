import { accessConfigFrom, InvalidClaimsError, mintSignInLink } from '@mandate-ledger/access';
import { ROLES, type Role } from '@mandate-ledger/application';
import { eventStoreConfigFrom } from '@mandate-ledger/event-store';
import { parseOptions } from './options';

const USAGE = 'usage: npm run cli -- sign-in-link --role officer|auditor|operator|admin [--departements 62,59] [--operator-id UUID] [--sub NAME] [--name "Full name"]';

/**
 * Prints a link that opens a console session once, within 10 minutes: the embedded default's way in
 * for people (DESIGN §6), sealed with the server's session secret (SESSION_SECRET or the generated one).
 */
export const runSignInLink = async (args: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> => {
  const options = parseOptions(args, ['role', 'departements', 'operator-id', 'sub', 'name']);
  const role = options.role as Role | undefined;
  if (!role || !ROLES.includes(role)) {
    console.error(`--role must be one of ${ROLES.join(', ')}\n${USAGE}`);
    return 2;
  }
  const port = Number(env.PORT ?? 3000);
  const access = accessConfigFrom(env, { dataDir: eventStoreConfigFrom(env).dataDir, port, production: env.NODE_ENV === 'production' });
  if (!access.signInLinks) {
    console.error('Sign-in links are off (SIGN_IN_LINKS=off, or an OIDC provider is configured): people sign in through the provider.');
    return 2;
  }
  const departements = options.departements?.split(',').map((d) => d.trim()).filter(Boolean);
  try {
    const { url, expiresAt } = mintSignInLink(
      {
        sub: options.sub ?? `local-${role}`,
        role,
        ...(departements ? { departements } : {}),
        ...(options['operator-id'] ? { operatorId: options['operator-id'] } : {}),
        ...(options.name ? { name: options.name } : {}),
      },
      access.sessionSecret,
      access.publicUrl,
    );
    console.log(url);
    console.error(`Opens one session, until ${expiresAt}.`);
    return 0;
  } catch (error) {
    if (!(error instanceof InvalidClaimsError)) throw error;
    console.error(`${error.message}\n${USAGE}`);
    return 2;
  }
};
