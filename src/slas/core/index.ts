/** SLA evaluation core (domain.md §7): pure functions over plain data. */
export * from './types';
export * from './status';
export * from './periods';
export * from './membership';
export * from './measurements';
export * from './evaluate';
export * from './credits-range';
export * from './history';
export * from './breaches';
