// Every spec runs four ways: on a phone and on a portrait kiosk, each hydrated and with JavaScript disabled.
// Chromium is Debian's (/usr/bin/chromium): Playwright's own browser download does not work here.
import { defineConfig } from '@playwright/test';

const baseURL = process.env.BASE_URL ?? 'http://127.0.0.1:3210';
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
    baseURL,
    locale: 'zh-CN',
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
        '--disable-sync', '--no-first-run', '--disable-quic'],
    },
  },
  projects: [
    { name: 'phone', use: { ...phone } },
    { name: 'phone-nojs', use: { ...phone, javaScriptEnabled: false } },
    { name: 'kiosk', use: { ...kiosk } },
    { name: 'kiosk-nojs', use: { ...kiosk, javaScriptEnabled: false } },
  ],
});
