import type { IncomingMessage } from 'node:http';
import type { Socket } from 'node:net';

/** How long the rest of an unread upload is taken in (and dropped) after the answer, at most. */
export const LINGER_MS = 2000;

/**
 * Prepares the connection of a request answered before its upload has all arrived, whose answer
 * says `Connection: close`. Node closes such a connection as soon as the answer is written; with
 * upload bytes still arriving, the close resets it (TCP RST), and the client may lose the answer
 * before reading it (seen: EPIPE on the upload and no 413). So the close lingers: Node's
 * `destroySoon`, which it calls then, is replaced on this socket by a half close (the answer ends
 * with a FIN, which tells the client to stop sending) while the rest of the upload is still read
 * and dropped, until the client closes or LINGER_MS have passed. A second call (from
 * @hono/node-server's drain once 64 MB have been dropped) closes at once.
 */
export function closeAfterAnswer(incoming: IncomingMessage): void {
  const socket = incoming.socket as Socket | null;
  if (!socket || socket.destroyed) return;
  let lingering = false;
  socket.destroySoon = () => {
    if (lingering) {
      socket.destroy();
      return;
    }
    lingering = true;
    socket.end();
    const timer = setTimeout(() => socket.destroy(), LINGER_MS);
    timer.unref();
    socket.once('close', () => clearTimeout(timer));
  };
}
