import { jetstreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';

export interface NatsHealth {
  readonly ok: boolean;
  /** Round trip to the server, when it answered. */
  readonly rttMs?: number;
  /** Messages in the stream, when it exists. */
  readonly messages?: number;
  readonly problem?: string;
}

/** Whether the connection is open, the server answers and the stream exists. Never throws. */
export async function natsHealth(connection: NatsConnection, stream: string): Promise<NatsHealth> {
  if (connection.isClosed()) return { ok: false, problem: 'connection closed' };
  try {
    const rttMs = await connection.rtt();
    const jsm = await jetstreamManager(connection);
    const info = await jsm.streams.info(stream);
    return { ok: true, rttMs, messages: info.state.messages };
  } catch (error) {
    return { ok: false, problem: error instanceof Error ? error.message : String(error) };
  }
}
