import { parentPort } from 'node:worker_threads';
import { factBuffers } from '../../stats/fact-columns';
import { locateRoundPage } from './round-page';
import { RowError } from './round-row';

// The worker side of PageParser: parses pages off the thread that writes the history.

/** `game`: the page's game, whose rounds' statistics facts are read here too. */
export type ParseRequest = { readonly id: number; readonly game: string; readonly text: string };
export type ParseReply =
  | { readonly id: number; readonly ok: true; readonly page: ReturnType<typeof locateRoundPage> }
  | { readonly id: number; readonly ok: false; readonly reason: string };

const port = parentPort;
if (!port) throw new Error('page-parse-worker must run as a worker thread');

port.on('message', ({ id, game, text }: ParseRequest) => {
  let reply: ParseReply;
  try {
    reply = { id, ok: true, page: locateRoundPage(text, game) };
  } catch (error) {
    reply = { id, ok: false, reason: error instanceof RowError ? error.reason : String(error) };
  }
  // The typed arrays move to the main thread instead of being copied.
  const transfer = reply.ok
    ? [reply.page.finalizedUs.buffer as ArrayBuffer, reply.page.spans.buffer as ArrayBuffer, ...factBuffers(reply.page.facts)]
    : [];
  port.postMessage(reply, transfer);
});
