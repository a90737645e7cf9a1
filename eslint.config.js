import js from '@eslint/js';
import tseslint from 'typescript-eslint';

// The file-system rule (docs/ARCHITECTURE.md, "The file-system rule"): in the servers and shared/,
// only shared/workspace touches a project's files (reads and writes, inside the roots), and
// shared/host probes the machine (PATH, /proc). shared/render/renderer.ts finds the package's own
// templates/ directory. cli/ is an MCP client, not a server: it creates the demo project itself.
const FS_MESSAGE =
  'Project files go through shared/workspace (host probes: shared/host); see docs/ARCHITECTURE.md.';
const fsPaths = ['fs', 'node:fs', 'fs/promises', 'node:fs/promises'].map((name) => ({
  name,
  message: FS_MESSAGE,
}));
// Child processes: only shared/mix starts them (execa, a timeout, no shell).
const processPaths = ['child_process', 'node:child_process', 'execa'].map((name) => ({
  name,
  message: 'Only shared/mix starts child processes (execa, timeout, no shell).',
}));

// Layers: what each folder of shared/ may import from the other folders of shared/. A folder
// missing from this table is not checked yet; add it when you add the folder.
const LAYERS = {
  naming: [],
  workspace: [],
  host: [],
  diff: [],
  model: ['naming'],
  render: ['naming'],
  project: ['naming', 'model', 'elixir', 'workspace'],
  plan: ['model', 'workspace'],
  elixir: ['model', 'plan', 'naming'],
  view: ['model', 'render', 'naming'],
  mix: ['workspace', 'host'],
  evolve: ['model', 'plan', 'elixir', 'view', 'render', 'database'],
  generate: ['model', 'plan', 'view', 'render', 'elixir', 'evolve', 'workspace', 'naming'],
  mcp: ['workspace', 'plan'],
  database: ['model', 'naming'],
  pipeline: [],
};
const SHARED = [
  'naming',
  'workspace',
  'host',
  'diff',
  'model',
  'render',
  'project',
  'plan',
  'elixir',
  'view',
  'mix',
  'evolve',
  'generate',
  'mcp',
  'database',
  'pipeline',
];
LAYERS.pipeline = SHARED.filter((d) => d !== 'pipeline');

function layerRules(folder) {
  const allowed = new Set([folder, ...LAYERS[folder]]);
  const forbidden = SHARED.filter((d) => !allowed.has(d));
  const patterns = [
    {
      group: ['**/servers/**', '**/cli/**'],
      message: 'shared/ is imported by the servers and the CLI, never the other way round.',
    },
  ];
  if (forbidden.length > 0) {
    patterns.push({
      group: forbidden.flatMap((d) => [`../${d}/**`, `../../${d}/**`]),
      message: `shared/${folder} may import only ${LAYERS[folder].join(', ') || 'nothing else'} from shared/ (docs/ARCHITECTURE.md, "Folder map").`,
    });
  }
  const fsFree = !['workspace', 'host', 'render'].includes(folder);
  const paths = [...(fsFree ? fsPaths : []), ...(folder === 'mix' ? [] : processPaths)];
  return { 'no-restricted-imports': ['error', { paths, patterns }] };
}

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
  ...SHARED.map((folder) => ({
    files: [`shared/${folder}/**/*.ts`],
    rules: layerRules(folder),
  })),
  {
    // The renderer alone in shared/render may look for the package's templates/ directory.
    files: ['shared/render/**/*.ts'],
    ignores: ['shared/render/renderer.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [...fsPaths, ...processPaths],
          patterns: layerRules('render')['no-restricted-imports'][1].patterns,
        },
      ],
    },
  },
  {
    files: ['servers/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [...fsPaths, ...processPaths] }] },
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
