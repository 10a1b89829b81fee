export * from './access-claims';
export * from './access-config';
export * from './sealed-token';
export * from './session-secret';
export * from './session-token';
export * from './sign-in-link';
export * from './single-use-register';
