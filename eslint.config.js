import js from '@eslint/js';
import tseslint from 'typescript-eslint';

// architecture rules as import restrictions: common/ imports nothing; the client never reaches into
// the server (and vice versa); map/ knows no domain; features never import each other.
const restrict = (files, patterns) => ({
  files,
  rules: { 'no-restricted-imports': ['error', { patterns }] },
});

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
  restrict(['client/**'], [{ group: ['**/server/**', 'pg'], message: 'the client talks HTTP' }]),
  restrict(['client/map/**'], [{ group: ['**/features/**'], message: 'map/ knows no domain' }]),
  restrict(
    ['server/**'],
    [{ group: ['**/client/**'], message: 'the server never imports the client' }],
  ),
);
