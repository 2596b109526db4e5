import { useState, type ReactNode } from 'react';
import { catalogKind, findGame, gameTitle, isCrashLike } from '../../../../shared/games';
import type { RoundView } from '../../../../shared/round';
import type { GameStatsView } from '../../../../shared/stats/game-stats';
import type { StatsWindow } from '../../../../shared/stats/window';
import { useApp } from '../../app/AppContext';
import { HistoryChart } from '../../chart/HistoryChart';
import { StateBadge } from '../../components/status';
import { WindowSelector } from '../../components/window/WindowSelector';
import { windowLabel } from '../../components/window/windowChoice';
import { BiggestWinsPanel, DelayPanel, DistributionPanel, EdgePanel, HourlyPanel, RtpPanel, StreakPanel } from './CrashDashboard';
import { Panel } from './Panel';
import { PanelWindow, type DashboardStats } from './PanelWindow';
import { BonusesPanel, ExtraPanel, LightningPanel, LuckyPanel, PocketsPanel, ResultsRibbon, SegmentsPanel, TopSlotPanel, TotalsPanel } from './ShowDashboards';
import { formatCount } from './format';
import { useExactStats, useGameStats, type ExactState } from './useGameStats';
import './game.css';

const NO_ROUNDS: readonly RoundView[] = [];
const NOT_EXACT: ExactState = { exact: null, running: false };

type DashboardKind = 'crash' | 'wheel' | 'dice' | 'roulette' | 'series';

function dashboardKind(kind: string): DashboardKind {
  if (isCrashLike(kind)) return 'crash';
  if (kind === 'wheel-show' || kind === 'wheel') return 'wheel';
  if (kind === 'dice-show') return 'dice';
  if (kind === 'roulette-show') return 'roulette';
  return 'series';
}

/** One game's dashboard: its live chart or results, and every statistic of its kind over a window. */
export function GameScreen() {
  const { service, live, settings, route } = useApp();
  const game = route.screen === 'game' ? route.game : '';
  const status = live.status?.games.find((entry) => entry.game === game) ?? null;
  const info = findGame(game);
  const kind = status?.kind ?? catalogKind(game);
  const dashboard = dashboardKind(kind);
  const name = status === null ? (info === undefined ? game : gameTitle(info)) : gameTitle(status);
  const rounds = live.roundsByGame.get(game) ?? NO_ROUNDS;
  const houseEdge = settings?.settings.houseEdges[game] ?? null;

  const [window, setWindow] = useState<StatsWindow>('24h');
  const [exactOn, setExactOn] = useState(true);
  const [chartRounds, setChartRounds] = useState<number | null>(null);
  const { stats, loading, problem } = useGameStats(service, game, window, houseEdge, rounds.length);
  const exact = useExactStats(service, game, window, exactOn && stats !== null && dashboard !== 'wheel' && dashboard !== 'dice' && dashboard !== 'roulette');
  const multiplier = stats?.multiplier ?? null;
  const shared: DashboardStats | null = stats === null ? null : { service, game, houseEdge, roundsSeen: rounds.length, window, stats };
  /** A statistics panel that can read its own window instead of the dashboard's. */
  const windowed = (name: string, render: (stats: GameStatsView, own: boolean) => ReactNode) =>
    shared === null ? null : (
      <PanelWindow key={`${game}:${name}`} dashboard={shared}>
        {render}
      </PanelWindow>
    );

  return (
    <div className="game-dashboard" data-testid="game-dashboard" data-game={game} data-kind={dashboard} aria-busy={loading}>
      <header className="game-dashboard__header">
        <div className="game-dashboard__title-row">
          <h1 className="game-dashboard__title">{name}</h1>
          {status === null ? null : <StateBadge state={status.state} />}
          <span className="game-dashboard__stored">{status === null ? '' : `${formatCount(status.roundsStored)} rounds stored`}</span>
        </div>
        <div className="game-dashboard__controls">
          <WindowSelector value={window} onChange={setWindow} label="Window for every panel" />
          {dashboard === 'crash' || dashboard === 'series' ? (
            <label className="game-dashboard__exact">
              <input type="checkbox" checked={exactOn} onChange={(event) => setExactOn(event.target.checked)} data-testid="exact-toggle" /> Exact percentiles
            </label>
          ) : null}
          <span className="game-dashboard__window" data-testid="window-rounds" aria-live="polite">
            {multiplier === null ? 'Loading…' : `${windowLabel(window)} · ${formatCount(multiplier.window.rounds)} rounds`}
            {loading && multiplier !== null ? <span className="game-dashboard__refreshing" aria-hidden="true" /> : null}
          </span>
        </div>
        {status?.detail ? <p className="game-dashboard__detail">{status.detail}</p> : null}
        {problem === null ? null : (
          <p className="game-dashboard__problem" role="alert">
            {problem}
          </p>
        )}
      </header>

      <div className="game-dashboard__grid">
        {dashboard === 'crash' || dashboard === 'series' ? (
          <Panel name="chart" title="Multipliers" rounds={chartRounds} wide>
            <HistoryChart service={service} game={game} gameName={name} rounds={rounds} onShown={setChartRounds} />
          </Panel>
        ) : (
          <ResultsRibbon rounds={rounds} />
        )}
        {multiplier === null ? (
          <Placeholders kind={dashboard} />
        ) : (
          <>
            {dashboard === 'wheel' ? (
              <>
                {windowed('segments', (s) => (s.wheel ? <SegmentsPanel wheel={s.wheel} /> : null))}
                {windowed('top-slot', (s) => (s.wheel ? <TopSlotPanel wheel={s.wheel} /> : null))}
                {windowed('bonuses', (s) => (s.wheel ? <BonusesPanel wheel={s.wheel} /> : null))}
                {stats?.wheel?.extras.distributions.map(({ name: extra }) => windowed(`extra-${extra}`, (s) => (s.wheel ? <ExtraPanel wheel={s.wheel} name={extra} /> : null)))}
              </>
            ) : null}
            {dashboard === 'dice' ? (
              <>
                {windowed('totals', (s) => (s.dice ? <TotalsPanel dice={s.dice} /> : null))}
                {windowed('lightning', (s) => (s.dice ? <LightningPanel dice={s.dice} /> : null))}
              </>
            ) : null}
            {dashboard === 'roulette' ? (
              <>
                {windowed('pockets', (s) => (s.roulette ? <PocketsPanel roulette={s.roulette} /> : null))}
                {windowed('lucky', (s) => (s.roulette ? <LuckyPanel roulette={s.roulette} /> : null))}
              </>
            ) : null}
            {dashboard === 'crash' || dashboard === 'series' ? (
              <>
                {windowed('distribution', (s, own) => <DistributionPanel stats={s.multiplier} exact={own ? NOT_EXACT : exact} />)}
                {windowed('delays', (s) => <DelayPanel stats={s.multiplier} />)}
                {windowed('rtp', (s) => <RtpPanel stats={s.multiplier} />)}
                {windowed('streaks', (s) => <StreakPanel stats={s.multiplier} />)}
                {windowed('hourly', (s) => <HourlyPanel stats={s.multiplier} />)}
                {windowed('edge', (s) => <EdgePanel stats={s.multiplier} />)}
                {windowed('biggest-wins', (s) => <BiggestWinsPanel stats={s.multiplier} />)}
              </>
            ) : (
              windowed('biggest-wins', (s) => <BiggestWinsPanel stats={s.multiplier} title="Biggest payouts" />)
            )}
            {multiplier.notes.length === 0 ? null : (
              <aside className="game-dashboard__notes" aria-label="Notes">
                {multiplier.notes.map((note) => (
                  <p key={note}>{note}</p>
                ))}
              </aside>
            )}
          </>
        )}
      </div>
    </div>
  );
}

/** Reserved space while the first answer loads, so panels do not push each other about. */
function Placeholders({ kind }: { readonly kind: DashboardKind }) {
  const names = kind === 'crash' || kind === 'series' ? ['distribution', 'delays', 'rtp', 'streaks'] : ['segments', 'biggest-wins'];
  return (
    <>
      {names.map((name) => (
        <Panel key={name} name={name} title="Loading…" rounds={null}>
          <div className="panel__skeleton" />
        </Panel>
      ))}
    </>
  );
}
