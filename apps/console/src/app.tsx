import { Footer } from '@codegouvfr/react-dsfr/Footer';
import { Header } from '@codegouvfr/react-dsfr/Header';
import { useEffect, useRef } from 'react';
import { Loading, ProblemAlert } from './components/status';
import { ROLES } from './labels';
import { BoardPage } from './pages/board';
import { CasePage } from './pages/case';
import { CasesPage } from './pages/cases';
import { GrantPage } from './pages/grant';
import { MandatePage } from './pages/mandate';
import { NotFoundPage } from './pages/not-found';
import { OperatorPage } from './pages/operator';
import { OperatorsPage } from './pages/operators';
import { SignInPage } from './pages/sign-in';
import { href, type Route, useRoute } from './router';
import { mayReadCases, SessionProvider, useSession } from './session';

const BRAND_TOP = (
  <>
    République
    <br />
    Française
  </>
);

const HOME = { href: '#/', title: 'Accueil – Registre des mandats' };

/** The page a route names, for the signed-in person. */
const Page = ({ route }: { route: Route }) => {
  const [section, id, ...rest] = route.segments;
  if (section === undefined || section === 'mandats') {
    if (id === undefined) return <BoardPage route={route} />;
    if (id === 'nouveau' && rest.length === 0) return <GrantPage route={route} />;
    if (rest.length === 0) return <MandatePage id={id} route={route} />;
  }
  if (section === 'operateurs') {
    if (id === undefined) return <OperatorsPage route={route} />;
    if (rest.length === 0) return <OperatorPage id={id} route={route} />;
  }
  if (section === 'affaires') {
    if (id === undefined) return <CasesPage route={route} />;
    if (rest.length === 0) return <CasePage id={id} route={route} />;
  }
  return <NotFoundPage />;
};

/** Skip links act by focus, not by fragment: the fragment holds the console's route. */
const SkipLinks = () => {
  const skipTo = (id: string) => (event: React.MouseEvent) => {
    event.preventDefault();
    const target = document.getElementById(id);
    target?.focus();
    target?.scrollIntoView();
  };
  return (
    <div className="fr-skiplinks">
      <nav className="fr-container" role="navigation" aria-label="Accès rapide">
        <ul className="fr-skiplinks__list">
          <li>
            <a className="fr-link" href="#contenu" onClick={skipTo('contenu')}>
              Contenu
            </a>
          </li>
          <li>
            <a className="fr-link" href="#pied-de-page" onClick={skipTo('pied-de-page')}>
              Pied de page
            </a>
          </li>
        </ul>
      </nav>
    </div>
  );
};

const Shell = () => {
  const route = useRoute();
  const { session, signOut } = useSession();
  const main = useRef<HTMLElement>(null);
  const signedIn = session.signedIn && route.segments[0] !== 'connexion';

  // Another page of the console: focus goes to its content, where a screen reader starts reading it
  // (not on the first page: there the browser starts at the top, skip links first).
  const firstPath = useRef(route.path);
  useEffect(() => {
    if (firstPath.current === route.path) return;
    firstPath.current = '';
    main.current?.focus({ preventScroll: true });
    window.scrollTo(0, 0);
  }, [route.path]);

  const section = route.segments[0] ?? 'mandats';
  const navigation = signedIn
    ? [
        { text: 'Tableau des mandats', linkProps: { href: href('/mandats') }, isActive: section === 'mandats' },
        ...(session.role !== 'operator' ? [{ text: 'Opérateurs', linkProps: { href: href('/operateurs') }, isActive: section === 'operateurs' }] : []),
        ...(mayReadCases(session) ? [{ text: 'Décisions de justice', linkProps: { href: href('/affaires') }, isActive: section === 'affaires' }] : []),
      ]
    : undefined;
  const quickAccessItems = signedIn
    ? [
        {
          iconId: 'fr-icon-account-circle-line' as const,
          text: `${session.name} · ${ROLES[session.role!]}${session.departements?.length ? ` (${session.departements.join(', ')})` : ''}`,
          linkProps: { href: href('/mandats'), 'aria-label': `Connecté : ${session.name}, ${ROLES[session.role!]}` },
        },
        {
          iconId: 'fr-icon-logout-box-r-line' as const,
          text: 'Se déconnecter',
          buttonProps: { onClick: () => void signOut().then(() => (window.location.hash = '#/connexion')) },
        },
      ]
    : [];

  return (
    <>
      <SkipLinks />
      <Header
        brandTop={BRAND_TOP}
        homeLinkProps={HOME}
        serviceTitle="Registre des mandats"
        serviceTagline="Missions de service public confiées par l'État"
        navigation={navigation}
        quickAccessItems={quickAccessItems}
        disableDisplay
      />
      <main id="contenu" ref={main} tabIndex={-1} className="fr-container fr-pt-3w fr-pb-6w ml-main">
        {signedIn ? <Page route={route} /> : <SignInPage route={route} />}
      </main>
      <Footer
        id="pied-de-page"
        brandTop={BRAND_TOP}
        homeLinkProps={HOME}
        accessibility="partially compliant"
        contentDescription="Le registre des décisions par lesquelles l'État confie à des associations des missions de service public : attributions, avenants, suspensions, comptes rendus. Chaque décision est un événement vérifiable."
        bottomItems={[{ text: 'Documentation de l’API', linkProps: { href: '/docs' } }]}
      />
    </>
  );
};

/** The console: who is signed in first, then the page of the route. */
export const App = () => (
  <SessionProvider
    fallback={(problem, retry) =>
      problem ? (
        <main className="fr-container fr-py-6w">
          <h1>Registre des mandats</h1>
          <ProblemAlert problem={problem} retry={retry} title="Le service ne répond pas" />
        </main>
      ) : (
        <main className="fr-container fr-py-6w">
          <Loading what="de la session" />
        </main>
      )
    }
  >
    <Shell />
  </SessionProvider>
);
