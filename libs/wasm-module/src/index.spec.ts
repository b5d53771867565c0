import * as path from 'node:path';
import { compileWasmFile, wasmApi } from './index';

describe('compileWasmFile', () => {
  it('compiles a kernel the build wrote', () => {
    expect(wasmApi()).toBeDefined();
    // jest's global set-up ran infra/scripts/wasm-build.js, as `npm run build` does
    expect(compileWasmFile(path.resolve(__dirname, '../../iforest/wasm/forest-score.wasm'))).toBeInstanceOf(Object);
  });

  it('names a missing kernel and the build step instead of falling back silently', () => {
    expect(() => compileWasmFile('/nonexistent/kernel.wasm')).toThrow(/kernel \/nonexistent\/kernel\.wasm is missing: run `npm run build`/);
  });
});
