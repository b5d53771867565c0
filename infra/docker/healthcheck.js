#!/usr/bin/env node
// Container health check without curl or grpcurl in the image:
//   healthcheck.js http http://127.0.0.1:8080/readyz   -> exit 0 on a 2xx answer
//   healthcheck.js grpc 127.0.0.1:50051                -> exit 0 when grpc.health.v1 says SERVING
// Exit 1 otherwise, with the reason on stderr (docker inspect shows it).
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

const [kind, target] = process.argv.slice(2);
const run = kind === 'http' ? checkHttp : kind === 'grpc' ? checkGrpc : undefined;
if (!run || !target) fail('usage: healthcheck.js http URL | grpc HOST:PORT');
run(target).then(
  () => process.exit(0),
  (err) => fail(err.message),
);
