import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_WINDOW_SIZE, placeWindow, readWindowState, writeWindowState } from '../../../src/main/electron/window-state';
import { useTempDir } from '../../support/temp-dir';

const laptop = { x: 0, y: 0, width: 1440, height: 900 };
const monitorRight = { x: 1440, y: 0, width: 2560, height: 1440 };

describe('where the window opens', () => {
  it('opens centred at the default size the first time', () => {
    expect(placeWindow(null, [laptop])).toEqual({ bounds: DEFAULT_WINDOW_SIZE, maximized: false });
  });

  it('opens where it was when that place is still on a screen', () => {
    const saved = { x: 1600, y: 100, width: 1800, height: 1000, maximized: false };
    expect(placeWindow(saved, [laptop, monitorRight])).toEqual({ bounds: { x: 1600, y: 100, width: 1800, height: 1000 }, maximized: false });
  });

  it('comes back centred on the laptop when the monitor it was on is gone, keeping maximised', () => {
    const saved = { x: 1600, y: 100, width: 1800, height: 1000, maximized: true };
    expect(placeWindow(saved, [laptop])).toEqual({ bounds: DEFAULT_WINDOW_SIZE, maximized: true });
  });

  it('pulls a window hanging off the edge back on screen and shrinks one larger than the screen', () => {
    const saved = { x: 1300, y: 20, width: 3000, height: 2000, maximized: false };
    expect(placeWindow(saved, [laptop])).toEqual({ bounds: { x: 0, y: 0, width: 1440, height: 900 }, maximized: false });
  });

  it('does not trust a title bar only a sliver of which is on a screen', () => {
    const saved = { x: 1400, y: 300, width: 1200, height: 800, maximized: false };
    expect(placeWindow(saved, [laptop]).bounds).toEqual(DEFAULT_WINDOW_SIZE);
  });
});

describe('window-state.json', () => {
  let temp: ReturnType<typeof useTempDir>;
  beforeEach(() => {
    temp = useTempDir();
  });
  afterEach(() => temp.remove());

  it('round-trips, and a damaged or hand-edited file means the default place', () => {
    const file = join(temp.path, 'window-state.json');
    expect(readWindowState(file)).toBeNull();
    writeWindowState(file, { x: 10, y: 20, width: 1100, height: 760, maximized: true }, () => undefined);
    expect(readWindowState(file)).toEqual({ x: 10, y: 20, width: 1100, height: 760, maximized: true });
    writeFileSync(file, '{"x": 10');
    expect(readWindowState(file)).toBeNull();
    writeFileSync(file, JSON.stringify({ x: 10, y: 20, width: -5, height: 760, maximized: false }));
    expect(readWindowState(file)).toBeNull();
  });

  it('a write that fails (a full disk, a read-only folder) is said and costs nothing else', () => {
    const lines: string[] = [];
    const file = join(temp.path, 'not-a-folder', 'window-state.json');
    writeFileSync(join(temp.path, 'not-a-folder'), 'a file where the folder should be');
    writeWindowState(file, { x: 0, y: 0, width: 1100, height: 760, maximized: false }, (line) => lines.push(line));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^window position not saved: /);
    expect(readFileSync(join(temp.path, 'not-a-folder'), 'utf8')).toBe('a file where the folder should be');
  });
});
