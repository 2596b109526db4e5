import type { StatsReport } from './stats-command';
export function formatStatsReport(report: StatsReport): string { return JSON.stringify(report); }
