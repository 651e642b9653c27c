import { useEffect, useRef, useState } from "react";

export type LiveName = "presenting" | "schedule" | "ballot" | "vote";

/**
 * Listens to the week's live events (Server-Sent Events). EventSource reconnects by itself after a
 * dropped connection; when the server answers with an error status (an instance restarting) it
 * gives up, so this opens a new one with back-off. After a reconnect `onReconnect` runs, because
 * events may have been missed meanwhile.
 */
export function useLiveEvents(
  url: string,
  names: LiveName[],
  onEvent: (name: LiveName, data: unknown) => void,
  onReconnect: () => void,
) {
  const handlers = useRef({ onEvent, onReconnect });
  handlers.current = { onEvent, onReconnect };
  const key = names.join(",");
  const [connected, setConnected] = useState(false);
  useEffect(() => {
    let source: EventSource | null = null;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let delay = 1000;
    let openedBefore = false;
    let stopped = false;
    const connect = () => {
      if (stopped) return;
      source = new EventSource(url);
      source.onopen = () => {
        setConnected(true);
        delay = 1000;
        if (openedBefore) handlers.current.onReconnect();
        openedBefore = true;
      };
      source.onerror = () => {
        setConnected(false);
        if (source?.readyState === EventSource.CLOSED) {
          source.close();
          timer = setTimeout(connect, delay);
          delay = Math.min(delay * 2, 30_000);
        }
      };
      for (const name of key.split(",") as LiveName[]) {
        source.addEventListener(name, (event) => {
          let payload: unknown = null;
          try {
            payload = JSON.parse((event as MessageEvent<string>).data);
          } catch {
            // A frame without JSON still means "something changed".
          }
          handlers.current.onEvent(name, payload);
        });
      }
    };
    connect();
    return () => {
      stopped = true;
      clearTimeout(timer);
      source?.close();
    };
  }, [url, key]);
  return connected;
}
