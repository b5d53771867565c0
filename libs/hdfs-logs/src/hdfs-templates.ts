/**
 * The 30 loghub HDFS_v1 event templates (`HDFS_templates.csv`, logpai/loghub; the DeepLog
 * log key k is template E<k>), with the header each event carries in the real log
 * (`<Date> <Time> <Pid> <Level> <Component>: <Content>`) and a filler for every `<*>`.
 * Level and component of the 14 events in loghub's HDFS_2k sample are taken from it; the
 * others follow the Hadoop 0.18 class that logs them.
 */
import type { SeededRandom } from '@log-sentinel/seeded-random';

/** The facts of one HDFS block that its log lines mention. */
export interface BlockFacts {
  /** `blk_<id>`, the session id. */
  blockId: string;
  /** The datanodes of the write pipeline (`ip`), first = the one the client writes to. */
  replicas: string[];
  /** The client that wrote the block (`ip`). */
  client: string;
  /** Bytes in the block. */
  size: number;
  /** HDFS path of the file the block belongs to (`…/part-00123`). */
  file: string;
  /** Datanode data-directory subdirectory number, or -1 for the top directory. */
  subdir: number;
}

/** Fills one `<*>`: returns the text that replaces it (spaces included). */
export type Filler = (b: BlockFacts, rng: SeededRandom) => string;

/** One loghub HDFS event. */
export interface HdfsEvent {
  /** DeepLog log key = loghub EventId number. */
  key: number;
  /** The loghub EventTemplate, verbatim. */
  template: string;
  /** Log level in the header. */
  level: 'INFO' | 'WARN';
  /** Logger (component) in the header. */
  component: string;
  /** Header pid (a thread id in HDFS logs). */
  pid: (rng: SeededRandom) => number;
  /** One filler per `<*>` of `template`, in order. */
  fills: Filler[];
}

const DATA_PORT = 50010;
const at = (ip: string): string => `${ip}:${DATA_PORT}`;
const none: Filler = () => '';
const blk: Filler = (b) => ` ${b.blockId} `;
const xceiverThread = (rng: SeededRandom): number => rng.int(100, 27_000);
const namenodeHandler = (rng: SeededRandom): number => rng.int(26, 35);
const otherReplica = (b: BlockFacts, rng: SeededRandom): string => b.replicas[rng.int(1, b.replicas.length - 1)] ?? b.replicas[0]!;
const clientPort = (rng: SeededRandom): number => rng.int(32_768, 60_999);

/** Exception texts as they appear in HDFS_v1 (a few, repeated: real logs repeat them). */
const IO_EXCEPTIONS = [
  'java.io.IOException: Connection reset by peer',
  'java.io.IOException: Broken pipe',
  'java.io.EOFException',
  'java.io.InterruptedIOException: Interruped while waiting for IO on channel java.nio.channels.SocketChannel',
  'java.net.SocketTimeoutException: 60000 millis timeout while waiting for channel to be ready for read',
];
const exception = (rng: SeededRandom): string => rng.pick(IO_EXCEPTIONS);

/** DeepLog keys 1..30 → loghub HDFS events. */
export const HDFS_EVENTS: readonly HdfsEvent[] = [
  { key: 1, template: '<*>Adding an already existing block<*>', level: 'WARN', component: 'dfs.DataBlockScanner', pid: () => 13, fills: [none, (b) => ` ${b.blockId}`] },
  { key: 2, template: '<*>Verification succeeded for<*>', level: 'INFO', component: 'dfs.DataBlockScanner', pid: () => 13, fills: [none, (b) => ` ${b.blockId}`] },
  {
    key: 3, template: '<*>Served block<*>to<*>', level: 'INFO', component: 'dfs.DataNode$DataXceiver', pid: xceiverThread,
    fills: [(b, r) => `${at(b.replicas[r.int(0, b.replicas.length - 1)]!)} `, blk, (b) => ` /${b.client}`],
  },
  {
    key: 4, template: '<*>Got exception while serving<*>to<*>', level: 'WARN', component: 'dfs.DataNode$DataXceiver', pid: xceiverThread,
    fills: [(b, r) => `${at(b.replicas[r.int(0, b.replicas.length - 1)]!)}:`, blk, (b) => ` /${b.client}:`],
  },
  {
    key: 5, template: '<*>Receiving block<*>src:<*>dest:<*>', level: 'INFO', component: 'dfs.DataNode$DataXceiver', pid: xceiverThread,
    fills: [none, blk, (b, r) => ` /${b.client}:${clientPort(r)} `, (b) => ` /${at(b.replicas[0]!)}`],
  },
  {
    key: 6, template: '<*>Received block<*>src:<*>dest:<*>of size<*>', level: 'INFO', component: 'dfs.DataNode$DataXceiver', pid: xceiverThread,
    fills: [none, blk, (b, r) => ` /${b.client}:${clientPort(r)} `, (b) => ` /${at(b.replicas[0]!)} `, (b) => ` ${b.size}`],
  },
  {
    key: 7, template: '<*>writeBlock<*>received exception<*>', level: 'INFO', component: 'dfs.DataNode$DataXceiver', pid: xceiverThread,
    fills: [none, blk, (_, r) => ` ${r.pick(['java.io.IOException: Could not read from stream', 'java.io.EOFException', 'java.io.IOException: Connection reset by peer'])}`],
  },
  {
    key: 8, template: '<*>PacketResponder<*>for block<*>Interrupted<*>', level: 'INFO', component: 'dfs.DataNode$PacketResponder', pid: xceiverThread,
    fills: [none, (_, r) => ` ${r.int(0, 2)} `, blk, () => '.'],
  },
  {
    key: 9, template: '<*>Received block<*>of size<*>from<*>', level: 'INFO', component: 'dfs.DataNode$PacketResponder', pid: xceiverThread,
    fills: [none, blk, (b) => ` ${b.size} `, (b, r) => ` /${otherReplica(b, r)}`],
  },
  {
    key: 10, template: '<*>PacketResponder<*>Exception<*>', level: 'INFO', component: 'dfs.DataNode$PacketResponder', pid: xceiverThread,
    fills: [none, (b, r) => ` ${b.blockId} ${r.int(0, 2)} `, (_, r) => ` ${exception(r)}`],
  },
  {
    key: 11, template: '<*>PacketResponder <*> for block <*> terminating<*>', level: 'INFO', component: 'dfs.DataNode$PacketResponder', pid: xceiverThread,
    fills: [none, (_, r) => String(r.int(0, 2)), (b) => b.blockId, none],
  },
  {
    key: 12, template: '<*>:Exception writing block<*>to mirror<*>', level: 'INFO', component: 'dfs.DataNode$DataXceiver', pid: xceiverThread,
    fills: [(b) => at(b.replicas[0]!), blk, (b, r) => ` ${at(otherReplica(b, r))}`],
  },
  { key: 13, template: '<*>Receiving empty packet for block<*>', level: 'INFO', component: 'dfs.DataNode', pid: xceiverThread, fills: [none, (b) => ` ${b.blockId}`] },
  {
    key: 14, template: '<*>Exception in receiveBlock for block<*>', level: 'INFO', component: 'dfs.DataNode', pid: xceiverThread,
    fills: [none, (b, r) => ` ${b.blockId} ${exception(r)}`],
  },
  {
    key: 15, template: '<*>Changing block file offset of block<*>from<*>to<*>meta file offset to<*>', level: 'INFO', component: 'dfs.DataNode', pid: xceiverThread,
    fills: [none, blk, (_, r) => ` ${r.int(0, 64) * 65_536} `, (_, r) => ` ${r.int(0, 1024) * 65_536} `, (_, r) => ` ${r.int(7, 524_295)}`],
  },
  {
    key: 16, template: '<*>:Transmitted block<*>to<*>', level: 'INFO', component: 'dfs.DataNode$DataTransfer', pid: xceiverThread,
    fills: [(b) => at(b.replicas[0]!), blk, (b, r) => ` /${at(otherReplica(b, r))}`],
  },
  {
    key: 17, template: '<*>:Failed to transfer<*>to<*>got<*>', level: 'WARN', component: 'dfs.DataNode', pid: xceiverThread,
    fills: [(b) => at(b.replicas[0]!), blk, (b, r) => ` ${at(otherReplica(b, r))} `, (_, r) => ` ${exception(r)}`],
  },
  {
    key: 18, template: '<*>Starting thread to transfer block<*>to<*>', level: 'INFO', component: 'dfs.DataNode', pid: () => 18,
    fills: [(b) => `${at(b.replicas[0]!)} `, blk, (b, r) => ` ${at(otherReplica(b, r))}`],
  },
  { key: 19, template: '<*>Reopen Block<*>', level: 'INFO', component: 'dfs.FSDataset', pid: xceiverThread, fills: [none, (b) => ` ${b.blockId}`] },
  {
    key: 20, template: '<*>Unexpected error trying to delete block<*>BlockInfo not found in volumeMap<*>', level: 'WARN', component: 'dfs.FSDataset', pid: () => 19,
    fills: [none, (b) => ` ${b.blockId}. `, () => '.'],
  },
  {
    key: 21, template: '<*>Deleting block<*>file<*>', level: 'INFO', component: 'dfs.FSDataset', pid: () => 19,
    fills: [none, blk, (b) => ` /mnt/hadoop/dfs/data/current/${b.subdir >= 0 ? `subdir${b.subdir}/` : ''}${b.blockId}`],
  },
  {
    key: 22, template: '<*>BLOCK* NameSystem<*>allocateBlock:<*>', level: 'INFO', component: 'dfs.FSNamesystem', pid: namenodeHandler,
    fills: [none, () => '.', (b) => ` ${b.file}. ${b.blockId}`],
  },
  {
    key: 23, template: '<*>BLOCK* NameSystem<*>delete:<*>is added to invalidSet of<*>', level: 'INFO', component: 'dfs.FSNamesystem', pid: namenodeHandler,
    fills: [none, () => '.', blk, (b, r) => ` ${at(b.replicas[r.int(0, b.replicas.length - 1)]!)}`],
  },
  {
    key: 24, template: '<*>BLOCK* Removing block<*>from neededReplications as it does not belong to any file<*>', level: 'INFO', component: 'dfs.FSNamesystem', pid: namenodeHandler,
    fills: [none, blk, () => '.'],
  },
  {
    key: 25, template: '<*>BLOCK* ask<*>to replicate<*>to<*>', level: 'INFO', component: 'dfs.FSNamesystem', pid: namenodeHandler,
    fills: [none, (b) => ` ${at(b.replicas[0]!)} `, blk, (b, r) => ` datanode(s) ${at(otherReplica(b, r))}`],
  },
  {
    key: 26, template: '<*>BLOCK* NameSystem<*>addStoredBlock: blockMap updated:<*>is added to<*>size<*>', level: 'INFO', component: 'dfs.FSNamesystem', pid: namenodeHandler,
    fills: [none, () => '.', (b, r) => ` ${at(b.replicas[r.int(0, b.replicas.length - 1)]!)} `, blk, (b) => ` ${b.size}`],
  },
  {
    key: 27, template: '<*>BLOCK* NameSystem<*>addStoredBlock: Redundant addStoredBlock request received for<*>on<*>size<*>', level: 'WARN', component: 'dfs.FSNamesystem', pid: namenodeHandler,
    fills: [none, () => '.', blk, (b, r) => ` ${at(b.replicas[r.int(0, b.replicas.length - 1)]!)} `, (b) => ` ${b.size}`],
  },
  {
    key: 28, template: '<*>BLOCK* NameSystem<*>addStoredBlock: addStoredBlock request received for<*>on<*>size<*>But it does not belong to any file.', level: 'WARN', component: 'dfs.FSNamesystem', pid: namenodeHandler,
    fills: [none, () => '.', blk, (b, r) => ` ${at(b.replicas[r.int(0, b.replicas.length - 1)]!)} `, (b) => ` ${b.size} `],
  },
  {
    key: 29, template: '<*>PendingReplicationMonitor timed out block<*>', level: 'WARN', component: 'dfs.PendingReplicationBlocks$PendingReplicationMonitor', pid: () => 21,
    fills: [none, (b) => ` ${b.blockId}`],
  },
  {
    key: 30, template: '<*>BLOCK* ask <*> to delete <*>', level: 'INFO', component: 'dfs.FSNamesystem', pid: namenodeHandler,
    fills: [none, (b, r) => at(b.replicas[r.int(0, b.replicas.length - 1)]!), (b) => ` ${b.blockId}`],
  },
];

/** The event of a log key; throws on a key outside 1..30. */
export function hdfsEvent(key: number): HdfsEvent {
  const e = HDFS_EVENTS[key - 1];
  if (!e || e.key !== key) throw new RangeError(`no HDFS template for log key ${key} (keys are 1..${HDFS_EVENTS.length})`);
  return e;
}

/** The content of one line of `event` for block `b`: the template with every `<*>` filled. */
export function renderContent(event: HdfsEvent, b: BlockFacts, rng: SeededRandom): string {
  const parts = event.template.split('<*>');
  let out = parts[0]!;
  for (let i = 1; i < parts.length; i++) out += event.fills[i - 1]!(b, rng) + parts[i]!;
  return out;
}
