import { memo, useState, type ReactNode } from 'react';
import type { RoundlogService } from '../../../../shared/contract';
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
import { BetsPanel } from './BetsPanel';
import { PanelWindow, type DashboardStats } from './PanelWindow';
import { BonusesPanel, ExtraPanel, LightningPanel, LuckyPanel, PocketsPanel, ResultsRibbon, SegmentsPanel, TopSlotPanel, TotalsPanel } from './ShowDashboards';
import { formatCount } from './format';
import { useExactStats, useGameStats, type ExactState } from './useGameStats';
import './game.css';

const NO_ROUNDS: readonly RoundView[] = [];
const NOT_EXACT: ExactState = { exact: null, running: false };

// Each live round renders the dashboard again for its chart and header; a statistics panel changes
// only with its figures, so it skips those renders (at 50 rounds a second they were most of the work).
const Distribution = memo(DistributionPanel);
const Delays = memo(DelayPanel);
const Rtp = memo(RtpPanel);
const Streaks = memo(StreakPanel);
const Hourly = memo(HourlyPanel);
const Edge = memo(EdgePanel);
const BiggestWins = memo(BiggestWinsPanel);
const Bets = memo(BetsPanel);
const Segments = memo(SegmentsPanel);
const TopSlot = memo(TopSlotPanel);
const Bonuses = memo(BonusesPanel);
const Extra = memo(ExtraPanel);
const Totals = memo(TotalsPanel);
const Lightning = memo(LightningPanel);
const Pockets = memo(PocketsPanel);
const Lucky = memo(LuckyPanel);

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
  // Moves with every arrival, also once the page keeps no more rounds (rounds.length stops there).
  const arrivals = live.arrivalsByGame.get(game) ?? 0;
  const houseEdge = settings?.settings.houseEdges[game] ?? null;

  const [window, setWindow] = useState<StatsWindow>('24h');
  const [exactOn, setExactOn] = useState(true);
  const { stats, loading, problem } = useGameStats(service, game, window, houseEdge, arrivals);
  const exact = useExactStats(service, game, window, exactOn && stats !== null && dashboard !== 'wheel' && dashboard !== 'dice' && dashboard !== 'roulette');
  const multiplier = stats?.multiplier ?? null;
  const shared: DashboardStats | null = stats === null ? null : { service, game, houseEdge, roundsSeen: arrivals, window, stats };
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
          <ChartPanel service={service} game={game} gameName={name} rounds={rounds} />
        ) : (
          <ResultsRibbon rounds={rounds} />
        )}
        {multiplier === null ? (
          <Placeholders kind={dashboard} />
        ) : (
          <>
            {dashboard === 'wheel' ? (
              <>
                {windowed('segments', (s) => (s.wheel ? <Segments wheel={s.wheel} /> : null))}
                {windowed('top-slot', (s) => (s.wheel ? <TopSlot wheel={s.wheel} /> : null))}
                {windowed('bonuses', (s) => (s.wheel ? <Bonuses wheel={s.wheel} /> : null))}
                {stats?.wheel?.extras.distributions.map(({ name: extra }) => windowed(`extra-${extra}`, (s) => (s.wheel ? <Extra wheel={s.wheel} name={extra} /> : null)))}
              </>
            ) : null}
            {dashboard === 'dice' ? (
              <>
                {windowed('totals', (s) => (s.dice ? <Totals dice={s.dice} /> : null))}
                {windowed('lightning', (s) => (s.dice ? <Lightning dice={s.dice} /> : null))}
              </>
            ) : null}
            {dashboard === 'roulette' ? (
              <>
                {windowed('pockets', (s) => (s.roulette ? <Pockets roulette={s.roulette} /> : null))}
                {windowed('lucky', (s) => (s.roulette ? <Lucky roulette={s.roulette} /> : null))}
              </>
            ) : null}
            {dashboard === 'crash' || dashboard === 'series' ? (
              <>
                {windowed('distribution', (s, own) => <Distribution stats={s.multiplier} exact={own ? NOT_EXACT : exact} />)}
                {windowed('delays', (s) => <Delays stats={s.multiplier} />)}
                {windowed('rtp', (s) => <Rtp stats={s.multiplier} />)}
                {windowed('streaks', (s) => <Streaks stats={s.multiplier} />)}
                {windowed('hourly', (s) => <Hourly stats={s.multiplier} />)}
                {windowed('edge', (s) => <Edge stats={s.multiplier} />)}
                {stats?.bets ? windowed('bets', (s) => (s.bets ? <Bets bets={s.bets} /> : null)) : null}
                {windowed('biggest-wins', (s) => <BiggestWins stats={s.multiplier} />)}
              </>
            ) : (
              windowed('biggest-wins', (s) => <BiggestWins stats={s.multiplier} title="Biggest payouts" />)
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

interface ChartPanelProps {
  readonly service: RoundlogService;
  readonly game: string;
  readonly gameName: string;
  readonly rounds: readonly RoundView[];
}

/** The chart's panel, counting the rounds the chart shows: a live round re-renders it, not the dashboard twice. */
function ChartPanel({ service, game, gameName, rounds }: ChartPanelProps) {
  const [chartRounds, setChartRounds] = useState<number | null>(null);
  return (
    <Panel name="chart" title="Multipliers" rounds={chartRounds} wide>
      <HistoryChart service={service} game={game} gameName={gameName} rounds={rounds} onShown={setChartRounds} />
    </Panel>
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
