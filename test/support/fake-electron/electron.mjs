// A recording stand-in for the `electron` module, for running the BUILT main process
// (out/main/index.js) under plain Node where the Electron binary cannot run. It implements just
// the API surface Roundlog's main process uses, records every call (window options, protocol and
// IPC handlers, menus, tray, notifications, login items), and lets a test drive the handlers the
// app registered through the child-process IPC channel (see test/support/electron-main.ts).
//
// What this proves: the options Roundlog passes to Electron and how the handlers Roundlog registers
// answer (navigation, permissions, IPC senders, the app:// protocol, close-to-tray, quit). What it
// cannot prove: that Electron itself enforces them; that is Electron's own test suite's job.
//
// Environment: FAKE_ELECTRON_USER_DATA, FAKE_ELECTRON_APP_PATH, FAKE_ELECTRON_HOME,
// FAKE_ELECTRON_PACKAGED=1, FAKE_ELECTRON_SECOND_INSTANCE=1, FAKE_SAFE_STORAGE=none|available,
// FAKE_SAFE_STORAGE_BACKEND (default gnome_libsecret).

import { EventEmitter } from 'node:events';
import { existsSync } from 'node:fs';

const env = process.env;
// Electron sets it in every process: where app.asar and extraResources live when packaged.
process.resourcesPath = env.FAKE_ELECTRON_RESOURCES ?? `${env.FAKE_ELECTRON_USER_DATA}/fake-resources`;
const world = {
  ready: false,
  sandboxEnabled: null, // 'before-ready' | 'after-ready'
  privilegedSchemes: null,
  privilegedSchemesWhen: null,
  protocolHandlers: new Map(),
  ipcHandlers: new Map(),
  windows: [],
  sent: [],
  permissionRequest: null,
  permissionCheck: null,
  devicePermission: null,
  beforeRequest: null,
  openedExternal: [],
  applicationMenu: null,
  tray: null,
  notifications: [],
  loginItem: null,
  errorBoxes: [],
  quitRequested: 0,
};

// ---- app ---------------------------------------------------------------------------------

class App extends EventEmitter {
  constructor() {
    super();
    this.isPackaged = env.FAKE_ELECTRON_PACKAGED === '1';
    this.readyPromise = new Promise((resolve) =>
      setTimeout(() => {
        world.ready = true;
        this.emit('ready');
        resolve();
      }, 10),
    );
  }
  whenReady() {
    return this.readyPromise;
  }
  isReady() {
    return world.ready;
  }
  requestSingleInstanceLock() {
    return env.FAKE_ELECTRON_SECOND_INSTANCE !== '1';
  }
  enableSandbox() {
    if (world.ready) throw new Error('app.enableSandbox() must be called before the app is ready');
    world.sandboxEnabled = 'before-ready';
  }
  getPath(name) {
    if (name === 'userData') return env.FAKE_ELECTRON_USER_DATA;
    if (name === 'home') return env.FAKE_ELECTRON_HOME;
    throw new Error(`fake electron: getPath(${name}) not provided`);
  }
  getAppPath() {
    return env.FAKE_ELECTRON_APP_PATH;
  }
  getLoginItemSettings() {
    return { openAtLogin: world.loginItem?.openAtLogin ?? false, wasOpenedAtLogin: false };
  }
  setLoginItemSettings(settings) {
    world.loginItem = settings;
  }
  quit() {
    world.quitRequested += 1;
    let prevented = false;
    this.emit('before-quit', { preventDefault: () => (prevented = true) });
    if (prevented) return;
    this.emit('will-quit', { preventDefault: () => undefined });
    this.exit(0);
  }
  exit(code) {
    // Let the control channel flush its last reply first.
    setTimeout(() => process.exit(code), 20);
  }
}
export const app = new App();

// ---- windows -----------------------------------------------------------------------------

let nextContentsId = 1;

class WebContents extends EventEmitter {
  constructor(window) {
    super();
    this.id = nextContentsId++;
    this.window = window;
    this.windowOpenHandler = null;
  }
  setWindowOpenHandler(handler) {
    this.windowOpenHandler = handler;
  }
  send(channel, payload) {
    world.sent.push({ channel, text: JSON.stringify(payload) });
    if (world.sent.length > 2000) world.sent.splice(0, 1000);
  }
  isDestroyed() {
    return this.window.destroyed;
  }
}

export class BrowserWindow extends EventEmitter {
  static getAllWindows() {
    return world.windows.filter((window) => !window.destroyed);
  }
  constructor(options = {}) {
    super();
    this.options = options;
    this.destroyed = false;
    this.visible = false;
    this.minimized = false;
    this.maximized = false;
    this.urls = [];
    this.bounds = { x: options.x ?? 0, y: options.y ?? 0, width: options.width ?? 800, height: options.height ?? 600 };
    this.webContents = new WebContents(this);
    world.windows.push(this);
    app.emit('web-contents-created', {}, this.webContents);
  }
  loadURL(url) {
    this.urls.push(url);
    if (this.urls.length === 1) setTimeout(() => this.emit('ready-to-show'), 5);
    return Promise.resolve();
  }
  show() {
    this.visible = true;
  }
  hide() {
    this.visible = false;
  }
  focus() {
    this.focused = true;
  }
  isFocused() {
    return this.focused === true && this.visible;
  }
  restore() {
    this.minimized = false;
  }
  isVisible() {
    return this.visible;
  }
  isMinimized() {
    return this.minimized;
  }
  isMaximized() {
    return this.maximized;
  }
  maximize() {
    this.maximized = true;
  }
  isFullScreen() {
    return false;
  }
  isDestroyed() {
    return this.destroyed;
  }
  getNormalBounds() {
    return { ...this.bounds };
  }
  getBounds() {
    return { ...this.bounds };
  }
  setBounds(bounds) {
    this.bounds = { ...this.bounds, ...bounds };
  }
  close() {
    let prevented = false;
    this.emit('close', { preventDefault: () => (prevented = true) });
    if (!prevented) this.destroy();
    return prevented;
  }
  destroy() {
    if (this.destroyed) return;
    this.destroyed = true;
    this.visible = false;
    this.emit('closed');
  }
}

export const screen = {
  getAllDisplays: () => JSON.parse(env.FAKE_ELECTRON_DISPLAYS ?? '[{"workArea":{"x":0,"y":0,"width":1920,"height":1080}}]'),
};

// ---- protocol, session, IPC ----------------------------------------------------------------

export const protocol = {
  registerSchemesAsPrivileged(schemes) {
    world.privilegedSchemes = schemes;
    world.privilegedSchemesWhen = world.ready ? 'after-ready' : 'before-ready';
  },
  handle(scheme, handler) {
    if (!world.ready) throw new Error('protocol.handle() must be called after the app is ready');
    world.protocolHandlers.set(scheme, handler);
  },
};

export const session = {
  defaultSession: {
    setPermissionRequestHandler: (handler) => (world.permissionRequest = handler),
    setPermissionCheckHandler: (handler) => (world.permissionCheck = handler),
    setDevicePermissionHandler: (handler) => (world.devicePermission = handler),
    webRequest: {
      onBeforeRequest: (filter, listener) => (world.beforeRequest = { filter, listener }),
    },
  },
};

export const ipcMain = {
  handle(channel, handler) {
    if (world.ipcHandlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    world.ipcHandlers.set(channel, handler);
  },
  removeHandler(channel) {
    world.ipcHandlers.delete(channel);
  },
};

// ---- shell, dialogs, power -----------------------------------------------------------------

export const shell = {
  openExternal: async (url) => {
    world.openedExternal.push(url);
  },
};

export const dialog = {
  showErrorBox: (title, content) => {
    world.errorBoxes.push({ title, content });
    process.stderr.write(`[error box] ${title}: ${content}\n`);
  },
};

export const powerMonitor = new EventEmitter();

// ---- menus, tray, images, notifications ----------------------------------------------------

export const Menu = {
  buildFromTemplate: (template) => ({ template }),
  setApplicationMenu: (menu) => (world.applicationMenu = menu),
};

export const nativeImage = {
  createFromPath: (path) => ({ path, template: false, isEmpty: () => !existsSync(path), setTemplateImage(flag) { this.template = flag; } }),
};

export class Tray extends EventEmitter {
  constructor(image) {
    super();
    this.image = image;
    this.tooltip = '';
    this.title = '';
    this.menu = null;
    this.destroyed = false;
    world.tray = this;
  }
  setToolTip(text) {
    this.tooltip = text;
  }
  setImage(image) {
    this.image = image;
  }
  setTitle(title) {
    this.title = title;
  }
  setContextMenu(menu) {
    this.menu = menu;
  }
  destroy() {
    this.destroyed = true;
  }
}

export class Notification extends EventEmitter {
  static isSupported() {
    return true;
  }
  constructor(options) {
    super();
    this.options = options;
  }
  show() {
    world.notifications.push(this);
  }
}

// ---- safeStorage ---------------------------------------------------------------------------

// Not encryption: a reversible scramble with a marker, so a test can tell ciphertext from the key.
const MARK = 'FAKE-SAFE-STORAGE:';
export const safeStorage = {
  isAsyncEncryptionAvailable: async () => env.FAKE_SAFE_STORAGE !== 'none',
  getSelectedStorageBackend: () => env.FAKE_SAFE_STORAGE_BACKEND ?? 'gnome_libsecret',
  encryptStringAsync: async (text) => Buffer.from(MARK + Buffer.from(text, 'utf8').reverse().toString('base64')),
  decryptStringAsync: async (cipher) => {
    const text = cipher.toString('utf8');
    if (!text.startsWith(MARK)) throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
    return { shouldReEncrypt: false, result: Buffer.from(text.slice(MARK.length), 'base64').reverse().toString('utf8') };
  },
};

// ---- the control channel -------------------------------------------------------------------

const mainWindow = () => world.windows.filter((window) => !window.destroyed).at(-1) ?? null;

function describeMenu(items) {
  return (items ?? []).map((item) => ({
    label: item.label ?? null,
    role: item.role ?? null,
    type: item.type ?? null,
    accelerator: item.accelerator ?? null,
    enabled: item.enabled ?? true,
    submenu: Array.isArray(item.submenu) ? describeMenu(item.submenu) : null,
  }));
}

function findItem(items, label) {
  for (const item of items ?? []) {
    if (item.label === label) return item;
    const inner = Array.isArray(item.submenu) ? findItem(item.submenu, label) : null;
    if (inner) return inner;
  }
  return null;
}

function matchesFilter(url, patterns) {
  return patterns.some((pattern) => url.startsWith(pattern.replace(/\*\/\*$/, '')));
}

const commands = {
  state() {
    return {
      ready: world.ready,
      sandboxEnabled: world.sandboxEnabled,
      privilegedSchemes: world.privilegedSchemes,
      privilegedSchemesWhen: world.privilegedSchemesWhen,
      protocols: [...world.protocolHandlers.keys()],
      ipcChannels: [...world.ipcHandlers.keys()],
      windows: world.windows.map((window) => ({
        options: window.options,
        visible: window.visible,
        destroyed: window.destroyed,
        urls: window.urls,
        bounds: window.bounds,
      })),
      applicationMenu: world.applicationMenu ? describeMenu(world.applicationMenu.template) : null,
      tray: world.tray && {
        image: world.tray.image.path,
        template: world.tray.image.template,
        tooltip: world.tray.tooltip,
        menu: describeMenu(world.tray.menu?.template),
        destroyed: world.tray.destroyed,
      },
      notifications: world.notifications.map((notification) => notification.options),
      openedExternal: world.openedExternal,
      loginItem: world.loginItem,
      errorBoxes: world.errorBoxes,
      permissionHandlers: {
        request: world.permissionRequest !== null,
        check: world.permissionCheck !== null,
        device: world.devicePermission !== null,
      },
    };
  },
  async protocol({ url }) {
    const handler = world.protocolHandlers.get(new URL(url).protocol.slice(0, -1));
    if (!handler) return { status: 'no handler' };
    const response = await handler(new Request(url));
    const body = Buffer.from(await response.arrayBuffer());
    return { status: response.status, headers: Object.fromEntries(response.headers), bodyStart: body.subarray(0, 200).toString('utf8') };
  },
  async invoke({ channel, input, frameUrl, topFrame = true, otherContents = false }) {
    const handler = world.ipcHandlers.get(channel);
    if (!handler) return { registered: false };
    const window = mainWindow();
    const event = {
      sender: { id: otherContents ? 9999 : window.webContents.id },
      senderFrame: { url: frameUrl ?? window.urls.at(-1) ?? '', parent: topFrame ? null : { url: 'app://roundlog/index.html' } },
    };
    return { registered: true, result: await handler(event, input) };
  },
  navigate({ url, event: name = 'will-navigate' }) {
    let prevented = false;
    mainWindow().webContents.emit(name, { url, preventDefault: () => (prevented = true) }, url);
    return { prevented };
  },
  attachWebview() {
    let prevented = false;
    mainWindow().webContents.emit('will-attach-webview', { preventDefault: () => (prevented = true) }, {}, {});
    return { prevented };
  },
  openWindow({ url }) {
    const before = world.openedExternal.length;
    const answer = mainWindow().webContents.windowOpenHandler({ url, frameName: '', features: '', disposition: 'new-window' });
    return { action: answer.action, openedExternal: world.openedExternal.length > before };
  },
  async permission({ permission }) {
    const granted = await new Promise((resolve) => world.permissionRequest(mainWindow().webContents, permission, resolve, {}));
    return { granted, checked: world.permissionCheck(mainWindow().webContents, permission, 'app://roundlog', {}), device: world.devicePermission({ deviceType: 'usb' }) };
  },
  async webRequest({ url }) {
    if (!world.beforeRequest || !matchesFilter(url, world.beforeRequest.filter.urls)) return { filtered: false };
    const answer = await new Promise((resolve) => world.beforeRequest.listener({ url }, resolve));
    return { filtered: true, cancel: answer.cancel === true };
  },
  closeWindow() {
    const window = mainWindow();
    const prevented = window.close();
    return { prevented, visible: window.visible, destroyed: window.destroyed };
  },
  moveWindow({ bounds }) {
    const window = mainWindow();
    window.setBounds(bounds);
    window.emit('move');
    window.emit('resize');
    return window.getBounds();
  },
  clickMenu({ label }) {
    const item = findItem(world.applicationMenu?.template, label);
    if (!item?.click) return { clicked: false };
    item.click(item, mainWindow(), {});
    return { clicked: true };
  },
  clickTray({ label }) {
    const item = findItem(world.tray?.menu?.template, label);
    if (!item?.click) return { clicked: false };
    item.click(item, null, {});
    return { clicked: true };
  },
  clickNotification({ index }) {
    world.notifications[index]?.emit('click', {});
    return { clicked: world.notifications[index] !== undefined };
  },
  secondInstance() {
    app.emit('second-instance', {}, [process.execPath], process.cwd(), {});
    return {};
  },
  sentContains({ text }) {
    return { count: world.sent.length, found: world.sent.some((entry) => entry.text.includes(text)), channels: [...new Set(world.sent.map((entry) => entry.channel))] };
  },
};

if (typeof process.send === 'function') {
  process.on('message', async (message) => {
    if (!message || typeof message !== 'object' || !('id' in message)) return;
    try {
      const command = commands[message.command];
      if (!command) throw new Error(`fake electron: no command ${message.command}`);
      process.send({ id: message.id, ok: true, value: await command(message.args ?? {}) });
    } catch (error) {
      process.send({ id: message.id, ok: false, error: error instanceof Error ? error.stack : String(error) });
    }
  });
  // The IPC channel must not keep a quitting process alive.
  process.channel?.unref();
}
