/** The pure calculation core of statements (domain.md §2–§7). No framework imports. */
export * from './types';
export * from './errors';
export * from './allocate';
export * from './membership';
export * from './drivers';
export * from './weights';
export * from './charge-context';
export * from './charges';
export * from './statement';
export * from './month-parts';
export * from './consolidate';
