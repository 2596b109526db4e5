import type { StatsWindow } from '../../../../shared/stats/window';
import { sameWindow, windowLabel } from '../../components/window/windowChoice';

// A panel reads the dashboard's window unless it has been given its own.

/** The window a panel's own choice stands for: choosing the dashboard's window means following it. */
export function ownWindow(chosen: StatsWindow, dashboard: StatsWindow): StatsWindow | null {
  return sameWindow(chosen, dashboard) ? null : chosen;
}

/** What a panel's window control says, short on the control and in full for its tooltip. */
export function panelWindowText(own: StatsWindow | null, dashboard: StatsWindow): { readonly label: string; readonly detail: string } {
  if (own === null) return { label: windowLabel(dashboard), detail: `Dashboard window (${windowLabel(dashboard)}); choose this panel’s own` };
  return { label: windowLabel(own), detail: `This panel’s own window (${windowLabel(own)}); the dashboard reads ${windowLabel(dashboard)}` };
}
