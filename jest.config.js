// Two jest projects: `unit` (*.spec.ts, pure and fast) and `integration` (*.int.spec.ts,
// real Elasticsearch, gRPC and HTTP servers on loopback). `npm test` runs both.
'use strict';
const { project } = require('./jest.preset');

// testTimeout is a global option (jest ignores it inside a project): 60 s covers the
// integration tests' real processes; tests that need longer set their own.
module.exports = { testTimeout: 60000, projects: [project('unit'), project('integration')] };
