export * from './compliance-report.builder';
export * from './compliance-report.content';
export * from './compliance-report.csv';
export * from './compliance-report.render';
export * from './open-data/open-data-source';
export * from './open-data/scdl-subventions';
export * from './open-data/decp';
export * from './open-data/open-data-sources.reader';
