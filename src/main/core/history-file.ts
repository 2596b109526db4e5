import { statSync } from 'node:fs';
import { join } from 'node:path';

// Where a data folder keeps its histories. Demo rounds never mix with a real history: the embedded
// sandbox's are kept per simulated casino (its seed).

export function liveHistoryFile(dataDir: string): string {
  return join(dataDir, 'history.sqlite');
}

export function demoHistoryFile(dataDir: string, seed: string): string {
  return join(dataDir, `demo-${seed}.sqlite`);
}

/** Bytes a history takes on disk: the database and its write-ahead log and shared-memory index. */
export function historyBytes(file: string): number {
  let bytes = 0;
  for (const suffix of ['', '-wal', '-shm']) {
    try {
      bytes += statSync(`${file}${suffix}`).size;
    } catch {
      // A WAL that was checkpointed away, or a history not yet created.
    }
  }
  return bytes;
}
