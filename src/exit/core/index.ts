/** The pure exit-quote core (domain.md §8). No framework imports. */
export * from './exit-quote';
