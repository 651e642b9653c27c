import {
  ActionIcon,
  AppShell,
  Avatar,
  Badge,
  Box,
  Burger,
  Group,
  Indicator,
  NavLink as MantineNavLink,
  Menu,
  Text,
  Tooltip,
  UnstyledButton,
  useMantineColorScheme,
  VisuallyHidden,
} from "@mantine/core";
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
import { useState } from "react";
import { Form, Link, NavLink, useLocation } from "react-router";
import classes from "./AppShellLayout.module.css";

export type ShellUser = { id: number; name: string; email: string; roles: string[] };

type NavItem = { to: string; label: string; icon: typeof IconHome; end: boolean; section?: RegExp };

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
      <Tooltip label="Switch light or dark theme">
        <ActionIcon type="submit" variant="default" size="lg" aria-label="Switch light or dark theme">
          <IconSun className={classes.lightIcon} size={18} stroke={1.6} />
          <IconMoon className={classes.darkIcon} size={18} stroke={1.6} />
        </ActionIcon>
      </Tooltip>
    </Form>
  );
}

/** "Notifications, 3 unread" or just "Notifications": what the bell is called for screen readers. */
export function notificationsLabel(unread: number) {
  return unread > 0 ? `Notifications, ${unread} unread` : "Notifications";
}

/** The number on the bell: exact up to 99. */
function shortCount(unread: number) {
  return unread > 99 ? "99+" : String(unread);
}

function NotificationBell({ unread }: { unread: number }) {
  const label = notificationsLabel(unread);
  return (
    <Tooltip label={label}>
      <Indicator
        label={shortCount(unread)}
        disabled={unread === 0}
        size={18}
        offset={4}
        color="red"
        inline
        attributes={{ indicator: { "aria-hidden": true } }}
      >
        <ActionIcon component={NavLink} to="/notifications" variant="default" size="lg" aria-label={label}>
          <IconBell size={18} stroke={1.6} aria-hidden />
        </ActionIcon>
      </Indicator>
    </Tooltip>
  );
}

function UserMenu({ user, isOrganiser }: { user: ShellUser; isOrganiser: boolean }) {
  return (
    <Menu position="bottom-end" width={220} withinPortal>
      <Menu.Target>
        <UnstyledButton className={classes.user} aria-label={`Account menu for ${user.name}`}>
          <Group gap={8} wrap="nowrap">
            <Avatar size={30} radius="xl" color="teal">
              {initials(user.name)}
            </Avatar>
            <Text size="sm" fw={500} visibleFrom="sm" lineClamp={1} maw={140}>
              {user.name}
            </Text>
            <IconChevronDown size={14} stroke={1.6} />
          </Group>
        </UnstyledButton>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>{user.email}</Menu.Label>
        <Menu.Item component={Link} to={`/people/${user.id}`} leftSection={<IconUser size={16} />}>
          My profile
        </Menu.Item>
        <Menu.Item component={Link} to="/settings/profile" leftSection={<IconUserEdit size={16} />}>
          Edit profile
        </Menu.Item>
        <Menu.Item component={Link} to="/nominations" leftSection={<IconAward size={16} />}>
          Nominations
        </Menu.Item>
        <Menu.Item component={Link} to="/settings/password" leftSection={<IconKey size={16} />}>
          Change password
        </Menu.Item>
        {isOrganiser ? (
          <Menu.Item component={Link} to="/admin" leftSection={<IconSettings size={16} />}>
            Admin
          </Menu.Item>
        ) : null}
        <Menu.Divider />
        <Form method="post" action="/logout">
          <Menu.Item component="button" type="submit" color="red" leftSection={<IconLogout size={16} />}>
            Sign out
          </Menu.Item>
        </Form>
      </Menu.Dropdown>
    </Menu>
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
        {navRendered ? <MobileNav items={items} isActive={isActive} unread={unread} close={close} /> : null}
      </AppShell.Navbar>
      <AppShell.Main id="main" tabIndex={-1}>
        <Box maw="var(--expedition-max-width)" mx="auto">
          {children}
        </Box>
      </AppShell.Main>
    </AppShell>
  );
}

function MobileNav({
  items,
  isActive,
  unread,
  close,
}: {
  items: readonly NavItem[];
  isActive: (item: NavItem) => boolean;
  unread: number;
  close: () => void;
}) {
  return (
    <>
      {items.map((item) => (
        <MantineNavLink
          key={item.to}
          component={Link}
          to={item.to}
          active={isActive(item)}
          aria-current={isActive(item) ? "page" : undefined}
          label={item.label}
          leftSection={<item.icon size={18} stroke={1.6} />}
          onClick={close}
        />
      ))}
      <MantineNavLink
        component={NavLink}
        to="/notifications"
        label="Notifications"
        leftSection={<IconBell size={18} stroke={1.6} />}
        rightSection={
          unread > 0 ? (
            <Badge size="sm" color="red" circle={unread < 10}>
              {shortCount(unread)}
              <VisuallyHidden> unread</VisuallyHidden>
            </Badge>
          ) : null
        }
        onClick={close}
      />
    </>
  );
}
