import { BulkBodyError, bulkLineCount, parseBulkBody } from './es-bulk-body';

describe('parseBulkBody', () => {
  it('pairs index/create actions with their documents, skipping blank lines and ignoring _type and extra keys', () => {
    const ops = parseBulkBody('{"index":{"_index":"a","_type":"_doc","_id":"1","pipeline":"p"},"attempts":0}\r\n{"message":"one"}\n\n{"create":{}}\n{"message":"two"}\n', 'path-index');
    expect(ops).toEqual([
      { kind: 'doc', action: 'index', index: 'a', id: '1', doc: { message: 'one' }, line: '{"message":"one"}' },
      { kind: 'doc', action: 'create', index: 'path-index', doc: { message: 'two' }, line: '{"message":"two"}' },
    ]);
  });
  it('refuses delete (no source line) and update (with its line) per item, keeping the pairing', () => {
    const ops = parseBulkBody('{"delete":{"_index":"a","_id":"1"}}\n{"update":{"_index":"a","_id":"2"}}\n{"doc":{}}\n{"index":{"_index":"a"}}\n{"message":"x"}\n', undefined);
    expect(ops.map((o) => [o.kind, o.action])).toEqual([['refused', 'delete'], ['refused', 'update'], ['doc', 'index']]);
  });
  it('refuses a document that is not an object or not JSON, and a missing index, per item', () => {
    const ops = parseBulkBody('{"index":{"_index":"a"}}\n[1]\n{"index":{"_index":"a"}}\n{oops\n{"index":{}}\n{"message":"x"}\n', undefined);
    expect(ops.map((o) => (o.kind === 'refused' ? o.type : 'ok'))).toEqual(['document_parsing_exception', 'document_parsing_exception', 'action_request_validation_exception']);
  });
  it('numeric _id becomes a string; a bad _id is refused', () => {
    expect(parseBulkBody('{"index":{"_index":"a","_id":7}}\n{"message":"x"}\n', undefined)[0]).toMatchObject({ kind: 'doc', id: '7' });
    expect(parseBulkBody('{"index":{"_index":"a","_id":{}}}\n{"message":"x"}\n', undefined)[0]).toMatchObject({ kind: 'refused', reason: '_id must be a string' });
  });
  it('throws for a line that breaks the pairing: not JSON, unknown action, no source line', () => {
    expect(() => parseBulkBody('nope\n', undefined)).toThrow(BulkBodyError);
    expect(() => parseBulkBody('{"upsert":{}}\n{}\n', undefined)).toThrow(/expected one of/);
    expect(() => parseBulkBody('{"index":{"_index":"a"}}\n', undefined)).toThrow(/no source line/);
  });
});

describe('bulkLineCount', () => {
  it('counts non-blank lines and stops past the limit', () => {
    expect(bulkLineCount('a\n\n b\r\nc', 10)).toBe(3);
    expect(bulkLineCount('a\nb\nc\nd\n', 2)).toBe(3);
  });
});
