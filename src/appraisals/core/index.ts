/** The pure options appraisal core (domain.md §15): import from here. No framework imports. */
export * from './discount';
export * from './appraisal';
