// Jest environment for tests that run onnxruntime-node: the native binding creates typed
// arrays in Node's main realm, so the test realm must use the same constructors or
// onnxruntime's `instanceof Float32Array` checks fail. Use with the docblock
// `@jest-environment ./libs/deeplog/testing/onnx-environment.js`.
'use strict';
const { TestEnvironment } = require('jest-environment-node');

class OnnxEnvironment extends TestEnvironment {
  constructor(config, context) {
    super(config, context);
    for (const name of [
      'Float32Array', 'Float64Array', 'Int8Array', 'Int16Array', 'Int32Array', 'BigInt64Array',
      'Uint8Array', 'Uint16Array', 'Uint32Array', 'BigUint64Array', 'ArrayBuffer', 'SharedArrayBuffer',
    ]) {
      this.global[name] = globalThis[name];
    }
  }
}

module.exports = OnnxEnvironment;
