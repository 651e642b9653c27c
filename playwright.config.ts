import { existsSync } from "node:fs";
import { defineConfig, devices } from "@playwright/test";

const PORT = Number(process.env.E2E_PORT ?? 4173);
const IDP_PORT = Number(process.env.OIDC_IDP_PORT ?? 4911);
const baseURL = `http://localhost:${PORT}`;

// Debian's Chromium where it exists (CI and these machines); Playwright's own browser on a laptop.
const systemChromium = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].find((p) => existsSync(p));

export default defineConfig({
  testDir: "tests/e2e",
  fullyParallel: true,
  workers: process.env.CI ? 2 : 2,
  retries: process.env.CI ? 1 : 0,
  timeout: 30_000,
  expect: { timeout: 7_000 },
  reporter: process.env.CI ? [["list"], ["html", { open: "never" }]] : [["list"]],
  globalSetup: "./tests/e2e/support/global-setup.ts",
  use: {
    baseURL,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: process.env.PLAYWRIGHT_CHROMIUM_PATH ?? systemChromium,
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-quic",
      ],
    },
  },
  projects: [{ name: "chromium", use: { ...devices["Desktop Chrome"] } }],
  webServer: [
    {
      command: "node --import tsx tests/e2e/support/oidc-idp.ts",
      url: `http://localhost:${IDP_PORT}/.well-known/openid-configuration`,
      env: { OIDC_IDP_PORT: String(IDP_PORT), OIDC_REDIRECT_URI: `${baseURL}/auth/oidc/callback` },
      reuseExistingServer: false,
      timeout: 30_000,
    },
    {
      // The production build on its own embedded PostgreSQL (wiped by global-setup), seeded with demo data.
      command: "node --import tsx tests/e2e/support/start-app.ts",
      url: `${baseURL}/healthz`,
      env: {
        NODE_ENV: "production",
        PORT: String(PORT),
        DATA_DIR: process.env.E2E_DATA_DIR ?? ".data/e2e",
        DATABASE_URL: "",
        LOG_LEVEL: "warn",
        OIDC_ISSUER: `http://localhost:${IDP_PORT}`,
        OIDC_CLIENT_ID: "expedition-e2e",
        OIDC_CLIENT_SECRET: "expedition-e2e-secret",
        OIDC_NAME: "Acme SSO",
      },
      reuseExistingServer: false,
      timeout: 90_000,
    },
  ],
});
