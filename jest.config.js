// Two jest projects: `unit` (*.spec.ts, pure and fast) and `integration` (*.int.spec.ts,
// real Elasticsearch, gRPC and HTTP servers on loopback). `npm test` runs both.
'use strict';
const { project } = require('./jest.preset');

module.exports = { projects: [project('unit'), project('integration')] };
