import { Writable } from 'node:stream';
import pino from 'pino';
import { routeStopRequests, STOP_SIGNALS } from './stop-requests';

function capture(): { log: pino.Logger; lines: string[] } {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  return { log: pino({ level: 'info' }, sink), lines };
}

describe('routeStopRequests', () => {
  const before = new Map(STOP_SIGNALS.map((s) => [s, process.listeners(s)]));
  afterEach(() => {
    for (const s of STOP_SIGNALS) for (const l of process.listeners(s)) if (!before.get(s)!.includes(l)) process.off(s, l);
  });

  const added = (sig: NodeJS.Signals): number => process.listeners(sig).filter((l) => !before.get(sig as (typeof STOP_SIGNALS)[number])!.includes(l)).length;

  it.each([
    ['stop', 1],
    ['default', 0],
  ] as const)('repeatedSignal %s: every stop signal reaches stop; %d listener stays for a second one', (repeatedSignal, staying) => {
    const got: string[] = [];
    const exits: number[] = [];
    const link = routeStopRequests({ supervised: false, stop: (r) => got.push(r), repeatedSignal, log: capture().log, flushAndExit: (c) => exits.push(c) });
    expect(link?.supervised).toBe(false);
    for (const sig of STOP_SIGNALS) process.emit(sig);
    expect(got).toEqual([...STOP_SIGNALS]);
    for (const sig of STOP_SIGNALS) expect(added(sig)).toBe(staying);
    expect(exits).toEqual([]);
  });
});
