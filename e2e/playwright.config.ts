// Every spec runs four ways: on a phone and on a portrait kiosk, each hydrated and with JavaScript disabled.
// Chromium is Debian's (/usr/bin/chromium): Playwright's own browser download does not work here.
import { defineConfig } from '@playwright/test';

// `cargo xtask test` starts a server (and its 45-minutes-later twin) per project, each on its own database.
const serverOf = (project: string) =>
  process.env[`BASE_URL_${project.toUpperCase().replace('-', '_')}`] ?? 'http://127.0.0.1:3210';
const phone = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 };
const kiosk = { viewport: { width: 1080, height: 1920 } };

export default defineConfig({
  testDir: '.',
  outputDir: 'test-results/artifacts',
  timeout: 30_000,
  retries: 0,
  workers: 2,
  reporter: [['list']],
  use: {
    locale: 'zh-CN',
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
        '--disable-sync', '--no-first-run', '--disable-quic'],
    },
  },
  projects: [
    { name: 'phone', use: { ...phone, baseURL: serverOf('phone') } },
    { name: 'phone-nojs', use: { ...phone, javaScriptEnabled: false, baseURL: serverOf('phone-nojs') } },
    { name: 'kiosk', use: { ...kiosk, baseURL: serverOf('kiosk') } },
    { name: 'kiosk-nojs', use: { ...kiosk, javaScriptEnabled: false, baseURL: serverOf('kiosk-nojs') } },
  ],
});
