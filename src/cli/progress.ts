import type { RoundlogService, Status } from '../shared/contract';

const PRINT_EVERY_MS = 2_000;

/** Prints state changes at once and round counts every few seconds, for `roundlog sync`. */
export function followProgress(service: RoundlogService, print: (line: string) => void): () => void {
  const received = new Map<string, number>();
  let lastStates = '';
  const describe = (status: Status): string =>
    status.games.map((game) => `${game.game} ${game.state}${game.detail ? ` (${game.detail})` : ''}`).join(', ');

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
      const parts = status.games.map((game) => `${game.game} +${received.get(game.game) ?? 0} (${game.roundsStored} stored)`);
      received.clear();
      print(parts.join(', '));
    });
  }, PRINT_EVERY_MS);
  return () => {
    offStatus();
    offRounds();
    clearInterval(timer);
  };
}
