/** Unit and property tests only (no database): `npm run test:unit`. */
const base = require('./jest.config');
module.exports = { ...base, roots: ['<rootDir>/src'], globalSetup: undefined, globalTeardown: undefined };
