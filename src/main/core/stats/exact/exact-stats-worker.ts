import BetterSqlite3 from 'better-sqlite3';
import { parentPort } from 'node:worker_threads';
import { lawOf } from '../multiplier-law';
import { exactFigures } from './exact-figures';
import type { ExactJob, ExactReply } from './exact-job';
import { readSortedMultipliers } from './exact-job';

// Runs one exact job on its own thread, over its own read-only connection (WAL lets it read
// while the main thread writes). Cancelling terminates the thread.

const port = parentPort;
if (!port) throw new Error('exact-stats-worker must run as a worker thread');
port.once('message', (job: ExactJob) => {
  let reply: ExactReply;
  try {
    const db = new BetterSqlite3(job.file, { readonly: true, fileMustExist: true, ...(job.nativeBinding ? { nativeBinding: job.nativeBinding } : {}) });
    try {
      reply = { ok: true, figures: exactFigures(readSortedMultipliers(db, job), lawOf(job.game, null)) };
    } finally {
      db.close();
    }
  } catch (error) {
    reply = { ok: false, message: error instanceof Error ? error.message : String(error) };
  }
  port.postMessage(reply);
});
