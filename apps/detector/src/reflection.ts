/**
 * Server reflection that standard clients (grpcurl, grpcui, Postman) can resolve.
 *
 * @grpc/reflection serves proto-loader's file descriptors as they are, and those are
 * incomplete (grpc/grpc-node#3034): each package becomes one file that declares no
 * `dependency`, and field types are relative names. A client that builds real descriptors
 * from them (grpcurl: `"*.google.protobuf.Timestamp" not found`) cannot resolve a type from
 * another file. This module rebuilds the set the way protoc emits it — every reference
 * fully qualified, every file listing the files it uses, map entries and JSON names as protoc
 * names them (so grpcurl prints the same JSON as with the .proto) — over all the services the server
 * offers, so `list`, `describe` and calls by reflection work.
 */
import type * as grpc from '@grpc/grpc-js';
import { ReflectionService } from '@grpc/reflection';
import { FileDescriptorProto } from 'protobufjs/ext/descriptor';

/** The parts of descriptor.proto messages this module reads or rewrites. */
interface FieldDesc {
  name?: string;
  jsonName?: string;
  typeName?: string;
  extendee?: string;
}
interface EnumDesc {
  name?: string;
}
interface MessageDesc {
  name?: string;
  options?: { mapEntry?: boolean };
  field?: FieldDesc[];
  extension?: FieldDesc[];
  nestedType?: MessageDesc[];
  enumType?: EnumDesc[];
}
interface MethodDesc {
  name?: string;
  inputType?: string;
  outputType?: string;
}
interface ServiceDesc {
  name?: string;
  method?: MethodDesc[];
}
interface FileDesc {
  name?: string;
  package?: string;
  dependency?: string[];
  messageType?: MessageDesc[];
  enumType?: EnumDesc[];
  service?: ServiceDesc[];
  extension?: FieldDesc[];
}

/**
 * A proto-loader package definition (name → message, enum or service definition). Typed
 * structurally: the detector, grpc-health-check and @grpc/reflection each bring their own
 * @grpc/proto-loader version, whose declared types differ but whose entries are read alike.
 */
export type PackageEntries = Record<string, object>;

const join = (scope: string, name: string): string => (scope ? `${scope}.${name}` : name);

/** protoc's name for the implicit entry message of map field `field`: `key_probs` → `KeyProbsEntry`. */
export const mapEntryName = (field: string): string =>
  field.replace(/^[a-z]/, (c) => c.toUpperCase()).replace(/_([a-z0-9]?)/g, (_m, c: string) => c.toUpperCase()) + 'Entry';

/** protoc's JSON name of a field (`record_id` → `recordId`), which grpcurl prints. */
export const jsonName = (field: string): string => field.replace(/_([a-z0-9]?)/g, (_m, c: string) => c.toUpperCase());

/**
 * protobufjs names a map field's entry message after the field (`labels` → `Labels`);
 * protoc, and clients that validate descriptors, require `LabelsEntry`. Renames the entry
 * messages of `msg` and its nested messages and points their fields at the new names.
 */
function renameMapEntries(msg: MessageDesc): void {
  const entries = new Map((msg.nestedType ?? []).filter((n) => n.options?.mapEntry).map((n) => [n.name ?? '', n]));
  for (const f of msg.field ?? []) {
    const local = f.typeName?.slice(f.typeName.lastIndexOf('.') + 1) ?? '';
    const entry = entries.get(local);
    if (!entry || !f.name) continue;
    const name = mapEntryName(f.name);
    if (name !== entry.name && (msg.nestedType ?? []).some((n) => n.name === name)) {
      throw new Error(`reflection: ${msg.name}.${f.name}: a nested message is already named ${name}`);
    }
    entry.name = name;
    f.typeName = name;
    entries.delete(local);
  }
  for (const n of msg.nestedType ?? []) renameMapEntries(n);
}

/** Every encoded FileDescriptorProto reachable from a package definition's entries (types and services' methods). */
function encodedFiles(pkg: PackageEntries): Uint8Array[] {
  const out: Uint8Array[] = [];
  const take = (d: unknown): void => {
    const fdp = (d as { fileDescriptorProtos?: unknown } | undefined)?.fileDescriptorProtos;
    if (Array.isArray(fdp)) out.push(...(fdp as Uint8Array[]));
  };
  for (const entry of Object.values(pkg)) {
    take(entry);
    if (!('fileDescriptorProtos' in entry)) {
      // A service definition: its methods carry the descriptors of their message types.
      for (const method of Object.values(entry as Record<string, { requestType?: unknown; responseType?: unknown }>)) {
        take(method.requestType);
        take(method.responseType);
      }
    }
  }
  return out;
}

/**
 * Returns the complete file descriptor set of `pkg` (including files reached only through
 * service entries, e.g. grpc-health-check's `service`) as protoc would write it: references
 * fully qualified (`.google.protobuf.Timestamp`), map entries named `<Field>Entry`, JSON
 * names set, each file's `dependency` listing the files it uses.
 * Throws if two files share a name with different contents or a type cannot be resolved.
 */
export function completeFileDescriptors(pkg: PackageEntries): Uint8Array[] {
  const files = new Map<string, { bytes: Uint8Array; desc: FileDesc }>();
  for (const bytes of encodedFiles(pkg)) {
    const desc = FileDescriptorProto.decode(bytes) as unknown as FileDesc;
    const name = desc.name ?? '';
    const seen = files.get(name);
    if (seen && Buffer.compare(seen.bytes, bytes) !== 0) throw new Error(`reflection: two different descriptors named ${name}`);
    if (!seen) {
      for (const m of desc.messageType ?? []) renameMapEntries(m);
      files.set(name, { bytes, desc });
    }
  }

  // Fully qualified name (no leading dot) → the file declaring it.
  const symbols = new Map<string, string>();
  const indexMessage = (scope: string, msg: MessageDesc, file: string): void => {
    const fqn = join(scope, msg.name ?? '');
    symbols.set(fqn, file);
    for (const e of msg.enumType ?? []) symbols.set(join(fqn, e.name ?? ''), file);
    for (const m of msg.nestedType ?? []) indexMessage(fqn, m, file);
  };
  for (const [name, { desc }] of files) {
    const pkgName = desc.package ?? '';
    for (const m of desc.messageType ?? []) indexMessage(pkgName, m, name);
    for (const e of desc.enumType ?? []) symbols.set(join(pkgName, e.name ?? ''), name);
    for (const s of desc.service ?? []) symbols.set(join(pkgName, s.name ?? ''), name);
  }

  const out: Uint8Array[] = [];
  for (const [name, { desc }] of files) {
    const deps = new Set(desc.dependency ?? []);
    /** Resolves `ref` as protoc does from `scope` outwards; records the declaring file as a dependency. */
    const resolve = (ref: string | undefined, scope: string, where: string): string | undefined => {
      if (!ref) return ref;
      let found: string | undefined;
      if (ref.startsWith('.')) {
        found = symbols.has(ref.slice(1)) ? ref.slice(1) : undefined;
      } else {
        for (let s = scope; found === undefined; s = s.includes('.') ? s.slice(0, s.lastIndexOf('.')) : '') {
          if (symbols.has(join(s, ref))) found = join(s, ref);
          if (s === '') break;
        }
      }
      if (found === undefined) throw new Error(`reflection: ${name}: ${where} refers to unknown type ${ref}`);
      const declaredIn = symbols.get(found)!;
      if (declaredIn !== name) deps.add(declaredIn);
      return `.${found}`;
    };
    const fixField = (f: FieldDesc, scope: string): void => {
      const where = join(scope, f.name ?? '');
      if (!f.jsonName && f.name) f.jsonName = jsonName(f.name);
      if (f.typeName) f.typeName = resolve(f.typeName, scope, where);
      if (f.extendee) f.extendee = resolve(f.extendee, scope, where);
    };
    const fixMessage = (scope: string, msg: MessageDesc): void => {
      const fqn = join(scope, msg.name ?? '');
      for (const f of msg.field ?? []) fixField(f, fqn);
      for (const f of msg.extension ?? []) fixField(f, fqn);
      for (const m of msg.nestedType ?? []) fixMessage(fqn, m);
    };
    const pkgName = desc.package ?? '';
    for (const m of desc.messageType ?? []) fixMessage(pkgName, m);
    for (const f of desc.extension ?? []) fixField(f, pkgName);
    for (const s of desc.service ?? []) {
      for (const m of s.method ?? []) {
        const where = join(join(pkgName, s.name ?? ''), m.name ?? '');
        m.inputType = resolve(m.inputType, pkgName, where);
        m.outputType = resolve(m.outputType, pkgName, where);
      }
    }
    desc.dependency = [...deps].sort();
    out.push(FileDescriptorProto.encode(desc as never).finish());
  }
  return out;
}

/**
 * Adds gRPC server reflection (v1 and v1alpha) to `server` for every service in `pkg`
 * (merge extra services in, e.g. `{ ...detector, 'grpc.health.v1.Health': healthService }`),
 * serving {@link completeFileDescriptors}.
 */
export function addReflection(server: grpc.Server, pkg: PackageEntries): void {
  const fileDescriptorProtos = completeFileDescriptors(pkg);
  // ReflectionService indexes the `fileDescriptorProtos` of each entry: hand every entry
  // that has them the complete set; service entries pass through to name the services.
  const complete: PackageEntries = {};
  let carriers = 0;
  for (const [name, entry] of Object.entries(pkg)) {
    const carries = 'fileDescriptorProtos' in entry;
    if (carries) carriers++;
    complete[name] = carries ? { ...entry, fileDescriptorProtos } : entry;
  }
  if (carriers === 0) throw new Error('reflection: the package definition has no message types to carry the descriptors');
  new ReflectionService(complete as ConstructorParameters<typeof ReflectionService>[0]).addToServer(server);
}
