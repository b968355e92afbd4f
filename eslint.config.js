import js from '@eslint/js';
import tseslint from 'typescript-eslint';

// architecture rules as import restrictions: common/ imports nothing; geometry/ imports only Turf
// and common/; the client never reaches into the server (and vice versa); map/ knows no domain;
// features never import each other.
const restrict = (files, patterns) => ({
  files,
  rules: { 'no-restricted-imports': ['error', { patterns }] },
});

const NO_SERVER = { group: ['**/server/**', 'pg'], message: 'the client talks HTTP' };
const NO_FEATURES = { group: ['**/features/**'], message: 'map/ knows no domain' };
const NO_SIBLING_FEATURE = {
  regex: String.raw`^\.\./(?!\.\.)[^/]+/`,
  message: 'features never import each other',
};

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', '.data/', 'test/artifacts/', 'geodata/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  restrict(
    ['common/**'],
    [{ regex: String.raw`^(?!\./)`, message: 'common/ imports only its own files' }],
  ),
  restrict(
    ['geometry/**'],
    [
      {
        group: ['**/client/**', '**/server/**', '**/scripts/**', '**/bench/**', '**/test/**'],
        message: 'geometry/ imports only Turf and common/',
      },
    ],
  ),
  // a later entry replaces an earlier one for the same file, so each zone repeats the client rule
  restrict(['client/**'], [NO_SERVER]),
  restrict(['client/features/**'], [NO_SERVER, NO_SIBLING_FEATURE]),
  restrict(['client/map/**'], [NO_SERVER, NO_FEATURES]),
  restrict(
    ['server/**'],
    [{ group: ['**/client/**'], message: 'the server never imports the client' }],
  ),
  // one idea per function: a longer one is split into named steps
  {
    files: ['server/**'],
    rules: {
      'max-lines-per-function': ['error', { max: 150, skipBlankLines: true, skipComments: true }],
    },
  },
);
