import type { Disposer, RoundlogService } from '../../../shared/contract';

/**
 * The transport's own health, separate from `status.connection` (which is Roundlog's link to
 * upstream): the page can only say "Lost contact with Roundlog" if it knows its own link dropped.
 */
export type TransportState = 'connecting' | 'connected' | 'reconnecting' | 'token-missing';

export interface TransportStatus {
  readonly state: TransportState;
  /** Failed attempts since the last successful connection; 0 while connected. */
  readonly attempt: number;
}

/** What the UI holds: the contract's service plus the health of whatever carries it. */
export interface Bridge {
  readonly service: RoundlogService;
  /** Returns the same object until the state changes, so React can use it as a snapshot. */
  getTransport(): TransportStatus;
  onTransport(listener: () => void): Disposer;
  dispose(): void;
}
