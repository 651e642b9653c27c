/**
 * Tabler icons repeated on every card of a list, drawn once per page as SVG symbols and referenced with
 * <use>: a board page had ~80 inline copies of the same three icons. Path data from @tabler/icons (MIT).
 */
const ICONS = {
  "bookmark-filled": {
    filled: true,
    d: [
      "M14 2a5 5 0 0 1 5 5v14a1 1 0 0 1 -1.555 .832l-5.445 -3.63l-5.444 3.63a1 1 0 0 1 -1.55 -.72l-.006 -.112v-14a5 5 0 0 1 5 -5h4z",
    ],
  },
  message: {
    filled: false,
    d: ["M8 9h8", "M8 13h6", "M18 4a3 3 0 0 1 3 3v8a3 3 0 0 1 -3 3h-5l-5 3v-3h-2a3 3 0 0 1 -3 -3v-8a3 3 0 0 1 3 -3h12"],
  },
  users: {
    filled: false,
    d: [
      "M5 7a4 4 0 1 0 8 0a4 4 0 1 0 -8 0",
      "M3 21v-2a4 4 0 0 1 4 -4h4a4 4 0 0 1 4 4v2",
      "M16 3.13a4 4 0 0 1 0 7.75",
      "M21 21v-2a4 4 0 0 0 -3 -3.85",
    ],
  },
  school: { filled: false, d: ["M22 9l-10 -4l-10 4l10 4l10 -4v6", "M6 10.6v5.4a6 3 0 0 0 12 0v-5.4"] },
  heart: { filled: false, d: ["M19.5 12.572l-7.5 7.428l-7.5 -7.428a5 5 0 1 1 7.5 -6.566a5 5 0 1 1 7.5 6.572"] },
  clock: { filled: false, d: ["M3 12a9 9 0 1 0 18 0a9 9 0 0 0 -18 0", "M12 7v5l3 3"] },
  trophy: {
    filled: false,
    d: [
      "M8 21l8 0",
      "M12 17l0 4",
      "M7 4l10 0",
      "M17 4v8a5 5 0 0 1 -10 0v-8",
      "M3 9a2 2 0 1 0 4 0a2 2 0 1 0 -4 0",
      "M17 9a2 2 0 1 0 4 0a2 2 0 1 0 -4 0",
    ],
  },
  photo: {
    filled: false,
    d: [
      "M15 8h.01",
      "M3 6a3 3 0 0 1 3 -3h12a3 3 0 0 1 3 3v12a3 3 0 0 1 -3 3h-12a3 3 0 0 1 -3 -3v-12",
      "M3 16l5 -5c.928 -.893 2.072 -.893 3 0l5 5",
      "M14 14l1 -1c.928 -.893 2.072 -.893 3 0l3 3",
    ],
  },
} as const;

export type SpriteIconName = keyof typeof ICONS;

const hidden: React.CSSProperties = { position: "absolute", width: 0, height: 0, overflow: "hidden" };

/** The symbols, once per page (before the first SpriteIcon that uses them). */
export function IconSprite({ icons }: { icons: readonly SpriteIconName[] }) {
  return (
    <svg aria-hidden="true" focusable="false" style={hidden}>
      {icons.map((name) => {
        const icon = ICONS[name];
        return (
          <symbol key={name} id={`icon-${name}`} viewBox="0 0 24 24">
            <g
              {...(icon.filled
                ? { fill: "currentColor", stroke: "none" }
                : {
                    fill: "none",
                    stroke: "currentColor",
                    strokeWidth: 2,
                    strokeLinecap: "round" as const,
                    strokeLinejoin: "round" as const,
                  })}
            >
              {icon.d.map((d) => (
                <path key={d} d={d} />
              ))}
            </g>
          </symbol>
        );
      })}
    </svg>
  );
}

/** A decorative icon drawn from the page's IconSprite. */
export function SpriteIcon({ name, size, color }: { name: SpriteIconName; size: number; color?: string }) {
  return (
    <svg width={size} height={size} aria-hidden="true" focusable="false" style={color ? { color } : undefined}>
      <use href={`#icon-${name}`} />
    </svg>
  );
}
