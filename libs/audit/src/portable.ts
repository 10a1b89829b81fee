// The library's entry point for code that runs anywhere, browsers included: canonical JSON, the
// evidence bundle's shape, and its verification with the crypto injected (WebCrypto in the console).
// Everything reachable from here imports nothing from Node.js (checked by dependency-cruiser).
export * from './canonical-json';
export * from './crypto-steps';
export * from './evidence-bundle';
export * from './inclusion-proof';
export * from './signed-note-reader';
export * from './bundle-verification';
