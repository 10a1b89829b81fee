export * from './access-policy';
export * from './command-context';
export * from './command-runner';
export * from './commands';
export * from './principal';
export * from './report-access';
export * from './fingerprint';
export * from './application-config';
