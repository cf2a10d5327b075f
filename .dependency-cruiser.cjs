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
        'src/app works on ports: only src/domain, src/app itself, the Store port (src/store/store.ts, which ' +
        'also holds readModifyWrite, a helper over the port) and the text kernel src/i18n (see i18n-is-a-kernel).',
      severity: 'error',
      from: { path: '^src/app/' },
      to: {
        path: '^src/',
        pathNot: ['^src/domain/', '^src/app/', '^src/store/store\\.ts$', '^src/i18n/'],
      },
    },
    // Why src/app may import src/i18n (a decision, not an oversight): a use case's view model
    // carries its texts already in the reader's language (DESIGN.md section 4, "Views are pure"),
    // and those texts are fixed data that ships with the code (cards/strings/*, ICU messages) plus
    // the one date format (luxon, the reader's zone). That makes src/i18n part of the shared
    // kernel, like src/domain, rather than an adapter: nothing in it varies per deployment or
    // needs a fake in tests, so a translator port threaded through every view function and its
    // callers would add parameters without adding a seam. What keeps that honest is the rule
    // below: src/i18n itself imports only the domain (and project-root, to find its tables).
    {
      name: 'i18n-is-a-kernel',
      comment:
        "src/i18n (texts and dates in the reader's language) imports only src/domain, itself and " +
        'src/project-root.ts: no store, no Teams, no HTTP, no jobs, so src/app may use it like the domain.',
      severity: 'error',
      from: { path: '^src/i18n/' },
      to: { path: '^src/', pathNot: ['^src/domain/', '^src/i18n/', '^src/project-root\\.ts$'] },
    },
    {
      name: 'domain-and-app-no-io',
      comment: 'src/domain, src/app and src/i18n know no Teams, HTTP or database.',
      severity: 'error',
      from: { path: '^src/(domain|app|i18n)/' },
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
