/**
 * The signed-in account's unread count, shared by the header's bell and the inbox: fetched on navigation and
 * every 60 s while the page is visible (modest polling), and set at once when the inbox reads or marks messages.
 */
import { useEffect, useSyncExternalStore } from 'react';
import { client, ok } from '../../lib/api';

let unread: number | null = null;
const listeners = new Set<() => void>();
let inFlight: Promise<void> | null = null;

export const POLL_MS = 60_000;

function emit(): void {
  listeners.forEach((l) => l());
}

/** Sets the count from an answer that carries it (the inbox list), without another request. */
export function setUnread(n: number): void {
  if (unread === n) return;
  unread = n;
  emit();
}

/** Asks the server for the count (one request at a time); a failure keeps the last known count. */
export function refreshUnread(): Promise<void> {
  if (!inFlight) {
    inFlight = ok(client.GET('/api/v1/messages/unread-count'))
      .then((r) => setUnread(r.unread))
      .catch(() => undefined)
      .finally(() => {
        inFlight = null;
      });
  }
  return inFlight;
}

/** The unread count (null before the first answer); refreshed when `path` changes and every POLL_MS while visible. */
export function useUnreadCount(path: string, enabled: boolean): number | null {
  const n = useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    () => unread,
  );
  useEffect(() => {
    if (enabled) void refreshUnread();
  }, [path, enabled]);
  useEffect(() => {
    if (!enabled) return;
    const timer = setInterval(() => {
      if (document.visibilityState === 'visible') void refreshUnread();
    }, POLL_MS);
    const onVisible = () => document.visibilityState === 'visible' && void refreshUnread();
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      clearInterval(timer);
      document.removeEventListener('visibilitychange', onVisible);
    };
  }, [enabled]);
  return n;
}
