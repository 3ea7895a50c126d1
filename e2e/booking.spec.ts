import { test, expect } from './fixtures';
import { bookMarriageRegistration, projectNumber, residentId, shot } from './flows';

test('a resident books from an item page, then reschedules and cancels from the QR page', async ({ page }, info) => {
  const project = info.project.name;
  await bookMarriageRegistration(page, residentId(projectNumber(project)), project);
  await expect(page.locator('.summary')).toContainText('王*');
  await expect(page.locator('.qr-code svg')).toBeVisible();
  await expect(page.getByRole('link', { name: /加入日历/ })).toHaveAttribute('href', /calendar\.ics$/);
  // Typed as "139 0000 1234": neither that nor its digits may come back.
  const shown = await page.content();
  for (const phone of ['13900001234', '139 0000 1234']) expect(shown).not.toContain(phone);
  await page.screenshot({ path: shot(project, 'booking'), fullPage: true });
  const bookingUrl = page.url();
  const when = await page.locator('.summary dd').first().textContent();

  // Reschedule: another day, then a time on it; the page says where the booking is now.
  await page.getByRole('link', { name: '改约到其他时间' }).click();
  await page.locator('.day-links a').nth(1).click();
  await page.locator('input[name=slot]').last().check();
  await page.getByRole('button', { name: '改到这个时段' }).click();
  await expect(page).toHaveURL(bookingUrl);
  await expect(page.locator('.summary dd').first()).not.toHaveText(when ?? '');

  // Cancel, behind a disclosure so that one stray tap cancels nothing.
  await page.getByText('取消预约', { exact: true }).click();
  await page.getByRole('button', { name: '确认取消' }).click();
  await expect(page.getByRole('status')).toHaveText('已取消');
  await expect(page.getByRole('button', { name: '确认取消' })).toHaveCount(0);
});
