import { it } from 'vitest';
import { startSandbox } from '../../../src/sim/server';

it('probe', async () => {
  let t = Date.now();
  const a = await startSandbox({ seed: 'probe', games: ['stake-crash'], historyRounds: 100_000 });
  console.log('crash', a.rounds('stake-crash').length, Date.now() - t, (a.rounds('stake-crash').at(-1)!.finalizedAtMs - a.rounds('stake-crash')[0]!.finalizedAtMs) / 3.6e6);
  t = Date.now();
  const b = await startSandbox({ seed: 'probe', games: ['crazytime', 'lightningdice', 'lightningroulette'], historyRounds: 20_000 });
  for (const g of ['crazytime', 'lightningdice', 'lightningroulette']) console.log(g, b.rounds(g).length, Date.now() - t);
  console.log(b.rounds('crazytime')[5]!.json);
  console.log(b.rounds('lightningdice')[5]!.json);
  console.log(b.rounds('lightningroulette')[5]!.json);
  console.log(a.rounds('stake-crash')[5]!.json);
  await a.close(); await b.close();
}, 120_000);
