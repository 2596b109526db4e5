import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const DEMO_UNIVERSE_MAX_AGE_MS = 7 * 86_400_000;

/**
 * The embedded sandbox's seed and epoch persist in the data folder, so a restarted app sees the
 * same simulated casino (and resumes its history) instead of a new one each launch.
 */
export function demoUniverse(dataDir: string): { seed: string; epochMs: number } {
  const file = join(dataDir, 'sandbox.json');
  try {
    const saved = JSON.parse(readFileSync(file, 'utf8')) as { seed?: unknown; epochMs?: unknown };
    if (typeof saved.seed === 'string' && /^[0-9a-f]{16}$/.test(saved.seed) && typeof saved.epochMs === 'number' && Date.now() - saved.epochMs < DEMO_UNIVERSE_MAX_AGE_MS) {
      return { seed: saved.seed, epochMs: saved.epochMs };
    }
  } catch {
    // First run, or an unreadable file: start a new universe.
  }
  const universe = { seed: randomBytes(8).toString('hex'), epochMs: Date.now() - 6 * 3_600_000 };
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(join(dataDir, 'sandbox.json'), JSON.stringify(universe));
  return universe;
}
