import { Worker } from 'node:worker_threads';
import type { ParseReply, ParseRequest } from './page-parse-worker';
import { parseRoundPage, roundsFromPage, type PageResult } from './round-page';
import { RowError } from './round-row';

/** Turns a `/rounds` page into rounds: on this thread, or on a worker so parse and store overlap. */
export interface PageParser {
  parse(game: string, text: string): Promise<PageResult>;
  close(): Promise<void>;
}

export const inlinePageParser: PageParser = {
  parse: async (game, text) => parseRoundPage(game, text),
  close: async () => {},
};

interface Pending {
  readonly game: string;
  readonly text: string;
  resolve(result: PageResult): void;
  reject(error: Error): void;
}

/**
 * Parses pages on one worker thread (the built `page-parse-worker.js`). The main thread keeps only
 * the cheap part: slicing rows out of the page it already holds. Should the worker die, pending
 * and later pages are parsed inline: slower, never lost.
 */
export function workerPageParser(workerUrl: URL, log: (message: string) => void = console.warn): PageParser {
  const pending = new Map<number, Pending>();
  let nextId = 0;
  let worker: Worker | null = new Worker(workerUrl);
  worker.unref();

  const fallBack = (why: string): void => {
    if (!worker) return;
    log(`roundlog: page parser worker stopped (${why}); parsing on the main thread`);
    worker = null;
    for (const [id, request] of pending) {
      pending.delete(id);
      try {
        request.resolve(parseRoundPage(request.game, request.text));
      } catch (error) {
        request.reject(error as Error);
      }
    }
  };
  worker.on('message', (reply: ParseReply) => {
    const request = pending.get(reply.id);
    if (!request) return;
    pending.delete(reply.id);
    if (reply.ok) request.resolve(roundsFromPage(request.game, request.text, reply.page));
    else request.reject(new RowError(reply.reason));
  });
  worker.on('error', (error) => fallBack(error.message));
  worker.on('exit', (code) => fallBack(`exit code ${code}`));

  return {
    parse: (game, text) => {
      if (!worker) return Promise.resolve().then(() => parseRoundPage(game, text));
      const id = nextId++;
      return new Promise<PageResult>((resolve, reject) => {
        pending.set(id, { game, text, resolve, reject });
        worker!.postMessage({ id, game, text } satisfies ParseRequest);
      });
    },
    close: async () => {
      const closing = worker;
      worker = null;
      for (const [id, request] of pending) {
        pending.delete(id);
        request.reject(new Error('the page parser was closed'));
      }
      await closing?.terminate();
    },
  };
}
