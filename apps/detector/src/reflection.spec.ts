import { loadDetectorProto } from '@log-sentinel/proto';
import { service as healthService } from 'grpc-health-check';
import { FileDescriptorProto } from 'protobufjs/ext/descriptor';
import { completeFileDescriptors, jsonName, mapEntryName } from './reflection';

interface Decoded {
  name: string;
  package: string;
  dependency: string[];
  messageType: { name: string; field: { name: string; typeName?: string; jsonName?: string }[]; nestedType: { name: string }[] }[];
  service: { name: string; method: { inputType: string; outputType: string }[] }[];
}
const decode = (files: Uint8Array[]): Decoded[] => files.map((b) => FileDescriptorProto.toObject(FileDescriptorProto.decode(b), { arrays: true }) as Decoded);
const encode = (obj: object): Buffer => FileDescriptorProto.encode(FileDescriptorProto.fromObject(obj)).finish() as Buffer;

describe('completeFileDescriptors', () => {
  const files = decode(completeFileDescriptors({ ...loadDetectorProto().definition, 'grpc.health.v1.Health': healthService }));
  const byPackage = (p: string): Decoded => files.find((f) => f.package === p)!;

  it('serves the detector, google.protobuf and grpc.health.v1 files once each', () => {
    expect(files.map((f) => f.package).sort()).toEqual(['google.protobuf', 'grpc.health.v1', 'sentinel.detector.v1']);
  });

  it('declares the file that defines google.protobuf.Timestamp as a dependency of the detector file', () => {
    const google = byPackage('google.protobuf');
    expect(google.messageType.map((m) => m.name)).toContain('Timestamp');
    expect(byPackage('sentinel.detector.v1').dependency).toEqual([google.name]);
    expect(byPackage('grpc.health.v1').dependency).toEqual([]);
  });

  it('writes every type reference fully qualified, as protoc does', () => {
    const detector = byPackage('sentinel.detector.v1');
    const logRecord = detector.messageType.find((m) => m.name === 'LogRecord')!;
    expect(logRecord.field.find((f) => f.name === 'timestamp')!.typeName).toBe('.google.protobuf.Timestamp');
    const refs = detector.messageType.flatMap((m) => m.field.flatMap((f) => (f.typeName ? [f.typeName] : [])));
    refs.push(...detector.service.flatMap((s) => s.method.flatMap((m) => [m.inputType, m.outputType])));
    expect(refs.length).toBeGreaterThan(10);
    expect(refs.filter((r) => !r.startsWith('.'))).toEqual([]);
  });

  it('names map entries <Field>Entry (LogRecord.labels → LabelsEntry)', () => {
    const logRecord = byPackage('sentinel.detector.v1').messageType.find((m) => m.name === 'LogRecord')!;
    expect(logRecord.nestedType.map((n) => n.name)).toEqual(['LabelsEntry']);
    expect(logRecord.field.find((f) => f.name === 'labels')!.typeName).toBe('.sentinel.detector.v1.LogRecord.LabelsEntry');
  });

  it('sets JSON names as protoc does, so reflection and -proto clients print the same JSON', () => {
    const result = byPackage('sentinel.detector.v1').messageType.find((m) => m.name === 'DetectResult')!;
    expect(result.field.find((f) => f.name === 'record_id')!.jsonName).toBe('recordId');
    expect(files.flatMap((f) => f.messageType.flatMap((m) => m.field)).filter((f) => !f.jsonName)).toEqual([]);
  });

  it('refuses a reference it cannot resolve instead of serving a broken descriptor', () => {
    const broken = encode({ name: 'x.proto', package: 'x', messageType: [{ name: 'M', field: [{ name: 'f', number: 1, type: 'TYPE_MESSAGE', typeName: 'nowhere.Missing' }] }] });
    expect(() => completeFileDescriptors({ M: { fileDescriptorProtos: [broken] } })).toThrow('x.proto: x.M.f refers to unknown type nowhere.Missing');
  });

  it('refuses two different files of the same name', () => {
    const a = encode({ name: 'x.proto', package: 'x', messageType: [{ name: 'A' }] });
    const b = encode({ name: 'x.proto', package: 'x', messageType: [{ name: 'B' }] });
    expect(() => completeFileDescriptors({ A: { fileDescriptorProtos: [a] }, B: { fileDescriptorProtos: [b] } })).toThrow('two different descriptors named x.proto');
  });
});

describe('jsonName', () => {
  it('follows protoc: drop underscores, capitalise the next letter', () => {
    expect(jsonName('record_id')).toBe('recordId');
    expect(jsonName('top_g')).toBe('topG');
    expect(jsonName('score')).toBe('score');
  });
});

describe('mapEntryName', () => {
  it('follows protoc: capitalise, drop underscores, capitalise the next letter, append Entry', () => {
    expect(mapEntryName('labels')).toBe('LabelsEntry');
    expect(mapEntryName('key_probabilities')).toBe('KeyProbabilitiesEntry');
  });
});
