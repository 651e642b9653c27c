import { useId } from "react";
import { Link } from "react-router";
import classes from "./plain.module.css";

export { classes as plain };

/** Joins class names, skipping empty ones. */
export function cx(...names: Array<string | false | null | undefined>): string {
  return names.filter(Boolean).join(" ");
}

export type BadgeColor = "teal" | "grape" | "yellow" | "indigo" | "green" | "blue" | "violet" | "gray" | "orange" | "red";

/**
 * Mantine's Badge as a plain element (same look, see plain.module.css) for badges repeated in long lists.
 * With `to` it is a link.
 */
export function PlainBadge({
  size = "md",
  variant = "light",
  color = "teal",
  leftSection,
  to,
  className,
  children,
}: {
  size?: "xs" | "sm" | "md";
  /** filled: in the primary colour whatever `color` says. */
  variant?: "light" | "outline" | "dot" | "filled";
  color?: BadgeColor;
  leftSection?: React.ReactNode;
  to?: string;
  className?: string;
  children: React.ReactNode;
}) {
  const props = {
    className: cx(classes.badge, className),
    "data-size": size,
    "data-variant": variant,
    "data-color": color,
    "data-with-left-section": leftSection ? true : undefined,
  };
  const content = (
    <>
      {leftSection ? <span className={classes.badgeSection}>{leftSection}</span> : null}
      <span className={classes.badgeLabel}>{children}</span>
    </>
  );
  return to ? (
    <Link to={to} {...props}>
      {content}
    </Link>
  ) : (
    <div {...props}>{content}</div>
  );
}

/**
 * A checkbox chip (Mantine's Chip, size xs) whose look follows the checkbox through CSS, so it is right before
 * and without JavaScript; a list of filter chips renders as plain elements.
 */
export function PlainChip({
  name,
  value,
  defaultChecked,
  variant = "filled",
  children,
}: {
  name: string;
  value: string;
  defaultChecked?: boolean;
  variant?: "filled" | "outline";
  children: React.ReactNode;
}) {
  const id = useId();
  return (
    <span className={classes.chip}>
      <input type="checkbox" className={classes.chipInput} id={id} name={name} value={value} defaultChecked={defaultChecked} />
      <label htmlFor={id} className={classes.chipLabel} data-variant={variant}>
        <svg className={classes.chipCheck} viewBox="0 0 10 7" aria-hidden="true" focusable="false">
          <path
            d="M4 4.586L1.707 2.293A1 1 0 1 0 .293 3.707l3 3a.997.997 0 0 0 1.414 0l5-5A1 1 0 1 0 8.293.293L4 4.586z"
            fill="currentColor"
            fillRule="evenodd"
            clipRule="evenodd"
          />
        </svg>
        <span>{children}</span>
      </label>
    </span>
  );
}
