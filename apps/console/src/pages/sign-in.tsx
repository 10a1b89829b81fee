import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { useEffect, useRef, useState } from 'react';
import { ApiProblem, write } from '../api/client';
import type { Session } from '../api/types';
import { ProblemAlert } from '../components/status';
import { useTitle } from '../components/use-title';
import { navigate, type Route } from '../router';
import { useSession } from '../session';

const PROVIDER_ERRORS: Readonly<Record<string, string>> = {
  transaction: 'La connexion a pris trop de temps ou a été interrompue. Recommencez.',
  droits: "Votre fournisseur d'identité ne vous donne aucun rôle dans ce registre. Demandez un accès à votre administrateur.",
  fournisseur: "Le fournisseur d'identité n'a pas pu confirmer votre identité. Recommencez.",
};

/**
 * Sign-in: through the OIDC provider when one is configured, or with a one-time link printed by the
 * CLI (the link leads here with its token in the fragment, which is used at once).
 */
export const SignInPage = ({ route }: { route: Route }) => {
  useTitle('Connexion');
  const { session, expired, refresh } = useSession();
  const [problem, setProblem] = useState<ApiProblem | undefined>();
  const [signingIn, setSigningIn] = useState(false);
  const used = useRef<string | null>(null);
  const link = route.query.get('lien');
  const providerError = route.query.get('erreur');

  useEffect(() => {
    if (!link || used.current === link) return;
    used.current = link;
    setSigningIn(true);
    write<Session>('POST', '/auth/sign-in-link', { token: link }).then(
      async () => {
        await refresh();
        // The token leaves the address bar and the history: it was for one use.
        navigate('#/mandats', { replace: true });
      },
      (error: unknown) => {
        setSigningIn(false);
        setProblem(error instanceof ApiProblem ? error : new ApiProblem(0, 'NETWORK', String(error)));
        window.history.replaceState(null, '', '#/connexion');
      },
    );
  }, [link, refresh]);

  const returnTo = '#/mandats';
  return (
    <div className="fr-grid-row fr-grid-row--center">
      <div className="fr-col-12 fr-col-md-8 fr-col-lg-6">
        <h1>Connexion</h1>
        {expired && <Alert severity="info" small description="Votre session a pris fin : reconnectez-vous pour continuer." className="fr-mb-3w" />}
        {providerError && <Alert severity="error" title="Connexion impossible" description={PROVIDER_ERRORS[providerError] ?? 'La connexion a échoué.'} className="fr-mb-3w" />}
        {problem && <div className="fr-mb-3w"><ProblemAlert problem={problem} title="Ce lien ne permet pas de se connecter" /></div>}
        {signingIn ? (
          <p role="status" aria-live="polite">
            Connexion en cours…
          </p>
        ) : (
          <>
            {session.signIn.oidc && (
              <section className="fr-mb-4w" aria-labelledby="connexion-oidc">
                <h2 id="connexion-oidc" className="fr-h4">
                  Agents publics
                </h2>
                <p>Connectez-vous avec le compte de votre administration (ProConnect ou le fournisseur d'identité de votre service).</p>
                <Button iconId="fr-icon-account-circle-line" linkProps={{ href: `/auth/oidc/login?returnTo=${encodeURIComponent(returnTo)}` }}>
                  Se connecter avec son compte professionnel
                </Button>
              </section>
            )}
            {session.signIn.links && (
              <section aria-labelledby="connexion-lien">
                <h2 id="connexion-lien" className="fr-h4">
                  Lien de connexion
                </h2>
                <p>Sur ce déploiement, on se connecte avec un lien à usage unique, valable 10 minutes, que l'on obtient sur le serveur :</p>
                <pre className="ml-command">
                  <code>npm run cli -- sign-in-link --role officer --departements 62</code>
                </pre>
                <p className="fr-text--sm">
                  Rôles : <code>officer</code> (agent instructeur, avec <code>--departements</code>), <code>auditor</code>, <code>operator</code> (avec{' '}
                  <code>--operator-id</code>), <code>admin</code>. Ouvrez ensuite le lien affiché dans ce navigateur.
                </p>
              </section>
            )}
            {!session.signIn.oidc && !session.signIn.links && <Alert severity="warning" title="Aucun moyen de connexion" description="Ce déploiement n'offre ni fournisseur d'identité ni liens de connexion." />}
          </>
        )}
      </div>
    </div>
  );
};
