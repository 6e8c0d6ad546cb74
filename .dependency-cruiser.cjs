/**
 * `npm run deps:check` (in .ci/run): the server's module boundaries, checked on every change.
 * A domain module (server/src/<module>/) reaches another only through its service, schemas or views;
 * its models are its own. modules.ts (the composition root) and migrations/cli/demo wire or seed them.
 */
module.exports = {
  forbidden: [
    {
      name: 'no-other-modules-models',
      comment: "A module calls another module's service, never its models (one direction: routes → service → models).",
      severity: 'error',
      from: { path: '^server/src/([^/]+)/', pathNot: '^server/src/(modules\\.ts|migrations|cli|demo)' },
      to: { path: '^server/src/([^/]+)/models\\.ts$', pathNot: '^server/src/$1/models\\.ts$' },
    },
    {
      name: 'no-routes-from-services',
      comment: 'Services hold the rules and know nothing of HTTP: no service or model imports routes.',
      severity: 'error',
      from: { path: '^server/src/[^/]+/(service|models)\\.ts$' },
      to: { path: '(routes|officeRoutes)\\.ts$' },
    },
    {
      name: 'no-file-cycles',
      comment: 'No import cycle between files.',
      severity: 'error',
      from: { path: '^server/src/' },
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
  },
};
