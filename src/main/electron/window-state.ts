import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { writeFileAtomically } from '../core/atomic-write';

// Where the window was and how big, remembered in the data folder. Plain Node (no `electron`
// import) so the placement rules run under vitest; window.ts feeds it Electron's displays.

export interface Rect {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

export const MIN_WINDOW_SIZE = { width: 1024, height: 700 } as const;
export const DEFAULT_WINDOW_SIZE = { width: 1280, height: 800 } as const;

const windowStateSchema = z
  .object({
    x: z.number().int(),
    y: z.number().int(),
    width: z.number().int().min(200).max(100_000),
    height: z.number().int().min(200).max(100_000),
    maximized: z.boolean(),
  })
  .strict();
export type WindowState = z.infer<typeof windowStateSchema>;

/** The remembered state, or null when there is none or it cannot be trusted (then the default). */
export function readWindowState(file: string): WindowState | null {
  try {
    const parsed = windowStateSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** A convenience, not data: a failed write (full disk) costs the next start its placement only. */
export function writeWindowState(file: string, state: WindowState, log: (message: string) => void): void {
  try {
    writeFileAtomically(file, `${JSON.stringify(state)}\n`);
  } catch (error) {
    log(`window position not saved: ${(error as Error).message}`);
  }
}

/** How much of the title bar must be on a screen for the saved place to be usable. */
const GRIP = { width: 120, height: 40 } as const;

export interface Placement {
  /** Absent x/y: let the OS centre the window. */
  readonly bounds: { readonly width: number; readonly height: number; readonly x?: number; readonly y?: number };
  readonly maximized: boolean;
}

/**
 * Where to open the window: where it was, if enough of its title bar is still on one of today's
 * screens (a monitor may have been unplugged since), shrunk to fit that screen; else centred at
 * the default size.
 */
export function placeWindow(saved: WindowState | null, workAreas: readonly Rect[]): Placement {
  const fallback: Placement = { bounds: fitted(DEFAULT_WINDOW_SIZE, workAreas[0]), maximized: saved?.maximized ?? false };
  if (saved === null) return fallback;
  const titleBar: Rect = { x: saved.x, y: saved.y, width: saved.width, height: GRIP.height };
  const screen = workAreas.find((area) => {
    const overlap = intersection(titleBar, area);
    return overlap !== null && overlap.width >= Math.min(GRIP.width, saved.width) && overlap.height >= GRIP.height;
  });
  if (screen === undefined) return fallback;
  const size = fitted(saved, screen);
  return {
    bounds: {
      ...size,
      x: clamp(saved.x, screen.x, screen.x + screen.width - size.width),
      y: clamp(saved.y, screen.y, screen.y + screen.height - size.height),
    },
    maximized: saved.maximized,
  };
}

function fitted(size: { readonly width: number; readonly height: number }, area: Rect | undefined): { width: number; height: number } {
  const width = area === undefined ? size.width : Math.min(size.width, area.width);
  const height = area === undefined ? size.height : Math.min(size.height, area.height);
  return { width: Math.max(width, Math.min(MIN_WINDOW_SIZE.width, area?.width ?? width)), height: Math.max(height, Math.min(MIN_WINDOW_SIZE.height, area?.height ?? height)) };
}

function intersection(a: Rect, b: Rect): { width: number; height: number } | null {
  const width = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const height = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return width > 0 && height > 0 ? { width, height } : null;
}

function clamp(value: number, low: number, high: number): number {
  return Math.max(low, Math.min(value, Math.max(low, high)));
}
