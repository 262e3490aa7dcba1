/** A TCP relay in front of MariaDB that a test can cut, stall and restore to simulate a database outage. */
import net from 'node:net';
import type { AddressInfo } from 'node:net';

/** Controls for the relay. */
export interface TcpRelay {
  port: number;
  /** Drops every connection and refuses new ones. */
  cut(): Promise<void>;
  /** Accepts connections but never forwards a byte (a database that hangs). */
  stall(): void;
  /** Forwards again on the same port. */
  restore(): Promise<void>;
  close(): Promise<void>;
}

/** Starts a relay on an ephemeral port forwarding to `target`. */
export async function startRelay(target: { host: string; port: number }): Promise<TcpRelay> {
  const sockets = new Set<net.Socket>();
  let stalled = false;
  const track = (socket: net.Socket): void => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
  };
  const server = net.createServer((client) => {
    track(client);
    if (stalled) return;
    const upstream = net.connect(target.port, target.host);
    track(upstream);
    client.pipe(upstream).pipe(client);
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  });
  const listen = (port: number): Promise<void> =>
    new Promise((resolve) => server.listen(port, '127.0.0.1', resolve));
  const close = (): Promise<void> =>
    new Promise((resolve) => {
      for (const socket of sockets) socket.destroy();
      if (!server.listening) resolve();
      else server.close(() => resolve());
    });
  await listen(0);
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    cut: close,
    stall: () => {
      stalled = true;
      for (const socket of sockets) socket.destroy();
    },
    restore: async () => {
      stalled = false;
      if (!server.listening) await listen(port);
    },
    close,
  };
}
