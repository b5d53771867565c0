import { parseTemplatesCsv } from './loganomaly-keys';

describe('templates CSV', () => {
  it('reads loghub templates: E<k> or k = key k, the rest of the line is the template (quotes undone)', () => {
    expect(parseTemplatesCsv('EventId,EventTemplate\r\nE5,<*>Receiving block<*>src:<*>dest:<*>\n7,"a, ""b"""\n', 'f')).toEqual([
      { key: '5', text: '<*>Receiving block<*>src:<*>dest:<*>' },
      { key: '7', text: 'a, "b"' },
    ]);
  });
  it.each([
    ['', /f: line 1: expected the header/],
    ['EventId,EventTemplate\nfoo\n', /f: line 2: expected "E<key>,<template>"/],
    ['EventId,EventTemplate\nE1,a\nE01,b\n', /f: line 3: key 1 has a second template/],
  ])('rejects %j naming the line', (text, msg) => {
    expect(() => parseTemplatesCsv(text, 'f')).toThrow(msg);
  });
});
