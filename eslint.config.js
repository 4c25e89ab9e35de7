// Lint is errors or off, never warnings. The module boundaries of STYLE.md are enforced here.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const stages = ['ingest', 'extract', 'analyse', 'index', 'search', 'publish'];
/** Modules of the workbench with the same boundaries as a stage; http and cli may import them. */
const services = ['accounts', 'audit'];
const all = [...stages, ...services, 'domain', 'jobs', 'platform', 'http', 'cli'];

/** An import of a top-level src folder, from anywhere below src/. */
const folder = (names) => `^(\\.\\./)+(${names.join('|')})(/|\\.js$)`;
/** An import of a stage's (or service's) internals rather than its entry file (index.ts). */
const stageInternals = `^(\\.\\./)+(${[...stages, ...services].join('|')})/(?!index\\.js$)`;

/**
 * Files that still build queries outside src/platform (issue 14, decision 0004): each belongs to
 * a module whose move into repositories is under way in its own branch. Remove a file from this
 * list when it stops building queries; the list only ever shrinks, and lint fails for any file
 * not on it that imports kysely, the schema's query types or calls the query builder.
 */
const queryBuilderPending = [
  // empty: every query outside src/platform has moved into a repository.
];

/**
 * Transitional bridges (issue 14): the one runtime import of platform/db/records.ts in a stage or
 * jobs, turning a raw handle into records for callers above that still pass `db`. Each file says
 * which calls to switch; delete it with its last caller.
 */
const handleBridges = ['src/index/handle-callers.ts', 'src/search/entities.ts', 'src/ingest/handle-callers.ts'];

const restrict = (patterns) => ({
  '@typescript-eslint/no-restricted-imports': ['error', { patterns }],
});
const rule = (names, message, allowTypeImports = false) => ({
  regex: folder(names),
  message,
  allowTypeImports,
});

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'data/', 'examples/', 'test/fixtures/', 'bench/out/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: 'readonly', console: 'readonly', Buffer: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': 'off',
    },
  },
  {
    files: ['src/domain/**/*.ts'],
    rules: restrict([rule(all.filter((n) => n !== 'domain'), 'domain is pure: it imports nothing else from src/.'), { regex: '^(\\.\\./)+main\\.js$', message: 'Only main.ts constructs adapters.' }]),
  },
  ...[...stages, ...services].map((stage) => ({
    files: [`src/${stage}/**/*.ts`, `src/${stage}/**/*.tsx`],
    rules: restrict([
      rule([...stages, ...services].filter((s) => s !== stage && s !== 'analyse').concat(['jobs', 'http', 'cli']), 'A stage (or accounts/audit) never imports another stage, jobs, http or cli: stages communicate through persisted records.'),
      { regex: '^(\\.\\./)+analyse/(?!index\\.js$)', message: 'The shared analysis chain is imported through analyse/index.js only.' },
      rule(['platform'], 'A stage may import only types from platform; adapters are injected by main.ts.', true),
    ]),
  })),
  {
    files: ['src/jobs/**/*.ts'],
    rules: restrict([
      rule(['http', 'cli'], 'jobs never imports http or cli.'),
      rule(['platform'], 'jobs may import only types from platform; adapters are injected by main.ts.', true),
      { regex: stageInternals, message: 'Import a stage through its entry file (index.js).' },
    ]),
  },
  {
    files: ['src/platform/**/*.ts'],
    rules: restrict([rule([...stages, 'jobs', 'http', 'cli'], 'platform holds adapters and drivers; it never imports stages, jobs, http or cli.')]),
  },
  {
    // One data layer (decision 0004): only src/platform builds SQL. Elsewhere the database is
    // reached through repositories (records.read / records.transact) and a handle (DbHandle) is
    // only passed on to adapters. The core rule, so it adds to the boundary rules above.
    files: ['src/**/*.ts', 'src/**/*.tsx'],
    ignores: ['src/platform/**', ...queryBuilderPending],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'kysely', message: 'Only src/platform builds queries: add a method to a repository in src/platform/db/repositories/ (decision 0004).' }],
          patterns: [{ group: ['**/platform/db/schema.js'], message: 'Table types belong to the repositories: use the domain types they return (decision 0004).' }],
        },
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector: "CallExpression[callee.property.name=/^(selectFrom|insertInto|replaceInto|updateTable|deleteFrom|mergeInto|selectNoFrom)$/]",
          message: 'Only src/platform builds queries: add a method to a repository in src/platform/db/repositories/ (decision 0004).',
        },
      ],
    },
  },
  {
    files: handleBridges,
    rules: { '@typescript-eslint/no-restricted-imports': 'off' },
  },
  {
    files: ['src/http/**/*.ts', 'src/http/**/*.tsx', 'src/cli/**/*.ts'],
    rules: restrict([
      rule(['platform'], 'http and cli receive adapters from main.ts; import only platform types.', true),
      { regex: stageInternals, message: 'Import a stage through its entry file (index.js).' },
    ]),
  },
);
