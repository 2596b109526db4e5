import type { RoundlogService } from '../../shared/contract';

declare global {
  interface Window {
    /** Exposed by Electron's preload; absent when the page is served to a browser by `roundlog serve`. */
    roundlog: RoundlogService | undefined;
  }
}

export {};
