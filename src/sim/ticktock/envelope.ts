// `{type, data, meta:{ts, seq}}`: every TickTock frame, alive included. seq comes from one counter
// per server, so it increases on every socket and never repeats across reconnects; one event sent
// to several sockets keeps one seq, which is what lets a client dedupe on it.

export class SeqCounter {
  private last = 0;

  next(): number {
    return ++this.last;
  }
}

export function envelopeJson(type: string, data: unknown, seq: number, nowMs: number): string {
  return JSON.stringify({ type, data, meta: { ts: new Date(nowMs).toISOString(), seq } });
}

/** The keep-alive body, the same for the `alive` envelope and REST GET /v1/alive. */
export function aliveData(nowMs: number): Record<string, unknown> {
  return { alive: true, server_time: new Date(nowMs).toISOString() };
}
