import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const fsImports = {
  paths: [
    { name: 'fs', message: 'Only shared/workspace writes files; read through it as well.' },
    { name: 'node:fs', message: 'Only shared/workspace writes files; read through it as well.' },
    {
      name: 'fs/promises',
      message: 'Only shared/workspace writes files; read through it as well.',
    },
    {
      name: 'node:fs/promises',
      message: 'Only shared/workspace writes files; read through it as well.',
    },
  ],
};

export default tseslint.config(
  {
    ignores: [
      'node_modules/**',
      'dist/**',
      'coverage/**',
      'test/golden/**',
      '.bench/**',
      '.scratch*/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    rules: {
      'no-console': ['error', { allow: ['error', 'warn'] }],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['servers/**/*.ts', 'shared/**/*.ts'],
    ignores: ['shared/workspace/**', 'shared/render/**'],
    rules: { 'no-restricted-imports': ['error', fsImports] },
  },
  {
    files: ['**/*.mjs', '**/*.js'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
  },
  {
    files: ['test/**/*.ts', 'bench/**/*.ts', 'cli/**/*.ts'],
    rules: { 'no-console': 'off' },
  },
);
