import { ForestLayout } from './forest-layout';
import { IsolationForest, Xoshiro128 } from './index';
import { wasmKernelAvailable } from './wasm-kernel';

describe('scoring kernels', () => {
  // ψ 200: depth 8, the kernel's straight walk; ψ 16: depth 4, padded to 8 by the kernel;
  // ψ 1000: depth 10, two levels through the kernel's loop first.
  it.each([200, 16, 1000])('WebAssembly and JavaScript kernels give bit-identical path-length sums (maxSamples %i)', (maxSamples) => {
    expect(wasmKernelAvailable()).toBe(true);
    const rng = new Xoshiro128(9);
    const nRows = 1003; // not a multiple of the kernels' row groups
    const nCols = 7;
    const data = new Float64Array(nRows * nCols);
    for (let i = 0; i < data.length; i++) data[i] = rng.nextDouble() * (i % 5) - 1;
    const forest = IsolationForest.fitFlat({ data, nRows, nCols }, { seed: 3, maxSamples });
    const layout = new ForestLayout(forest.trees, forest.maxDepth);
    const viaWasm = new Float64Array(nRows);
    const viaJs = new Float64Array(nRows);
    layout.sumPathLengths(data, nRows, nCols, viaWasm);
    layout.sumPathLengthsJs(data, nRows, nCols, viaJs);
    expect(Array.from(viaWasm)).toEqual(Array.from(viaJs));
    // A single row (padded to a row group by the kernel) agrees with the batch.
    const one = new Float64Array(1);
    layout.sumPathLengths(data.subarray(5 * nCols, 6 * nCols), 1, nCols, one);
    expect(one[0]).toBe(viaJs[5]);
  });
});
