import { WASM_HEADER, name, section, sleb, uleb, vec, wasmApi } from './index';

describe('wasm-asm encoders', () => {
  it('encodes LEB128 as the WebAssembly spec examples do', () => {
    expect(uleb(0)).toEqual([0x00]);
    expect(uleb(127)).toEqual([0x7f]);
    expect(uleb(128)).toEqual([0x80, 0x01]);
    expect(uleb(624485)).toEqual([0xe5, 0x8e, 0x26]);
    expect(sleb(0)).toEqual([0x00]);
    expect(sleb(-1)).toEqual([0x7f]);
    expect(sleb(63)).toEqual([0x3f]);
    expect(sleb(64)).toEqual([0xc0, 0x00]);
    expect(sleb(-123456)).toEqual([0xc0, 0xbb, 0x78]);
  });

  it('rejects values outside 32 bits', () => {
    expect(() => uleb(-1)).toThrow(RangeError);
    expect(() => uleb(2 ** 32)).toThrow(RangeError);
    expect(() => sleb(2 ** 31)).toThrow(RangeError);
    expect(() => name('é')).toThrow(RangeError);
  });

  it('assembles a module the runtime accepts and runs', () => {
    const api = wasmApi();
    expect(api).toBeDefined();
    // (func (export "add") (param i32 i32) (result i32) local.get 0 local.get 1 i32.add)
    const type = [0x60, ...vec([[0x7f], [0x7f]]), ...vec([[0x7f]])];
    const body = [...vec([]), 0x20, 0, 0x20, 1, 0x6a, 0x0b];
    const bytes = Uint8Array.from([
      ...WASM_HEADER,
      ...section(1, vec([type])),
      ...section(3, vec([[0]])),
      ...section(7, vec([[...name('add'), 0x00, 0]])),
      ...section(10, vec([[...uleb(body.length), ...body]])),
    ]);
    expect(api!.validate(bytes)).toBe(true);
    const inst = new api!.Instance(new api!.Module(bytes), {});
    expect((inst.exports.add as (a: number, b: number) => number)(40, 2)).toBe(42);
  });
});
