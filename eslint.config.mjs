// Type-aware lint for the whole project. `npm run lint` runs it and prettier; `npm test` runs lint first.
import eslint from '@eslint/js';
import prettier from 'eslint-config-prettier';
import tseslint from 'typescript-eslint';

/** Data access lives in repositories (and the database module, migrations, tests, benches). */
const noRawDatabase = {
  'no-restricted-imports': [
    'error',
    {
      paths: [
        {
          name: 'typeorm',
          importNames: ['DataSource', 'EntityManager', 'QueryRunner', 'Repository'],
          message: 'Services, controllers and cores use repositories; only *.repository.ts and src/database touch the database.',
        },
        { name: '@nestjs/typeorm', message: 'Only src/database wires TypeORM; modules take repositories.' },
      ],
      patterns: [{ group: ['../*/*.repository', '../../*/*.repository', '../*/*/*.repository'], message: "A module uses another module's service, never its repository." }],
    },
  ],
  'no-restricted-syntax': ['error', { selector: "CallExpression[callee.property.name='query']", message: 'SQL belongs in a repository (*.repository.ts).' }],
};

/** Pure calculation cores: plain data in, plain data out. */
const pureCore = {
  'no-restricted-imports': [
    'error',
    {
      patterns: [
        { group: ['@nestjs/*', 'typeorm', 'typeorm/*', 'pg', 'pg-*', 'express', 'express/*'], message: 'A core is pure: no Nest, TypeORM, pg or HTTP imports.' },
        {
          group: ['../*.service', '../*.repository', '../*.controller', '../../*/*.service', '../../*/*.repository'],
          message: 'A core depends only on other cores and plain helpers.',
        },
      ],
    },
  ],
  'no-restricted-syntax': ['error', { selector: "CallExpression[callee.property.name='query']", message: 'A core does no I/O.' }],
};

export default tseslint.config(
  { ignores: ['dist/**', 'data/**', 'node_modules/**', 'coverage/**', 'eslint.config.mjs', '.puppeteerrc.cjs', 'jest*.config.js', 'public/**'] },
  eslint.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': ['error', { considerDefaultExhaustiveForUnions: true }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
    },
  },
  {
    // Everything in src/ except repositories, the database module and tests: no SQL, no DataSource.
    files: ['src/**/*.ts'],
    ignores: ['src/**/*.repository.ts', 'src/database/**', 'src/**/*.spec.ts', 'src/**/testing/**'],
    rules: noRawDatabase,
  },
  {
    files: ['src/*/core/**/*.ts'],
    rules: pureCore,
  },
  {
    files: ['test/**/*.ts', 'bench/**/*.ts', 'src/**/*.spec.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/unbound-method': 'off',
      // Fixtures implement async interfaces (e.g. a route's `valid()` body builder) whether or not they await.
      '@typescript-eslint/require-await': 'off',
    },
  },
  prettier,
);
