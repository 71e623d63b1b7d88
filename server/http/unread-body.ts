// Closes the connection after an answer given before the request body was read (413, 415, 401…).
import type { IncomingMessage } from 'node:http';
import type { Context } from 'hono';

/**
 * When the answer leaves while part of the request body is still unread on the socket, the bytes that
 * follow are not the next request: keep-alive clients would send their next request into a connection
 * the server then drops ("other side closed"). RFC 9112 §9.6: say `Connection: close`, so the client
 * opens a new one. Only over real HTTP (the Node adapter passes `incoming`); in-process there is no
 * socket. Called by the request frame (request-frame.ts) once the answer is built.
 */
export function closeIfBodyUnread(c: Context): void {
  const incoming = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming;
  if (!incoming || incoming.readableEnded) return;
  const length = Number(incoming.headers['content-length'] ?? 0);
  if (length > 0 || incoming.headers['transfer-encoding'] !== undefined) c.res.headers.set('Connection', 'close');
}
