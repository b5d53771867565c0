#!/usr/bin/env node
// Container health check without curl or grpcurl in the image:
//   healthcheck.js http [URL]         -> exit 0 on a 2xx answer
//                                        (default http://127.0.0.1:$COLLECTOR_PORT/readyz, port 8080 if unset)
//   healthcheck.js grpc [HOST:PORT]   -> exit 0 when grpc.health.v1 says SERVING
//                                        (default 127.0.0.1:$DETECTOR_PORT, port 50051 if unset)
// The defaults follow the service's own port variable, so a container started with another
// DETECTOR_PORT / COLLECTOR_PORT stays healthy. Exit 1 otherwise, with the reason on
// stderr (docker inspect shows it).
'use strict';

const TIMEOUT_MS = 3000;

function fail(reason) {
  process.stderr.write(`unhealthy: ${reason}\n`);
  process.exit(1);
}

async function checkHttp(url) {
  const res = await fetch(url, { signal: AbortSignal.timeout(TIMEOUT_MS) });
  if (res.status < 200 || res.status > 299) fail(`${url} answered ${res.status}`);
}

function checkGrpc(address) {
  // resolved from the app's node_modules (the detector depends on both)
  const grpc = require('@grpc/grpc-js');
  const { service } = require('grpc-health-check');
  const Health = grpc.makeGenericClientConstructor(service, 'Health');
  const client = new Health(address, grpc.credentials.createInsecure());
  return new Promise((resolve) => {
    client.Check({ service: '' }, { deadline: Date.now() + TIMEOUT_MS }, (err, res) => {
      client.close();
      if (err) fail(`${address}: ${err.message}`);
      if (res.status !== 'SERVING' && res.status !== 1) fail(`${address} status ${res.status}`);
      resolve();
    });
  });
}

/** The service's port from its environment variable, else its default. */
function envPort(name, fallback) {
  const v = process.env[name];
  if (v === undefined || v === '') return fallback;
  if (!/^\d{1,5}$/.test(v) || Number(v) < 1 || Number(v) > 65535) fail(`${name}=${JSON.stringify(v)} is not a port`);
  return Number(v);
}

const [kind, given] = process.argv.slice(2);
const run = kind === 'http' ? checkHttp : kind === 'grpc' ? checkGrpc : undefined;
if (!run) fail('usage: healthcheck.js http [URL] | grpc [HOST:PORT]');
const target =
  given ?? (kind === 'http' ? `http://127.0.0.1:${envPort('COLLECTOR_PORT', 8080)}/readyz` : `127.0.0.1:${envPort('DETECTOR_PORT', 50051)}`);
run(target).then(
  () => process.exit(0),
  (err) => fail(err.message),
);
