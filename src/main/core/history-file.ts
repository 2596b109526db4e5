import { join } from 'node:path';

// Where a data folder keeps its histories. Demo rounds never mix with a real history: the embedded
// sandbox's are kept per simulated casino (its seed).

export function liveHistoryFile(dataDir: string): string {
  return join(dataDir, 'history.sqlite');
}

export function demoHistoryFile(dataDir: string, seed: string): string {
  return join(dataDir, `demo-${seed}.sqlite`);
}
