import * as net from 'node:net';
import { checkPortsFree, PortCheckError } from './port-check';

describe('checkPortsFree', () => {
  let held: net.Server;
  let port: number;
  beforeAll(async () => {
    held = net.createServer();
    await new Promise<void>((resolve) => held.listen(0, '127.0.0.1', resolve));
    port = (held.address() as net.AddressInfo).port;
  });
  afterAll(() => new Promise<void>((resolve) => held.close(() => resolve())));

  it('names the taken port and the variable that moves it', async () => {
    const claim = { what: 'collector HTTP', variable: 'COLLECTOR_PORT', host: '127.0.0.1', port };
    const err = await checkPortsFree([claim]).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PortCheckError);
    expect(err).toMatchObject({ code: 'PORT_IN_USE' });
    expect((err as Error).message).toBe(
      `collector HTTP port ${port} on 127.0.0.1 is already in use (a Log Sentinel still running, or another program); stop it, or pick another port: COLLECTOR_PORT=<port> npm start`,
    );
    // a service binding every interface collides with the loopback listener too
    await expect(checkPortsFree([{ ...claim, host: '0.0.0.0' }])).rejects.toMatchObject({ code: 'PORT_IN_USE' });
  });

  it('passes free ports and never checks port 0', async () => {
    const free = await new Promise<number>((resolve) => {
      const s = net.createServer().listen(0, '127.0.0.1', () => {
        const p = (s.address() as net.AddressInfo).port;
        s.close(() => resolve(p));
      });
    });
    await expect(checkPortsFree([{ what: 'x', variable: 'X', host: '127.0.0.1', port: free }, { what: 'y', variable: 'Y', host: '127.0.0.1', port: 0 }])).resolves.toBeUndefined();
  });
});
