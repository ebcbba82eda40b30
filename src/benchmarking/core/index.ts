/** The pure benchmarking core (domain.md §10): import from here. No framework imports. */
export * from './types';
export * from './kpi';
export * from './quartiles';
export * from './benchmark';
export * from './peer-view';
export * from './national';
export * from './format';
export { Rational, sumRational } from './rational';
export * from './privacy';
