// Lint: typescript-eslint (type-aware: no floating promises) and nx module boundaries.
// Tags: scope:shared|collector|detector|cli|bench, type:app|feature|io|domain|proto|algorithm.
// apps/bench (scope:bench) may use the CLI's libraries; nothing depends on it.
import fs from 'node:fs';
import path from 'node:path';
import nx from '@nx/eslint-plugin';
import tseslint from 'typescript-eslint';

const ioPackages = [
  'express',
  '@elastic/elasticsearch',
  '@grpc/grpc-js',
  '@grpc/proto-loader',
  'chokidar',
  'pino',
  'prom-client',
];

// Node built-ins that do I/O (files, network, processes, threads): the algorithm and domain
// libs are pure computations over what they are given, so they may not import these either.
const ioBuiltins = ['fs', 'fs/promises', 'net', 'http', 'https', 'http2', 'dgram', 'dns', 'tls', 'child_process', 'cluster', 'worker_threads', 'readline', 'inspector']
  .flatMap((m) => [m, `node:${m}`]);
// The libs tagged type:algorithm or type:domain, read from their project.json.
const libsDir = path.join(import.meta.dirname, 'libs');
const pureLibs = fs
  .readdirSync(libsDir)
  .filter((l) => {
    const project = path.join(libsDir, l, 'project.json');
    const tags = fs.existsSync(project) ? (JSON.parse(fs.readFileSync(project, 'utf8')).tags ?? []) : [];
    return tags.includes('type:algorithm') || tags.includes('type:domain');
  })
  .map((l) => `libs/${l}/src/**/*.ts`);

export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', 'libs/proto/src/generated/**', 'libs/proto/static/**', '**/*.js', '**/*.mjs', '**/*.cjs'] },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts', '**/*.tsx'],
    plugins: { '@nx': nx },
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { arguments: false } }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'error',
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: false,
          allow: [],
          depConstraints: [
            {
              sourceTag: 'type:algorithm',
              onlyDependOnLibsWithTags: ['type:algorithm'],
              bannedExternalImports: ioPackages,
            },
            { sourceTag: 'type:domain', onlyDependOnLibsWithTags: ['type:domain', 'type:algorithm'], bannedExternalImports: ioPackages },
            { sourceTag: 'type:proto', onlyDependOnLibsWithTags: ['type:proto'] },
            { sourceTag: 'type:io', onlyDependOnLibsWithTags: ['type:io', 'type:domain', 'type:proto', 'type:algorithm'] },
            { sourceTag: 'type:feature', onlyDependOnLibsWithTags: ['type:feature', 'type:io', 'type:domain', 'type:proto', 'type:algorithm'] },
            { sourceTag: 'type:app', notDependOnLibsWithTags: ['type:app'] },
            { sourceTag: 'scope:collector', notDependOnLibsWithTags: ['scope:detector', 'scope:cli', 'scope:bench'] },
            { sourceTag: 'scope:detector', notDependOnLibsWithTags: ['scope:collector', 'scope:cli', 'scope:bench'] },
            { sourceTag: 'scope:cli', notDependOnLibsWithTags: ['scope:bench'] },
            { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: ['scope:shared'] },
          ],
        },
      ],
    },
  },
  {
    files: pureLibs,
    ignores: [
      '**/*.spec.ts',
      '**/*.spec-helper.ts',
      // The three exceptions, each the whole of its lib's I/O: reading a shipped WebAssembly
      // binary at load, and DeepLog's one training thread (its script found on disk and started).
      'libs/wasm-module/src/index.ts',
      'libs/deeplog/src/gradient-engine.ts',
      'libs/deeplog/src/train-worker.ts',
    ],
    rules: {
      'no-restricted-imports': ['error', { paths: ioBuiltins.map((name) => ({ name, message: 'algorithm and domain libs do no I/O: take data as arguments (see eslint.config.mjs for the three exceptions)' })) }],
    },
  },
  {
    files: ['**/*.spec.ts', 'infra/**/*.ts'],
    rules: { 'no-console': 'off', '@typescript-eslint/no-non-null-assertion': 'off' },
  },
);
