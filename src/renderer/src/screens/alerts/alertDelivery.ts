import { useEffect } from 'react';
import type { Alert } from '../../../../shared/alerts';
import type { RoundlogService } from '../../../../shared/contract';

// What the page does when an alert fires while it is open. In the Electron window the main
// process shows the native notification (it also does with the window closed to the tray), so
// the page never touches the Notification API there; in `roundlog serve` the page is an ordinary
// browser tab and shows a browser notification itself, if the user allowed it. Either way a rule
// with sound gets a short tone here. The runtime is told the way connectBridge tells it: Electron's
// preload defines `window.roundlog`.

export const inElectron = (): boolean => window.roundlog !== undefined;

export type NotificationChoice = NotificationPermission | 'unsupported' | 'electron';

/** Whether browser notifications can be shown: `electron` when the app shows native ones instead. */
export function notificationChoice(): NotificationChoice {
  if (inElectron()) return 'electron';
  if (typeof Notification === 'undefined') return 'unsupported';
  return Notification.permission;
}

export async function askForNotifications(): Promise<NotificationChoice> {
  if (inElectron() || typeof Notification === 'undefined') return notificationChoice();
  return Notification.requestPermission();
}

let audio: AudioContext | null = null;

/** Two short notes (~0.3 s), quiet enough not to startle; browsers may hold it until the page was clicked once. */
export function playTone(): void {
  try {
    audio ??= new AudioContext();
    const start = audio.currentTime;
    for (const [offset, frequency] of [[0, 880], [0.14, 1320]] as const) {
      const oscillator = audio.createOscillator();
      const gain = audio.createGain();
      oscillator.type = 'sine';
      oscillator.frequency.value = frequency;
      gain.gain.setValueAtTime(0.0001, start + offset);
      gain.gain.exponentialRampToValueAtTime(0.15, start + offset + 0.02);
      gain.gain.exponentialRampToValueAtTime(0.0001, start + offset + 0.16);
      oscillator.connect(gain).connect(audio.destination);
      oscillator.start(start + offset);
      oscillator.stop(start + offset + 0.18);
    }
  } catch {
    // No audio output (a headless browser, a blocked context): the alert is in the feed regardless.
  }
}

function showBrowserNotification(alert: Alert): void {
  if (notificationChoice() !== 'granted') return;
  const notification = new Notification(alert.title, { body: alert.body, silent: !alert.sound, tag: `roundlog-alert-${alert.id}` });
  notification.onclick = () => {
    window.focus();
    window.location.hash = alert.route;
    notification.close();
  };
}

/** Mounted once by the app shell: sound for every alert that asks for it, and in a browser its notification. */
export function useAlertDelivery(service: RoundlogService): void {
  useEffect(
    () =>
      service.onAlert((alert) => {
        // Muted alerts (quiet hours) are for the feed only.
        if (alert.muted) return;
        // A hidden window stays quiet: the desktop notification carries the sound then.
        if (alert.sound && document.visibilityState === 'visible') playTone();
        // Backfilled alerts are for the feed: a catch-up must not open a notification per round.
        if (!inElectron() && alert.live) showBrowserNotification(alert);
      }),
    [service],
  );
}
