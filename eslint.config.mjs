// Lint: typescript-eslint (type-aware: no floating promises) and nx module boundaries.
// Tags: scope:shared|collector|detector|cli|bench, type:app|feature|io|domain|proto|algorithm.
// apps/bench (scope:bench) may use the CLI's libraries; nothing depends on it.
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
    files: ['**/*.spec.ts', 'infra/**/*.ts'],
    rules: { 'no-console': 'off', '@typescript-eslint/no-non-null-assertion': 'off' },
  },
);
