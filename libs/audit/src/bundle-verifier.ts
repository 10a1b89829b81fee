import { bundleVerificationSteps, type BundleVerification, type BundleVerifierOptions } from './bundle-verification';
import { runSteps } from './crypto-steps';
import { NODE_CRYPTO } from './node-crypto';

export * from './bundle-verification';

/**
 * Checks an evidence bundle offline with node:crypto: the key (against the trusted one if given),
 * the checkpoint's signature, then every event's leaf hash and inclusion proof against the signed
 * root, in order. Never throws for a bad bundle: returns the first failure, naming the event.
 */
export const verifyEvidenceBundle = (input: unknown, options: BundleVerifierOptions = {}): BundleVerification =>
  runSteps(bundleVerificationSteps(input, options), NODE_CRYPTO);
