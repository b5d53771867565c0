/**
 * CPU priority of one thread. On Linux the nice value belongs to a thread, not the process:
 * `os.setPriority(0, n)` called inside a worker thread lowers that thread only, so the
 * scoring stage yields the CPU to intake without slowing the main thread (proved by
 * `priority.spec.ts` with /proc/self/task/<tid>/stat). Threads the calling thread creates
 * afterwards inherit it: the libuv thread pool (shared with intake's fsyncs) must already run.
 */
import { promises as fs } from 'node:fs';
import * as os from 'node:os';

/** Raises the calling thread's nice value to `nice` (lower priority); returns the value now in force. */
export function lowerThreadPriority(nice: number): number {
  os.setPriority(0, nice);
  return os.getPriority(0);
}

/** Nice value of each thread of process `pid` (field 19 of /proc/<pid>/task/<tid>/stat), by thread id. */
export async function threadNiceValues(pid: number | 'self' = 'self'): Promise<Map<number, number>> {
  const dir = `/proc/${pid}/task`;
  const out = new Map<number, number>();
  for (const tid of await fs.readdir(dir)) {
    try {
      const stat = await fs.readFile(`${dir}/${tid}/stat`, 'utf8');
      // Fields after the command name (in parentheses, which may hold spaces): state is field 3, nice field 19.
      const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      out.set(Number(tid), Number(rest[19 - 3]));
    } catch {
      // the thread ended meanwhile
    }
  }
  return out;
}
