import { useEffect, useState } from "react";

const FORMAT: Intl.DateTimeFormatOptions = {
  weekday: "short",
  day: "numeric",
  month: "short",
  hour: "2-digit",
  minute: "2-digit",
};

function format(iso: string, timeZone?: string, options: Intl.DateTimeFormatOptions = FORMAT) {
  return new Intl.DateTimeFormat("en-GB", { ...options, timeZone, timeZoneName: "short" }).format(new Date(iso));
}

/**
 * A date in the viewer's own time zone. The server renders it in `fallbackTimeZone` (the week's),
 * then the browser re-renders it in its own zone after hydration.
 */
export function LocalTime({
  iso,
  fallbackTimeZone = "UTC",
  options,
}: {
  iso: string;
  fallbackTimeZone?: string;
  options?: Intl.DateTimeFormatOptions;
}) {
  const [text, setText] = useState(() => format(iso, fallbackTimeZone, options));
  useEffect(() => setText(format(iso, undefined, options)), [iso, options]);
  return (
    <time dateTime={iso} suppressHydrationWarning>
      {text}
    </time>
  );
}

function remaining(ms: number): string {
  if (ms <= 0) return "now";
  const s = Math.floor(ms / 1000);
  const d = Math.floor(s / 86400);
  const h = Math.floor((s % 86400) / 3600);
  const m = Math.floor((s % 3600) / 60);
  if (d > 0) return `${d}d ${h}h ${m}m`;
  if (h > 0) return `${h}h ${m}m ${s % 60}s`;
  return `${m}m ${s % 60}s`;
}

/** Counts down to `iso`, ticking every second in the browser; `nowIso` is the server's clock. */
export function Countdown({ iso, nowIso }: { iso: string; nowIso: string }) {
  const target = new Date(iso).getTime();
  const [now, setNow] = useState(() => new Date(nowIso).getTime());
  useEffect(() => {
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  return (
    <span role="timer" aria-live="off" suppressHydrationWarning>
      {remaining(target - now)}
    </span>
  );
}
