import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { resolveConfig, type PusherServerOptions } from './config';
import type { ServerContext } from './context';
import { createHttpApiHandler } from './http-api';
import { CloseCode, checkHandshake, closeReason, encodeError, generateSocketId } from './protocol';
import { Registry } from './registry';
import { PusherConnection } from './socket-handler';

/**
 * Embedded Pusher Channels (protocol 7) server: one Node http server carries both the
 * WebSocket endpoint `/app/{key}` and the signed HTTP API `/apps/{id}/…`. Everything is
 * in this process's memory: it is the single-node dev/default server; production points
 * the same SDKs at Pusher or soketi.
 */

export type { PusherServerOptions } from './config';

export interface RunningPusherServer {
  port: number;
  host: string;
  /** Closes every socket (pusher:error 4200, then close) and stops listening. */
  close(): Promise<void>;
}

/** How long shutdown waits for clients to answer the close handshake before cutting them. */
const SHUTDOWN_GRACE_MS = 1000;

// Long: the HTTP API, the WebSocket upgrade and the graceful shutdown share the server's connection state.
export async function startPusherServer(options: PusherServerOptions): Promise<RunningPusherServer> {
  const config = resolveConfig(options);
  const ctx: ServerContext = { config, registry: new Registry() };
  const connections = new Map<string, PusherConnection>();
  let onAllClosed: (() => void) | null = null;
  let closing: Promise<void> | null = null;

  const server = createServer(createHttpApiHandler(ctx));
  const wss = new WebSocketServer({
    noServer: true,
    clientTracking: false,
    // Room for the largest legal frame (client event data, presence channel_data) plus
    // envelope; anything bigger is closed by `ws` with 1009 before it is buffered.
    maxPayload: 2 * config.maxPayloadBytes + 2 * config.maxPresenceUserInfoBytes + 16 * 1024,
  });

  const accept = (ws: WebSocket, req: IncomingMessage): void => {
    const check = checkHandshake(req.url ?? '/', config.key);
    if (!check.ok) {
      // Errors go over the socket, then the same close code: pusher-js acts on the code.
      ws.on('error', () => {});
      ws.send(encodeError(check.code, check.message));
      ws.close(check.code, closeReason(check.message));
      return;
    }
    let id = generateSocketId();
    while (connections.has(id)) id = generateSocketId();
    const connection = new PusherConnection(id, ws, ctx, (gone) => {
      connections.delete(gone.id);
      if (connections.size === 0) onAllClosed?.();
    });
    connections.set(id, connection);
  };

  server.on('upgrade', (req, socket, head) => {
    socket.on('error', (err) => config.log(`pusher upgrade socket error: ${err.message}`));
    if (closing) {
      socket.destroy();
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      try {
        accept(ws, req);
      } catch (err) {
        config.log(`pusher upgrade failed: ${err instanceof Error ? err.stack : String(err)}`);
        ws.terminate();
      }
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  server.on('error', (err) => config.log(`pusher server error: ${err.message}`));

  const address = server.address() as AddressInfo;
  config.log(`pusher server listening on http://${config.host}:${address.port}`);

  const shutdown = async (): Promise<void> => {
    const allClosed = new Promise<void>((resolve) => {
      if (connections.size === 0) resolve();
      else onAllClosed = resolve;
    });
    for (const connection of connections.values()) {
      connection.disconnect(CloseCode.ServerClosing, 'Server is shutting down');
    }
    let timer: NodeJS.Timeout | undefined;
    const graceOver = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, SHUTDOWN_GRACE_MS);
    });
    await Promise.race([allClosed, graceOver]);
    clearTimeout(timer);
    for (const connection of connections.values()) connection.terminate();

    wss.close();
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      // Keep-alive HTTP sockets would otherwise hold close() open.
      server.closeAllConnections();
    });
  };

  return {
    port: address.port,
    host: config.host,
    close: () => {
      closing ??= shutdown();
      return closing;
    },
  };
}
