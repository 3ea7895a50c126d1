// axe-core's WCAG 2.1 A and AA rules, for any spec: the public pages (sizes.spec.ts) and the staff forms that
// specs reach through their flows.
import AxeBuilder from '@axe-core/playwright';
import { test, expect, Page } from './fixtures';

/** What axe-core finds on the page as it is now, by rule and element: nothing, or the test fails. */
export async function expectAccessible(page: Page, path: string) {
  // axe-core runs as a script in the page, which a project without JavaScript cannot; the markup is the same.
  if (test.info().project.name.endsWith('-nojs')) return;
  const { violations } = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const found = violations.flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(' ')}`));
  expect(found, `WCAG 2.1 AA violations on ${path}`).toEqual([]);
}
