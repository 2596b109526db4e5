// The status pieces every screen may show: a compact line for tiles and dashboards, the backfill
// bar, the sync strip and the full connection panel of Settings.
export { BackfillBar } from './BackfillBar';
export { ConnectionPanel } from './ConnectionPanel';
export { GameStatusLine } from './GameStatusLine';
export { StateBadge } from './StateBadge';
export { SyncStrip } from './SyncStrip';
export * from './statusWords';
