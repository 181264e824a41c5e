import type { IncomingMessage, Server, ServerResponse } from 'node:http'
import type { Socket } from 'node:net'

interface Connection {
  /** Requests received on this connection whose response has not closed yet. */
  busy: number
  /** `socket.bytesRead` when the connection last became idle: more bytes mean a request has begun. */
  bytesAtIdle: number
  idleSince: number
}

/** A connection quiet for less than this may still be about to send its request; it is left alone. */
const QUIET_MS = 250

/**
 * What Node's `closeIdleConnections()` gets wrong for a drain: it counts as idle every connection
 * whose parser has not started a message, including those whose request is still in the kernel
 * buffer or half received, and destroys them with their request. This tracker calls a connection
 * idle only when no response is open, no byte has arrived since the last one, and that stayed true
 * across one poll phase of the event loop, in which any pending bytes would have been read.
 */
export class ConnectionTracker {
  readonly #connections = new Map<Socket, Connection>()
  #accepted = 0

  constructor (server: Server) {
    server.on('connection', (socket: Socket) => {
      this.#accepted++
      this.#connections.set(socket, { busy: 0, bytesAtIdle: 0, idleSince: Date.now() })
      socket.once('close', () => this.#connections.delete(socket))
    })
    server.on('request', (request: IncomingMessage, response: ServerResponse) => {
      const connection = this.#connections.get(request.socket as Socket)
      if (!connection) return
      connection.busy++
      response.once('close', () => {
        connection.busy--
        connection.bytesAtIdle = request.socket.bytesRead
        connection.idleSince = Date.now()
      })
    })
  }

  /** Connections accepted since start. */
  get accepted (): number {
    return this.#accepted
  }

  get connections (): number {
    return this.#connections.size
  }

  get requestsInFlight (): number {
    let busy = 0
    for (const connection of this.#connections.values()) busy += connection.busy
    return busy
  }

  /** Destroys the connections that are idle by the definition above; safe to call repeatedly. */
  closeIdle (): void {
    const now = Date.now()
    const candidates = [...this.#connections].filter(([socket, c]) => this.#idle(socket, c) && now - c.idleSince >= QUIET_MS)
    // setImmediate runs after the poll phase, which reads whatever the kernel holds for these sockets.
    setImmediate(() => {
      for (const [socket, connection] of candidates) if (this.#idle(socket, connection)) socket.destroy()
    })
  }

  #idle (socket: Socket, connection: Connection): boolean {
    return connection.busy === 0 && socket.bytesRead === connection.bytesAtIdle
  }
}
