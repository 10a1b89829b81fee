import { href } from '../router';
import { useTitle } from '../components/use-title';

export const NotFoundPage = () => {
  useTitle('Page introuvable');
  return (
    <>
      <h1>Page introuvable</h1>
      <p>Cette adresse ne correspond à aucune page de la console.</p>
      <p>
        <a className="fr-link" href={href('/mandats')}>
          Retour au tableau des mandats
        </a>
      </p>
    </>
  );
};
