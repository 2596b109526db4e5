import type { MultiplierStatsView } from '../../../../shared/stats/multiplier-stats';
import type { ExactState } from './useGameStats';
import { FitLine, NoTheory, Panel } from './Panel';
import { OutsideMark, RateBar, rateScale } from './RateBar';
import { formatCount, formatDollars, formatInstant, formatPercent, formatPp, formatPValue, formatThreshold, formatTimes, formatWait } from './format';

/** The multiplier panels every crash-like game shows (and, below their own panels, the shows). */
export function DistributionPanel({ stats, exact }: { readonly stats: MultiplierStatsView; readonly exact: ExactState }) {
  const { distribution } = stats;
  const scale = rateScale(distribution.bins.map((bin) => bin.rate));
  const shape = distribution.shape;
  const quantile = (approximate: number | null, exactValue: number | null | undefined) =>
    exact.exact !== null && exactValue !== undefined ? formatTimes(exactValue) : `${shape.approximate ? '≈ ' : ''}${formatTimes(approximate)}`;
  return (
    <Panel name="distribution" title="Distribution vs theory" rounds={stats.window.rounds}>
      <dl className="facts">
        <Fact term="Mean" value={formatTimes(shape.mean)} />
        <Fact term="Median" value={quantile(shape.median, exact.exact?.median)} />
        <Fact term="p95" value={quantile(shape.p95, exact.exact?.p95)} />
        <Fact term="p99" value={quantile(shape.p99, exact.exact?.p99)} />
        <Fact term="Max" value={shape.max === null ? '—' : formatTimes(Number(shape.max.multiplier))} />
      </dl>
      <p className="exact-state" data-testid="exact-state" data-state={exact.exact !== null ? 'exact' : exact.running ? 'running' : 'approximate'}>
        {exact.exact !== null ? 'Percentiles exact over every round of the window.' : exact.running ? 'Computing exact percentiles…' : 'Percentiles ≈ within 1% (quantile sketch).'}
      </p>
      <table className="stats-table">
        <caption className="visually-hidden">Share of rounds per multiplier range, observed against theory</caption>
        <thead>
          <tr>
            <th scope="col">Range</th>
            <th scope="col" className="num">Observed</th>
            <th scope="col" className="bar-col">vs theory</th>
            <th scope="col" className="num">Theory</th>
            <th scope="col" className="num">Δ</th>
          </tr>
        </thead>
        <tbody>
          {distribution.bins.map((bin) => (
            <tr key={bin.from}>
              <th scope="row">{bin.to === null ? `≥ ${formatThreshold(bin.from)}` : `${formatThreshold(bin.from)}–${formatThreshold(bin.to)}`}</th>
              <td className="num">{formatPercent(bin.rate.observed)}</td>
              <td className="bar-col">
                <RateBar rate={bin.rate} scale={scale} label={`${formatThreshold(bin.from)} bin`} />
              </td>
              <td className="num">{bin.rate.theoretical === null ? <NoTheory /> : formatPercent(bin.rate.theoretical)}</td>
              <td className="num">{formatPp(bin.rate.deltaPp)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="panel__foot">
        <FitLine fit={distribution.fit} />
        {' · '}
        {exact.exact?.ks != null ? (
          <>KS D = {exact.exact.ks.statistic.toFixed(4)} (exact), {formatPValue(exact.exact.ks.pValue)}</>
        ) : distribution.ks === null ? (
          <NoTheory>KS: no published theory</NoTheory>
        ) : (
          <>KS D ≥ {distribution.ks.statistic.toFixed(4)} at {formatThreshold(distribution.ks.at)}, {formatPValue(distribution.ks.pValue)}</>
        )}
      </p>
    </Panel>
  );
}

export function DelayPanel({ stats }: { readonly stats: MultiplierStatsView }) {
  return (
    <Panel name="delays" title="Rounds since" rounds={stats.window.rounds} note="Waits are counted over the whole local history; the chance is how often a fair game waits at least this long.">
      <table className="stats-table">
        <caption className="visually-hidden">Rounds since the last multiplier at or above each threshold, and how often a wait that long happens</caption>
        <thead>
          <tr>
            <th scope="col">Target</th>
            <th scope="col" className="num">Since</th>
            <th scope="col" className="num">Mean wait</th>
            <th scope="col">This wait happens</th>
            <th scope="col" className="num">Hits</th>
          </tr>
        </thead>
        <tbody>
          {stats.delays.map((delay) => (
            <tr key={delay.threshold}>
              <th scope="row">≥ {formatThreshold(delay.threshold)}</th>
              <td className="num strong">{formatCount(delay.drought.roundsSince)}{delay.drought.seen ? '' : '+'}</td>
              <td className="num">{formatWait(delay.expectedGap)}</td>
              <td>
                {delay.drought.chance === null ? (
                  <NoTheory />
                ) : (
                  <span className="chance">
                    <span className="chance__meter" style={{ ['--chance' as string]: `${Math.max(2, delay.drought.chance * 100)}%` }} aria-hidden="true" />
                    {formatPercent(delay.drought.chance)} of the time
                  </span>
                )}
              </td>
              <td className="num muted">{formatCount(delay.lifetimeHits)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Panel>
  );
}

export function StreakPanel({ stats }: { readonly stats: MultiplierStatsView }) {
  return (
    <Panel name="streaks" title="Streaks below" rounds={stats.window.rounds}>
      <table className="stats-table">
        <caption className="visually-hidden">Runs of rounds below each threshold: current, longest in the window and what a fair game typically gives</caption>
        <thead>
          <tr>
            <th scope="col">Below</th>
            <th scope="col" className="num">Now</th>
            <th scope="col" className="num">Longest</th>
            <th scope="col">Started</th>
            <th scope="col" className="num">Typical longest</th>
            <th scope="col" className="num">As long or longer</th>
          </tr>
        </thead>
        <tbody>
          {stats.streaks.map((streak) => (
            <tr key={streak.threshold}>
              <th scope="row">{formatThreshold(streak.threshold)}</th>
              <td className="num strong">{formatCount(streak.currentUnder)}</td>
              <td className="num">{formatCount(streak.longestInWindow)}</td>
              <td className="muted">{formatInstant(streak.longestStartedAt?.finalizedAt ?? null)}</td>
              <td className="num">{streak.expectedLongest === null ? <NoTheory /> : formatWait(streak.expectedLongest)}</td>
              <td className="num">{streak.longestChance === null ? <NoTheory /> : formatPercent(streak.longestChance)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Panel>
  );
}

type HourMeasure = 'count' | 'mean' | 'hits2x' | 'hits10x';
const HOUR_MEASURES: readonly { key: HourMeasure; label: string }[] = [
  { key: 'count', label: 'Rounds' },
  { key: 'mean', label: 'Mean ×' },
  { key: 'hits2x', label: 'Hits ≥ 2×' },
  { key: 'hits10x', label: 'Hits ≥ 10×' },
];

/** Hours of the window as a heatmap: one row per measure, one cell per UTC hour of day. */
export function HourlyPanel({ stats }: { readonly stats: MultiplierStatsView }) {
  const byHourOfDay = Array.from({ length: 24 }, () => ({ count: 0, sum: 0, hits2x: 0, hits10x: 0 }));
  for (const hour of stats.hourly) {
    const at = new Date(hour.hour).getUTCHours();
    const cell = byHourOfDay[at];
    if (cell === undefined || Number.isNaN(at)) continue;
    cell.count += hour.count;
    cell.sum += (hour.mean ?? 0) * hour.count;
    cell.hits2x += hour.hits2x;
    cell.hits10x += hour.hits10x;
  }
  const value = (cell: (typeof byHourOfDay)[number], key: HourMeasure): number | null =>
    key === 'count' ? cell.count : cell.count === 0 ? null : key === 'mean' ? cell.sum / cell.count : cell[key];
  return (
    <Panel name="hourly" title="By hour of day (UTC)" rounds={stats.window.rounds} wide>
      <div className="heatmap-scroll">
        <table className="heatmap">
          <caption className="visually-hidden">Rounds, mean multiplier and hits per UTC hour of day over the window; darker cells are higher</caption>
          <thead>
            <tr>
              <th scope="col">
                <span className="visually-hidden">Measure</span>
              </th>
              {byHourOfDay.map((_, hour) => (
                <th scope="col" key={hour}>
                  {String(hour).padStart(2, '0')}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {HOUR_MEASURES.map(({ key, label }) => {
              const values = byHourOfDay.map((cell) => value(cell, key));
              const top = Math.max(...values.map((v) => v ?? 0)) || 1;
              return (
                <tr key={key}>
                  <th scope="row">{label}</th>
                  {values.map((v, hour) => (
                    <td key={hour} style={{ ['--heat' as string]: v === null ? 0 : Math.max(0.06, v / top) }} title={`${String(hour).padStart(2, '0')}:00 UTC · ${label}: ${v === null ? 'no rounds' : key === 'mean' ? formatTimes(v) : formatCount(v)}`}>
                      {v === null ? '' : key === 'mean' ? v.toFixed(1) : compact(v)}
                    </td>
                  ))}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </Panel>
  );
}

export function RtpPanel({ stats }: { readonly stats: MultiplierStatsView }) {
  const { frequency } = stats;
  const scale = rateScale(frequency.thresholds.map((row) => row.rate));
  return (
    <Panel
      name="rtp"
      title="Hit rate and return by cash-out target"
      rounds={stats.window.rounds}
      note={frequency.baseline === null ? <NoTheory /> : `Theory: ${frequency.baseline}${frequency.houseEdge === null ? '' : `, house edge ${formatPercent(frequency.houseEdge)}`}`}
    >
      <table className="stats-table">
        <caption className="visually-hidden">Observed share of rounds at or above each target with its 95% interval, and the return of always cashing out there</caption>
        <thead>
          <tr>
            <th scope="col">Target</th>
            <th scope="col" className="num">Hit rate</th>
            <th scope="col" className="bar-col">vs theory</th>
            <th scope="col" className="num">Δ</th>
            <th scope="col" className="num">Return (95%)</th>
            <th scope="col" className="num">Theory</th>
          </tr>
        </thead>
        <tbody>
          {frequency.thresholds.map((row) => (
            <tr key={row.threshold}>
              <th scope="row">{formatThreshold(row.threshold)}</th>
              <td className="num">
                {formatPercent(row.rate.observed)} <OutsideMark rate={row.rate} />
              </td>
              <td className="bar-col">
                <RateBar rate={row.rate} scale={scale} label={`At least ${formatThreshold(row.threshold)}`} />
              </td>
              <td className="num">{formatPp(row.rate.deltaPp)}</td>
              <td className="num">
                {row.rtp === null ? '—' : (
                  <>
                    {formatPercent(row.rtp.observed)} <span className="muted">{formatPercent(row.rtp.interval.low)}–{formatPercent(row.rtp.interval.high)}</span>
                  </>
                )}
              </td>
              <td className="num">{row.rtp?.theoretical == null ? <NoTheory /> : formatPercent(row.rtp.theoretical)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Panel>
  );
}

export function EdgePanel({ stats }: { readonly stats: MultiplierStatsView }) {
  const { edge } = stats.frequency;
  const crowd = stats.crowd;
  return (
    <Panel name="edge" title="Edge estimate and crowd return" rounds={stats.window.rounds}>
      <dl className="facts facts--large">
        <Fact
          term={`Edge paid at ${edge === null ? '2×' : formatThreshold(edge.target)}`}
          value={edge === null ? '—' : formatPercent(edge.edge)}
          detail={edge === null ? 'no rounds' : `95%: ${formatPercent(edge.interval.low)} to ${formatPercent(edge.interval.high)}`}
        />
        <Fact
          term="Crowd return"
          value={crowd?.ratio == null ? '—' : formatPercent(crowd.ratio)}
          detail={crowd === null ? 'no bet snapshots for this game' : `${formatDollars(crowd.payout)} paid of ${formatDollars(crowd.volume)} bet · ${formatCount(crowd.rounds)} rounds`}
        />
      </dl>
      <p className="panel__foot muted">{crowd?.note ?? 'ê = 1 − 2·P̂(M ≥ 2): what a 2× cash-out has paid over the window.'}</p>
    </Panel>
  );
}

export function BiggestWinsPanel({ stats, title = 'Biggest wins' }: { readonly stats: MultiplierStatsView; readonly title?: string }) {
  const wins = stats.biggestWins.wins.slice(0, 10);
  return (
    <Panel name="biggest-wins" title={title} rounds={stats.window.rounds} note={stats.biggestWins.rankedBy === 'multiplier' ? 'Ranked by multiplier: this game reports no payouts.' : 'Ranked by payout × multiplier.'}>
      <table className="stats-table">
        <caption className="visually-hidden">{title} of the window</caption>
        <thead>
          <tr>
            <th scope="col">#</th>
            <th scope="col" className="num">Multiplier</th>
            <th scope="col" className="num">Payout</th>
            <th scope="col">When</th>
          </tr>
        </thead>
        <tbody>
          {wins.length === 0 ? (
            <tr>
              <td colSpan={4} className="muted">No rounds in this window.</td>
            </tr>
          ) : (
            wins.map((win, index) => (
              <tr key={win.round.roundId}>
                <td className="muted">{index + 1}</td>
                <td className="num strong">{formatTimes(Number(win.round.multiplier))}</td>
                <td className="num">{formatDollars(win.payout)}</td>
                <td className="muted">{formatInstant(win.round.finalizedAt)}</td>
              </tr>
            ))
          )}
        </tbody>
      </table>
    </Panel>
  );
}

export function Fact({ term, value, detail }: { readonly term: string; readonly value: string; readonly detail?: string }) {
  return (
    <div className="fact">
      <dt>{term}</dt>
      <dd>
        <span className="fact__value">{value}</span>
        {detail === undefined ? null : <span className="fact__detail">{detail}</span>}
      </dd>
    </div>
  );
}

function compact(value: number): string {
  return value >= 10_000 ? `${Math.round(value / 1000)}K` : value >= 1000 ? `${(value / 1000).toFixed(1)}K` : String(value);
}
