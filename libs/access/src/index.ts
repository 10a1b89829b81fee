export * from './auth-secret';
export * from './jwt';
export * from './token-policy';
