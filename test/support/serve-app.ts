import { fileURLToPath } from 'node:url';
import { startRoundlog, type RoundlogCore } from '../../src/main/core/compose';
import { startServe, type ServeHandle } from '../../src/main/serve/serve-server';
import { useTempDir } from './temp-dir';

export const RENDERER_DIR = fileURLToPath(new URL('../../out/renderer', import.meta.url));

export interface ServedApp {
  core: RoundlogCore;
  serve: ServeHandle;
  token: string;
  origin: string;
  close(): Promise<void>;
}

/** `roundlog serve` as the CLI runs it: the embedded sandbox (sped up), a real history file, loopback. */
export async function startServedApp(): Promise<ServedApp> {
  const dir = useTempDir();
  const core = await startRoundlog(
    { dataDir: dir.path, upstream: null, games: ['stake-crash', 'crazytime'], historyDepthMs: 3_600_000, tier: 'auto', pingIntervalMs: 25_000 },
    { sandbox: { speed: 40, epochMs: Date.now() - 5 * 60_000 } },
  );
  const serve = await startServe({ service: core.service, rendererDir: RENDERER_DIR, log: () => {} });
  const url = new URL(serve.url);
  return {
    core,
    serve,
    token: url.hash.replace('#token=', ''),
    origin: url.origin,
    close: async () => {
      await serve.close();
      await core.close();
      dir.remove();
    },
  };
}
