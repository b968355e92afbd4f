import path from 'node:path';
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
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

// features never import each other. A path pattern cannot know which folder the importing file
// is in (`../x/` from features/a/, `../../x/` from features/a/sub/), so this rule resolves each
// relative import against its file and reports one landing in another feature's folder.
const featureOf = (file) =>
  /(?:^|\/)client\/features\/([^/]+)\//.exec(file.split(path.sep).join('/'))?.[1] ?? null;
const noSiblingFeature = {
  meta: {
    type: 'problem',
    docs: { description: 'features never import each other' },
    messages: {
      sibling: "features never import each other: '{{source}}' is in features/{{other}}",
    },
    schema: [],
  },
  create(context) {
    const own = featureOf(context.filename);
    if (own === null) return {};
    const check = (node) => {
      const source = node.source?.value;
      if (typeof source !== 'string' || !source.startsWith('.')) return;
      const other = featureOf(path.resolve(path.dirname(context.filename), source));
      if (other !== null && other !== own) {
        context.report({ node, messageId: 'sibling', data: { source, other } });
      }
    };
    return {
      ImportDeclaration: check,
      ImportExpression: check,
      ExportNamedDeclaration: check,
      ExportAllDeclaration: check,
    };
  },
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
  {
    files: ['client/**/*.{ts,tsx}'],
    ...reactHooks.configs.flat.recommended,
    rules: {
      ...reactHooks.configs.flat.recommended.rules,
      'react-hooks/exhaustive-deps': 'error',
      // a page is a short composition of hooks and components; a longer function holds two ideas
      'max-lines-per-function': ['error', { max: 150, skipBlankLines: true, skipComments: true }],
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
  {
    files: ['client/features/**'],
    plugins: { architecture: { rules: { 'no-sibling-feature': noSiblingFeature } } },
    rules: { 'architecture/no-sibling-feature': 'error' },
  },
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
