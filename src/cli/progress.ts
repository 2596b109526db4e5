import type { GameStatus, RoundlogService, Status } from '../shared/contract';

const PRINT_EVERY_MS = 2_000;

/** Prints state changes at once and round counts every few seconds, for `roundlog sync`. */
export function followProgress(service: Pick<RoundlogService, 'getStatus' | 'onStatus' | 'onRounds'>, print: (line: string) => void): () => void {
  const received = new Map<string, number>();
  let lastStates = '';
  const describe = (status: Status): string =>
    status.games
      .filter((game) => game.tracked)
      .map((game) => {
        const stale = game.staleSince ? ` since ${game.staleSince}` : '';
        return `${game.game} ${game.state}${stale}${game.detail ? ` (${game.detail})` : ''}`;
      })
      .join(', ');
  const backfill = (game: GameStatus): string => {
    if (!game.backfill) return '';
    const { kind, rows, rowsPerSecond, fraction, etaSeconds } = game.backfill;
    const done = fraction === null ? '' : ` ${Math.round(fraction * 100)}%`;
    const eta = etaSeconds === null ? '' : `, ETA ${Math.ceil(etaSeconds)} s`;
    return ` [${kind} backfill${done}: ${rows} rows at ${Math.round(rowsPerSecond)}/s${eta}]`;
  };
  const completeness = (game: GameStatus): string => {
    const { gapsFound, gapsFilled, openSpans } = game.completeness;
    return gapsFound + openSpans === 0 ? '' : ` {gaps ${gapsFilled}/${gapsFound} filled${openSpans > 0 ? `, ${openSpans} open` : ''}}`;
  };

  const offStatus = service.onStatus((status) => {
    const states = `${status.connection.state}${status.connection.detail ? ` (${status.connection.detail})` : ''}: ${describe(status)}`;
    if (states !== lastStates) print(states);
    lastStates = states;
  });
  const offRounds = service.onRounds((rounds) => {
    for (const round of rounds) received.set(round.game, (received.get(round.game) ?? 0) + 1);
  });
  const timer = setInterval(() => {
    if (received.size === 0) return;
    void service.getStatus({}).then((status) => {
      const parts = status.games.map(
        (game) => `${game.game} +${received.get(game.game) ?? 0} (${game.roundsStored} stored)${backfill(game)}${completeness(game)}`,
      );
      const quarantined = status.sync.quarantined > 0 ? `; ${status.sync.quarantined} set aside in quarantine` : '';
      received.clear();
      print(`${parts.join(', ')}${quarantined}`);
    });
  }, PRINT_EVERY_MS);
  return () => {
    offStatus();
    offRounds();
    clearInterval(timer);
  };
}
