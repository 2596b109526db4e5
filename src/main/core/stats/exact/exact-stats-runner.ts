import type { Database } from 'better-sqlite3';
import { Worker } from 'node:worker_threads';
import { UserFacingError } from '../../user-facing-error';
import { lawOf } from '../multiplier-law';
import { exactFigures, type ExactFigures } from './exact-figures';
import { readSortedMultipliers, type ExactJob, type ExactReply } from './exact-job';

// Exact figures run one worker thread per job, so a scan of ten million rounds never blocks the
// main thread; a job is cancelled by terminating its thread. Without a worker file (unit tests
// that do not build) the same code runs inline.

export class CancelledError extends UserFacingError {
  constructor() {
    super('cancelled', 'The computation was cancelled.');
  }
}

export class ExactStatsRunner {
  private readonly running = new Map<string, { cancel(): void }>();

  constructor(
    private readonly workerUrl: URL | null,
    private readonly db: Database,
  ) {}

  /** Runs `job` under the name `name`; a job already running under that name is cancelled. */
  run(name: string, job: ExactJob): Promise<ExactFigures> {
    this.cancel(name);
    return new Promise<ExactFigures>((resolve, reject) => {
      const entry = { cancel: (): void => undefined };
      this.running.set(name, entry);
      const settle = (outcome: () => void): void => {
        if (this.running.get(name) !== entry) return;
        this.running.delete(name);
        outcome();
      };
      if (this.workerUrl === null) {
        const timer = setImmediate(() => {
          try {
            const figures = exactFigures(readSortedMultipliers(this.db, job), lawOf(job.game, null));
            settle(() => resolve(figures));
          } catch (error) {
            settle(() => reject(error));
          }
        });
        entry.cancel = () => {
          clearImmediate(timer);
          settle(() => reject(new CancelledError()));
        };
        return;
      }
      const worker = new Worker(this.workerUrl);
      worker.once('message', (reply: ExactReply) => {
        void worker.terminate();
        settle(() => (reply.ok ? resolve(reply.figures) : reject(new Error(`exact statistics failed: ${reply.message}`))));
      });
      worker.once('error', (error) => settle(() => reject(error)));
      worker.postMessage(job);
      entry.cancel = () => {
        void worker.terminate();
        settle(() => reject(new CancelledError()));
      };
    });
  }

  cancel(name: string): void {
    this.running.get(name)?.cancel();
  }

  dispose(): void {
    for (const name of [...this.running.keys()]) this.cancel(name);
  }
}
