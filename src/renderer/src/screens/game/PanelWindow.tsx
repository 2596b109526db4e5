import { createContext, useContext, useEffect, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import type { RoundlogService } from '../../../../shared/contract';
import type { GameStatsView } from '../../../../shared/stats/game-stats';
import type { StatsWindow } from '../../../../shared/stats/window';
import { WindowSelector } from '../../components/window/WindowSelector';
import { windowLabel } from '../../components/window/windowChoice';
import { ownWindow, panelWindowText } from './panelWindow';
import { useGameStats } from './useGameStats';

/** What every panel shares with its dashboard: where its statistics come from and the dashboard's answer. */
export interface DashboardStats {
  readonly service: RoundlogService;
  readonly game: string;
  readonly houseEdge: number | null;
  readonly roundsSeen: number;
  readonly window: StatsWindow;
  readonly stats: GameStatsView;
}

/** The control a Panel shows in its header, when the panel can have its own window. */
const PanelWindowSlot = createContext<ReactNode>(null);
export const usePanelWindowControl = (): ReactNode => useContext(PanelWindowSlot);

interface PanelWindowProps {
  readonly dashboard: DashboardStats;
  /** The panel, drawn from the statistics of the window it reads; `own` when that is not the dashboard's. */
  children(stats: GameStatsView, own: boolean): ReactNode;
}

/**
 * Lets one panel read its own window instead of the dashboard's. Until its own answer arrives the
 * panel keeps the figures it has, so nothing moves.
 */
export function PanelWindow({ dashboard, children }: PanelWindowProps) {
  const [own, setOwn] = useState<StatsWindow | null>(null);
  const mine = useGameStats(dashboard.service, dashboard.game, own, dashboard.houseEdge, dashboard.roundsSeen);
  const stats = own === null ? dashboard.stats : (mine.stats ?? dashboard.stats);
  const control = <PanelWindowControl own={own} dashboard={dashboard.window} busy={own !== null && mine.loading} problem={own === null ? null : mine.problem} onChange={setOwn} />;
  return <PanelWindowSlot.Provider value={control}>{children(stats, own !== null && mine.stats !== null)}</PanelWindowSlot.Provider>;
}

interface ControlProps {
  readonly own: StatsWindow | null;
  readonly dashboard: StatsWindow;
  readonly busy: boolean;
  readonly problem: string | null;
  onChange(own: StatsWindow | null): void;
}

function PanelWindowControl({ own, dashboard, busy, problem, onChange }: ControlProps) {
  const [open, setOpen] = useState(false);
  const root = useRef<HTMLDivElement>(null);
  const text = panelWindowText(own, dashboard);

  useEffect(() => {
    if (!open) return;
    const outside = (event: PointerEvent): void => {
      if (!root.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener('pointerdown', outside);
    return () => document.removeEventListener('pointerdown', outside);
  }, [open]);

  // Esc closes the popover and stays here: the app's own Esc shortcut leaves the dashboard.
  const closeOnEscape = (event: KeyboardEvent<HTMLDivElement>): void => {
    if (event.key !== 'Escape' || !open) return;
    event.preventDefault();
    setOpen(false);
  };

  const choose = (window: StatsWindow | null): void => {
    onChange(window === null ? null : ownWindow(window, dashboard));
    setOpen(false);
  };

  return (
    <div className="panel-window" ref={root} data-testid="panel-window" data-own={own !== null} onKeyDown={closeOnEscape}>
      <button type="button" className="panel-window__toggle" aria-expanded={open} aria-haspopup="dialog" title={problem ?? text.detail} aria-label={`Window: ${text.detail}`} onClick={() => setOpen((shown) => !shown)} data-testid="panel-window-toggle">
        {busy ? <span className="panel-window__busy" aria-hidden="true" /> : null}
        {text.label}
        <span className="panel-window__caret" aria-hidden="true">▾</span>
      </button>
      {own === null ? null : (
        <button type="button" className="panel-window__reset" onClick={() => choose(null)} aria-label={`Back to the dashboard window (${windowLabel(dashboard)})`} title={`Back to the dashboard window (${windowLabel(dashboard)})`} data-testid="panel-window-reset">
          ×
        </button>
      )}
      {open ? (
        <div className="panel-window__popover" role="dialog" aria-label="This panel’s window">
          <button type="button" className="panel-window__follow" aria-pressed={own === null} onClick={() => choose(null)} data-testid="panel-window-dashboard">
            Dashboard window ({windowLabel(dashboard)})
          </button>
          <WindowSelector value={own} onChange={choose} label="This panel’s own window" />
        </div>
      ) : null}
    </div>
  );
}
