import { BrowserWindow, screen } from 'electron';
import { APP_ORIGIN } from './app-protocol';
import { placeWindow, readWindowState, writeWindowState, MIN_WINDOW_SIZE } from './window-state';

export interface MainWindowOptions {
  readonly preloadPath: string;
  /** window-state.json in the data folder. */
  readonly stateFile: string;
  /** False for a start at login: the window is made but stays hidden until asked for. */
  readonly show: boolean;
  readonly log: (message: string) => void;
}

/** The app window, where it was last time, loading the renderer from `app://roundlog/`. */
export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  const placement = placeWindow(
    readWindowState(options.stateFile),
    screen.getAllDisplays().map((display) => display.workArea),
  );
  const window = new BrowserWindow({
    ...placement.bounds,
    minWidth: MIN_WINDOW_SIZE.width,
    minHeight: MIN_WINDOW_SIZE.height,
    backgroundColor: '#0f1115',
    title: 'Roundlog',
    show: false,
    // Electron's checklist, spelled out even where it is the default (and so a scanner sees it).
    webPreferences: {
      preload: options.preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      // Middle-click would otherwise ask for a new window; they are all refused anyway.
      disableBlinkFeatures: 'Auxclick',
      spellcheck: false,
    },
  });
  if (placement.maximized) window.maximize();
  rememberPlace(window, options);
  if (options.show) window.once('ready-to-show', () => window.show());
  void window.loadURL(`${APP_ORIGIN}/index.html`);
  return window;
}

/** Saves the window's normal bounds a moment after it stops moving, and when it closes. */
function rememberPlace(window: BrowserWindow, options: MainWindowOptions): void {
  let timer: NodeJS.Timeout | null = null;
  const save = (): void => {
    if (timer !== null) clearTimeout(timer);
    timer = null;
    if (window.isDestroyed() || window.isMinimized() || window.isFullScreen()) return;
    const bounds = window.getNormalBounds();
    writeWindowState(options.stateFile, { ...bounds, maximized: window.isMaximized() }, options.log);
  };
  const later = (): void => {
    if (timer !== null) clearTimeout(timer);
    timer = setTimeout(save, 500);
  };
  window.on('resize', later);
  window.on('move', later);
  window.on('maximize', save);
  window.on('unmaximize', save);
  window.on('close', save);
}
