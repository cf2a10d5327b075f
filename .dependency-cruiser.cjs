// The layer rules of ../shared/DESIGN.md section 4, checked by test/architecture/layers.test.ts
// (part of `npm test`). Each rule's name appears in the failure together with the import.
'use strict';

/** Files allowed to wire everything together (the composition root). */
const ROOT = '^src/(service|index)\\.ts$';

module.exports = {
  forbidden: [
    {
      name: 'domain-imports-only-domain',
      comment: 'src/domain is pure: it imports nothing of the project outside itself.',
      severity: 'error',
      from: { path: '^src/domain/' },
      to: { path: '^src/', pathNot: '^src/domain/' },
    },
    {
      name: 'app-imports-only-domain-and-ports',
      comment:
        'src/app works on ports: only src/domain, src/app itself, the Store port (src/store/store.ts and its ' +
        "read-modify-write helper) and the message texts (src/i18n, for view models in the reader's language).",
      severity: 'error',
      from: { path: '^src/app/' },
      to: {
        path: '^src/',
        pathNot: ['^src/domain/', '^src/app/', '^src/store/(store|read-modify-write)\\.ts$', '^src/i18n/'],
      },
    },
    {
      name: 'domain-and-app-no-io',
      comment: 'src/domain and src/app know no Teams, HTTP or database.',
      severity: 'error',
      from: { path: '^src/(domain|app)/' },
      to: {
        dependencyTypes: ['npm', 'npm-dev', 'npm-optional', 'npm-peer', 'npm-no-pkg', 'npm-unknown', 'core'],
        path: ['^(node_modules/)?(botbuilder|botframework-|restify|@azure/cosmos|better-sqlite3)', '^(node:)?https?$'],
      },
    },
    {
      name: 'store-imports-only-domain',
      comment: 'src/store (the Store port and its adapters) imports only src/domain of the project.',
      severity: 'error',
      from: { path: '^src/store/' },
      to: { path: '^src/', pathNot: ['^src/store/', '^src/domain/'] },
    },
    {
      name: 'botbuilder-only-in-teams',
      comment: 'Only src/teams (and the composition root) imports botbuilder / botframework-*.',
      severity: 'error',
      from: { path: '^src/', pathNot: ['^src/teams/', ROOT] },
      to: { path: '^(node_modules/)?(botbuilder|botframework-)' },
    },
    {
      name: 'restify-only-in-http',
      comment: 'Only src/http (and the composition root) imports restify.',
      severity: 'error',
      from: { path: '^src/', pathNot: ['^src/http/', ROOT] },
      to: { path: '^(node_modules/)?restify' },
    },
    {
      name: 'jobs-not-teams',
      comment: 'src/jobs does not import src/teams: the composition root hands it what it needs.',
      severity: 'error',
      from: { path: '^src/jobs/' },
      to: { path: '^src/teams/' },
    },
    {
      name: 'teams-not-jobs',
      comment: 'src/teams does not import src/jobs: the composition root hands it what it needs.',
      severity: 'error',
      from: { path: '^src/teams/' },
      to: { path: '^src/jobs/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    exclude: { path: '^dist/' },
  },
};
