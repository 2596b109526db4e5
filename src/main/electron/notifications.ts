import { Notification } from 'electron';

export interface DesktopNotice {
  readonly title: string;
  readonly body: string;
  /** Plays the system's sound; most notices are silent. */
  readonly sound?: boolean;
  /** The renderer route a click opens, e.g. `#/history/stake-crash/123`. */
  readonly route?: string;
}

export interface Notifier {
  show(notice: DesktopNotice): void;
}

/**
 * Native notifications from the main process, so they appear with the window closed to the tray.
 * The page itself is denied the Notification permission.
 */
export function createNotifier(iconPath: string, onClick: (route: string | undefined) => void, log: (message: string) => void): Notifier {
  // A notification that is garbage-collected loses its click handler: keep each until it is done.
  const open = new Set<Notification>();
  return {
    show(notice) {
      if (!Notification.isSupported()) {
        log(`notifications are not supported here: ${notice.title}`);
        return;
      }
      const notification = new Notification({ title: notice.title, body: notice.body, silent: notice.sound !== true, icon: iconPath });
      open.add(notification);
      const done = (): void => {
        open.delete(notification);
      };
      notification.on('click', () => {
        done();
        onClick(notice.route);
      });
      notification.on('close', done);
      notification.on('failed', (_event, error) => {
        done();
        log(`a notification failed: ${error}`);
      });
      notification.show();
    },
  };
}
