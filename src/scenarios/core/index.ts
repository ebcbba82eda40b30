/** The pure core of what-if scenarios (domain.md §14). */
export * from './scenario';
