import { ActionIcon, AppShell, Box, Burger, Group, Text, useMantineColorScheme } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import {
  IconArchive,
  IconAward,
  IconBell,
  IconBulb,
  IconChartBar,
  IconChevronDown,
  IconHome,
  IconKey,
  IconLogout,
  IconMoon,
  IconPresentation,
  IconSettings,
  IconSun,
  IconUser,
  IconUserEdit,
  IconUsers,
  IconUsersGroup,
} from "@tabler/icons-react";
import { lazy, Suspense, useEffect, useId, useRef, useState } from "react";
import { Form, Link, NavLink, useLocation } from "react-router";
import classes from "./AppShellLayout.module.css";

// The phone navigation is drawn only once the burger opens it, so its code is fetched then too.
const MobileNav = lazy(() => import("./MobileNav"));

export type ShellUser = { id: number; name: string; email: string; roles: string[] };

export type NavItem = { to: string; label: string; icon: typeof IconHome; end: boolean; section?: RegExp };

/** `section` marks the item current on week-scoped pages too (e.g. /weeks/2026-h2/ideas is "Ideas"). */
export const NAV_ITEMS: readonly NavItem[] = [
  { to: "/", label: "Home", icon: IconHome, end: true },
  { to: "/ideas", label: "Ideas", icon: IconBulb, end: false, section: /^\/(ideas|weeks\/[^/]+\/ideas)(\/|$)/ },
  { to: "/teams", label: "Teams", icon: IconUsersGroup, end: false, section: /^\/(teams|weeks\/[^/]+\/teams)(\/|$)/ },
  {
    to: "/demos",
    label: "Demos",
    icon: IconPresentation,
    end: false,
    section: /^\/(demos|weeks\/[^/]+\/(demos|schedule|ballot|results))(\/|$)/,
  },
  { to: "/archive", label: "Archive", icon: IconArchive, end: false },
  { to: "/stats", label: "Impact", icon: IconChartBar, end: false },
  { to: "/people", label: "People", icon: IconUsers, end: false },
] as const;

function initials(name: string) {
  return name
    .split(/\s+/)
    .slice(0, 2)
    .map((p) => p[0]?.toUpperCase() ?? "")
    .join("");
}

function ThemeToggle() {
  const { setColorScheme, colorScheme } = useMantineColorScheme();
  const location = useLocation();
  // Works without JavaScript as a form post; with it, flips instantly.
  return (
    <Form
      method="post"
      action="/theme"
      onSubmit={(event) => {
        event.preventDefault();
        const dark = document.documentElement.getAttribute("data-mantine-color-scheme") === "dark";
        setColorScheme(dark ? "light" : "dark");
      }}
    >
      <input type="hidden" name="redirectTo" value={location.pathname + location.search} />
      <input type="hidden" name="theme" value={colorScheme === "dark" ? "light" : "dark"} />
      <ActionIcon
        type="submit"
        variant="default"
        size="lg"
        aria-label="Switch light or dark theme"
        title="Switch light or dark theme"
      >
        <IconSun className={classes.lightIcon} size={18} stroke={1.6} />
        <IconMoon className={classes.darkIcon} size={18} stroke={1.6} />
      </ActionIcon>
    </Form>
  );
}

/** "Notifications, 3 unread" or just "Notifications": what the bell is called for screen readers. */
export function notificationsLabel(unread: number) {
  return unread > 0 ? `Notifications, ${unread} unread` : "Notifications";
}

/** The number on the bell: exact up to 99. */
export function shortCount(unread: number) {
  return unread > 99 ? "99+" : String(unread);
}

function NotificationBell({ unread }: { unread: number }) {
  const label = notificationsLabel(unread);
  return (
    <span className={classes.indicatorRoot}>
      <ActionIcon component={NavLink} to="/notifications" variant="default" size="lg" aria-label={label} title={label}>
        <IconBell size={18} stroke={1.6} aria-hidden />
      </ActionIcon>
      {unread > 0 ? (
        <span className={classes.indicator} aria-hidden>
          {shortCount(unread)}
        </span>
      ) : null}
    </span>
  );
}

/**
 * The account menu: a menu button (WAI-ARIA APG) without a popover library, so the header stays light on
 * every page. Arrow keys, Home/End and Escape move within it; a click outside, Tab or a navigation closes it.
 */
function UserMenu({ user, isOrganiser }: { user: ShellUser; isOrganiser: boolean }) {
  const [open, setOpen] = useState(false);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const menuRef = useRef<HTMLDivElement>(null);
  const menuId = useId();
  const location = useLocation();
  const label = `Account menu for ${user.name}`;

  // A navigation (a menu item, or the browser's back button) closes it.
  // biome-ignore lint/correctness/useExhaustiveDependencies: the location is the trigger, not a value read.
  useEffect(() => setOpen(false), [location.key]);
  useEffect(() => {
    if (!open) return;
    menuRef.current?.querySelector<HTMLElement>('[role="menuitem"]')?.focus();
    const outside = (event: PointerEvent) => {
      const target = event.target as Node;
      if (!menuRef.current?.contains(target) && !buttonRef.current?.contains(target)) setOpen(false);
    };
    document.addEventListener("pointerdown", outside);
    return () => document.removeEventListener("pointerdown", outside);
  }, [open]);

  const onKeyDown = (event: React.KeyboardEvent) => {
    const items = [...(menuRef.current?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? [])];
    const at = items.indexOf(document.activeElement as HTMLElement);
    const focus = (i: number) => items[(i + items.length) % items.length]?.focus();
    if (event.key === "Escape") {
      setOpen(false);
      buttonRef.current?.focus();
    } else if (event.key === "ArrowDown") focus(at + 1);
    else if (event.key === "ArrowUp") focus(at - 1);
    else if (event.key === "Home") focus(0);
    else if (event.key === "End") focus(items.length - 1);
    else if (event.key === "Tab") {
      setOpen(false);
      return;
    } else return;
    event.preventDefault();
  };

  const item = (to: string, icon: React.ReactNode, text: string) => (
    <Link role="menuitem" tabIndex={-1} to={to} className={classes.menuItem}>
      {icon}
      {text}
    </Link>
  );
  return (
    <div className={classes.menuRoot}>
      <button
        ref={buttonRef}
        type="button"
        className={classes.user}
        aria-label={label}
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? menuId : undefined}
        onClick={() => setOpen((o) => !o)}
        onKeyDown={(event) => {
          if (event.key === "ArrowDown" && !open) {
            event.preventDefault();
            setOpen(true);
          }
        }}
      >
        <span className={classes.avatar} aria-hidden>
          {initials(user.name)}
        </span>
        <Text size="sm" fw={500} visibleFrom="sm" lineClamp={1} maw={140}>
          {user.name}
        </Text>
        <IconChevronDown size={14} stroke={1.6} aria-hidden />
      </button>
      {open ? (
        <div id={menuId} ref={menuRef} role="menu" aria-label={label} className={classes.menu} onKeyDown={onKeyDown}>
          <div className={classes.menuLabel}>{user.email}</div>
          {item(`/people/${user.id}`, <IconUser size={16} aria-hidden />, "My profile")}
          {item("/settings/profile", <IconUserEdit size={16} aria-hidden />, "Edit profile")}
          {item("/nominations", <IconAward size={16} aria-hidden />, "Nominations")}
          {item("/settings/password", <IconKey size={16} aria-hidden />, "Change password")}
          {isOrganiser ? item("/admin", <IconSettings size={16} aria-hidden />, "Admin") : null}
          <div role="separator" className={classes.menuDivider} />
          <Form method="post" action="/logout">
            <button type="submit" role="menuitem" tabIndex={-1} className={`${classes.menuItem} ${classes.danger}`}>
              <IconLogout size={16} aria-hidden />
              Sign out
            </button>
          </Form>
        </div>
      ) : null}
    </div>
  );
}

export function AppShellLayout({
  user,
  unread = 0,
  children,
}: {
  user: ShellUser;
  /** The signed-in user's unread notifications (the bell's number). */
  unread?: number;
  children: React.ReactNode;
}) {
  const [opened, { toggle, close }] = useDisclosure(false);
  // The mobile navigation is hidden until the burger opens it (which needs JavaScript anyway): its links are
  // rendered on first opening, not on every server render of every page.
  const [navRendered, setNavRendered] = useState(false);
  if (opened && !navRendered) setNavRendered(true);
  const isOrganiser = user.roles.includes("organiser") || user.roles.includes("admin");
  const items: readonly NavItem[] = isOrganiser
    ? [...NAV_ITEMS, { to: "/admin", label: "Admin", icon: IconSettings, end: false }]
    : NAV_ITEMS;
  const { pathname } = useLocation();
  const isActive = (item: NavItem) =>
    item.section?.test(pathname) ||
    (item.end ? pathname === item.to : pathname === item.to || pathname.startsWith(`${item.to}/`));
  return (
    <AppShell
      header={{ height: 60 }}
      navbar={{ width: 260, breakpoint: "md", collapsed: { desktop: true, mobile: !opened } }}
      padding="md"
    >
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="xs" wrap="nowrap">
            <Burger opened={opened} onClick={toggle} hiddenFrom="md" size="sm" aria-label="Open navigation" />
            <Link to="/" className={classes.brand} aria-label="Expedition home">
              <img src="/favicon.svg" alt="" width={26} height={26} />
              <Text fw={800} size="lg" visibleFrom="xs">
                Expedition
              </Text>
            </Link>
          </Group>
          <Box component="nav" aria-label="Main" visibleFrom="md">
            <Group gap={4} wrap="nowrap">
              {items.map((item) => (
                <Link
                  key={item.to}
                  to={item.to}
                  className={classes.link}
                  aria-current={isActive(item) ? "page" : undefined}
                  prefetch="intent"
                >
                  {item.label}
                </Link>
              ))}
            </Group>
          </Box>
          <Group gap="xs" wrap="nowrap">
            <NotificationBell unread={unread} />
            <ThemeToggle />
            <UserMenu user={user} isOrganiser={isOrganiser} />
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="sm" aria-label="Main (mobile)">
        {navRendered ? (
          <Suspense fallback={null}>
            <MobileNav items={items} isActive={isActive} unread={unread} close={close} />
          </Suspense>
        ) : null}
      </AppShell.Navbar>
      <AppShell.Main id="main" tabIndex={-1}>
        <Box maw="var(--expedition-max-width)" mx="auto">
          {children}
        </Box>
      </AppShell.Main>
    </AppShell>
  );
}
