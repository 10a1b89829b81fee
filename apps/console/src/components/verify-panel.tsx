import { Button } from '@codegouvfr/react-dsfr/Button';
import { useState } from 'react';
import type { BundleVerification } from '@mandate-ledger/audit/portable';
import { ApiProblem, get } from '../api/client';
import type { CheckpointView, HistoryEntry, InclusionProofView, PublicKeyView } from '../api/types';
import { EVENT_TYPES, frenchDateTime, label } from '../labels';
import { collectTrail, type Trail, type TrailSource, verifyTrail } from '../verify/trail';
import { webCrypto } from '../verify/web-crypto';
import { ProblemAlert } from './status';

/** The API's public audit routes, as the trail reads them. */
const apiSource: TrailSource = {
  publicKey: () => get<PublicKeyView>('/audit/public-key'),
  checkpoint: () => get<CheckpointView>('/audit/checkpoint'),
  proof: async (position, treeSize) => {
    try {
      return await get<InclusionProofView>(`/audit/proofs/${position}?treeSize=${treeSize}`);
    } catch (error) {
      if (error instanceof ApiProblem && error.status === 404) return undefined;
      throw error;
    }
  },
};

const FAILURES: Readonly<Record<string, string>> = {
  MALFORMED_BUNDLE: 'Les éléments reçus ne forment pas une preuve lisible.',
  BAD_KEY: "La clé publique du registre n'est pas une clé Ed25519 valide.",
  UNTRUSTED_KEY: "Le point de contrôle est signé d'une autre clé que celle que publie le registre.",
  BAD_SIGNATURE: "La signature Ed25519 du point de contrôle ne correspond pas : il n'a pas été signé par le registre, ou a été modifié.",
  BAD_CHECKPOINT: 'Les champs du point de contrôle ne correspondent pas à la note signée.',
  EVENT_NOT_PROVEN: "Le contenu de cette décision ne correspond pas à ce que le registre a scellé : elle a été modifiée.",
  INCOMPLETE_STREAM: "Une décision manque dans l'historique.",
};

type Check = { readonly label: string; readonly state: 'ok' | 'failed' | 'unchecked'; readonly detail?: string };

const checksOf = (trail: Trail, result: BundleVerification): Check[] => {
  const failure = result.ok ? undefined : result.failure;
  const keyFailed = failure?.kind === 'BAD_KEY' || failure?.kind === 'UNTRUSTED_KEY' || failure?.kind === 'MALFORMED_BUNDLE';
  const checkpointFailed = keyFailed || failure?.kind === 'BAD_SIGNATURE' || failure?.kind === 'BAD_CHECKPOINT';
  const { checkpoint } = trail.bundle;
  const checks: Check[] = [
    { label: `Clé publique du registre ${trail.vkey.split('+').slice(0, 2).join('+')}`, state: keyFailed ? 'failed' : 'ok', detail: keyFailed ? failure?.detail : undefined },
    {
      label: `Signature Ed25519 du point de contrôle : ${checkpoint.treeSize} événements, racine ${checkpoint.rootHash.slice(0, 16)}…, signé le ${frenchDateTime(checkpoint.signedAt)}`,
      state: keyFailed ? 'unchecked' : checkpointFailed ? 'failed' : 'ok',
      detail: checkpointFailed && !keyFailed ? failure?.detail : undefined,
    },
  ];
  const failedAt = failure?.kind === 'EVENT_NOT_PROVEN' ? (failure.event?.index ?? -1) : checkpointFailed ? -1 : Infinity;
  trail.bundle.events.forEach((event, index) => {
    checks.push({
      label: `Décision n° ${event.envelope.revision} (${label(EVENT_TYPES, event.envelope.type)}, position ${event.envelope.position}) : empreinte SHA-256 et preuve d'inclusion`,
      state: index < failedAt ? 'ok' : index === failedAt ? 'failed' : 'unchecked',
      detail: index === failedAt ? failure?.detail : undefined,
    });
  });
  const streamFailed = failure?.kind === 'INCOMPLETE_STREAM' || (failure === undefined && trail.bundle.subject.completeStreams.length === 0);
  checks.push({
    label: 'Historique complet : aucune décision manquante entre la première et la dernière',
    state: result.ok ? (streamFailed ? 'failed' : 'ok') : failure?.kind === 'INCOMPLETE_STREAM' ? 'failed' : 'unchecked',
    detail: failure?.kind === 'INCOMPLETE_STREAM' ? failure.detail : undefined,
  });
  return checks;
};

const ICONS = { ok: 'fr-icon-success-fill ml-ok', failed: 'fr-icon-error-fill ml-failed', unchecked: 'fr-icon-subtract-line ml-muted' } as const;
const STATE_TEXT = { ok: 'vérifié', failed: 'échec', unchecked: 'non vérifié' } as const;

/**
 * Verification in the browser (DESIGN §5): the decisions, their inclusion proofs and the signed
 * checkpoint are fetched, and checked here with WebCrypto (SHA-256, Ed25519) against the public key,
 * by the same code as `verify-bundle`. The server's own verdict is never asked.
 */
export const VerifyPanel = ({ subject, loadHistory }: { subject: { kind: string; id: string; stream: string }; loadHistory: () => Promise<readonly HistoryEntry[]> }) => {
  const [state, setState] = useState<{ running: boolean; trail?: Trail; result?: BundleVerification; problem?: ApiProblem }>({ running: false });
  const run = async () => {
    setState({ running: true });
    try {
      const trail = await collectTrail(subject, await loadHistory(), apiSource);
      setState({ running: false, trail, result: await verifyTrail(trail, webCrypto()) });
    } catch (error) {
      setState({ running: false, problem: error instanceof ApiProblem ? error : new ApiProblem(0, 'UNEXPECTED', (error as Error).message) });
    }
  };
  const { trail, result } = state;
  const verdict = result && (result.ok && trail?.bundle.subject.completeStreams.length ? 'ok' : 'failed');
  return (
    <div>
      <p>
        Le navigateur recalcule l'empreinte de chaque décision, la relie par sa preuve d'inclusion à la racine du point de contrôle, et vérifie la signature de
        celui-ci avec la clé publique du registre — sans se fier au serveur.
      </p>
      <Button iconId="fr-icon-shield-line" onClick={() => void run()} disabled={state.running}>
        {state.running ? 'Vérification en cours…' : 'Vérifier dans le navigateur'}
      </Button>
      <div aria-live="polite" className="fr-mt-3w">
        {state.problem && <ProblemAlert problem={state.problem} retry={() => void run()} title="La vérification n'a pas pu être faite" />}
        {trail && result && (
          <>
            <p className={verdict === 'ok' ? 'ml-verdict ml-verdict--ok' : 'ml-verdict ml-verdict--failed'} data-verdict={verdict}>
              {verdict === 'ok'
                ? `Intégrité vérifiée : ${trail.bundle.events.length} décision${trail.bundle.events.length > 1 ? 's' : ''} conforme${trail.bundle.events.length > 1 ? 's' : ''} au registre signé.`
                : `Vérification échouée : ${result.ok ? "l'historique est incomplet." : FAILURES[result.failure.kind] ?? result.failure.kind}`}
            </p>
            <ul className="ml-checks">
              {checksOf(trail, result).map((check) => (
                <li key={check.label} className={`ml-check ml-check--${check.state}`}>
                  <span className={ICONS[check.state]} aria-hidden="true" /> <span className="fr-sr-only">{STATE_TEXT[check.state]} : </span>
                  {check.label}
                  {check.detail && <code className="ml-detail">{check.detail}</code>}
                </li>
              ))}
            </ul>
            {trail.pending.length > 0 && (
              <p className="fr-text--sm">
                {trail.pending.length} décision{trail.pending.length > 1 ? 's' : ''} récente{trail.pending.length > 1 ? 's' : ''} pas encore scellée
                {trail.pending.length > 1 ? 's' : ''} dans un point de contrôle signé : elle{trail.pending.length > 1 ? 's' : ''} le ser
                {trail.pending.length > 1 ? 'ont' : 'a'} dans quelques secondes.{' '}
                <button type="button" className="fr-link fr-text--sm" onClick={() => void run()}>
                  Vérifier à nouveau
                </button>
              </p>
            )}
          </>
        )}
      </div>
    </div>
  );
};
