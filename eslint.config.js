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
    files: ['src/http/**/*.ts', 'src/http/**/*.tsx', 'src/cli/**/*.ts'],
    rules: restrict([
      rule(['platform'], 'http and cli receive adapters from main.ts; import only platform types.', true),
      { regex: stageInternals, message: 'Import a stage through its entry file (index.js).' },
    ]),
  },
);
