export * from './compliance-report.builder';
export * from './compliance-report.content';
export * from './compliance-report.csv';
export * from './compliance-report.render';
