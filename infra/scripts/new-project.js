#!/usr/bin/env node
// Scaffolds a workspace project: package.json, project.json (nx tags), tsconfig.json,
// jest.config.js and src/index.ts. Usage:
//   node infra/scripts/new-project.js libs/spool --tags scope:collector,type:io --deps schema,proto
// Then run `npm install` (under `flock /tmp/log-sentinel-npm.lock`) so the workspace link exists.
'use strict';
const fs = require('node:fs');
const path = require('node:path');

function main(argv) {
  const dir = argv[0];
  if (!dir || !/^(apps|libs)\/[a-z0-9-]+$/.test(dir)) {
    throw new Error('first argument must be apps/<name> or libs/<name> (kebab-case)');
  }
  const opt = (name) => {
    const i = argv.indexOf(name);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const tags = (opt('--tags') ?? '').split(',').filter(Boolean);
  const deps = (opt('--deps') ?? '').split(',').filter(Boolean);
  const root = path.resolve(__dirname, '..', '..');
  const abs = path.join(root, dir);
  const name = path.basename(dir);
  const isApp = dir.startsWith('apps/');
  if (fs.existsSync(path.join(abs, 'package.json'))) throw new Error(`${dir} already exists`);
  fs.mkdirSync(path.join(abs, 'src'), { recursive: true });
  const write = (file, content) => fs.writeFileSync(path.join(abs, file), content);
  const pkg = {
    name: `@log-sentinel/${isApp ? name + '-app' : name}`,
    version: '0.1.0',
    private: true,
    main: 'dist/index.js',
    types: 'dist/index.d.ts',
    dependencies: Object.fromEntries(deps.map((d) => [`@log-sentinel/${d}`, '*'])),
  };
  write('package.json', JSON.stringify(pkg, null, 2) + '\n');
  write(
    'project.json',
    JSON.stringify(
      {
        name,
        $schema: '../../node_modules/nx/schemas/project-schema.json',
        sourceRoot: `${dir}/src`,
        projectType: isApp ? 'application' : 'library',
        tags,
        targets: {
          build: { command: `tsc -b ${dir}` },
          test: { command: `jest --selectProjects unit integration --rootDir . --testPathPatterns ${dir}/` },
          lint: { command: `eslint ${dir}` },
        },
      },
      null,
      2,
    ) + '\n',
  );
  write(
    'tsconfig.json',
    JSON.stringify(
      {
        extends: '../../tsconfig.base.json',
        compilerOptions: { rootDir: 'src', outDir: 'dist', tsBuildInfoFile: 'dist/.tsbuildinfo' },
        include: ['src/**/*.ts'],
        references: deps.map((d) => ({ path: `../../libs/${d}` })),
      },
      null,
      2,
    ) + '\n',
  );
  write('src/index.ts', `/** ${name}: public entry point. */\nexport {};\n`);
  process.stdout.write(`created ${dir}; now run: flock /tmp/log-sentinel-npm.lock npm install\n`);
}

try {
  main(process.argv.slice(2));
} catch (err) {
  process.stderr.write(`new-project: ${err.message}\n`);
  process.exit(2);
}
