import { expect, test, type Page } from '@playwright/test';
import { signInAsFirstAdmin } from './helpers';
import { horizontalOverflow } from './overflow';

/** The main navigation's links, in order, as the signed-in user sees them. */
async function mainPages(page: Page): Promise<{ name: string; href: string }[]> {
  const links = page.getByRole('navigation', { name: 'Main' }).getByRole('link');
  await expect(links.first()).toBeVisible();
  const found: { name: string; href: string }[] = [];
  for (const link of await links.all()) {
    const href = await link.getAttribute('href');
    const name = (await link.getAttribute('aria-label')) ?? (await link.innerText()).trim();
    if (href) found.push({ name, href });
  }
  return found;
}

/** Navigation, search and account controls sit whole inside the window. */
async function clippedControls(page: Page): Promise<string[]> {
  const controls = [
    ...(await page.getByRole('navigation', { name: 'Main' }).getByRole('link').all()),
    page.getByRole('button', { name: 'Search commands' }),
    page.getByRole('button', { name: /^Account menu for / }),
  ];
  const clipped: string[] = [];
  for (const control of controls) {
    const box = await control.boundingBox();
    const label = (await control.getAttribute('aria-label')) ?? (await control.innerText()).trim();
    const viewport = page.viewportSize();
    if (!box || !viewport) {
      clipped.push(`${label}: not rendered`);
    } else if (box.x < -1 || box.x + box.width > viewport.width + 1 || box.width < 16) {
      clipped.push(`${label}: ${Math.round(box.x)}..${Math.round(box.x + box.width)}`);
    }
  }
  return clipped;
}

/** Times read as words ("5 minutes ago") and carry the exact moment in the markup and on hover. */
function timesWithoutExactHover(page: Page): Promise<string[]> {
  return page
    .getByRole('main')
    .locator('time')
    .evaluateAll((times) =>
      times
        .filter((time) => {
          const moment = time.getAttribute('datetime') ?? '';
          return Number.isNaN(Date.parse(moment)) || !(time.getAttribute('title') ?? '').trim();
        })
        .map((time) => time.outerHTML.slice(0, 120)),
    );
}

for (const viewport of [
  { width: 1440, height: 900 },
  { width: 390, height: 844 },
]) {
  test(`at ${viewport.width}×${viewport.height} every main page and its tabs fit the window`, async ({
    page,
    baseURL,
  }) => {
    test.setTimeout(120_000);
    await page.setViewportSize(viewport);
    await signInAsFirstAdmin(page, baseURL);
    const pages = await mainPages(page);
    // The areas every instance has; a page added later is checked by being in the navigation.
    expect(pages.map((entry) => entry.href)).toEqual(
      expect.arrayContaining(['/infrastructure', '/terminal', '/containers', '/alerts', '/settings']),
    );

    for (const entry of pages) {
      await page.goto(entry.href);
      await expect(page.getByRole('main')).toBeVisible();
      await page.waitForLoadState('networkidle');
      expect(await horizontalOverflow(page), `page ${entry.href}`).toEqual([]);
      expect(await clippedControls(page), `page ${entry.href}`).toEqual([]);
      expect(await timesWithoutExactHover(page), `page ${entry.href}`).toEqual([]);

      // Tabs inside the page (Settings has its own, stricter check in rough-edges.spec.ts).
      if (entry.href === '/settings') continue;
      const enabledTabs = page
        .getByRole('main')
        .locator('[role="tab"]:not([disabled]):not([aria-disabled="true"])');
      const count = await enabledTabs.count();
      for (let index = 0; index < count; index += 1) {
        const tab = enabledTabs.nth(index);
        const name = (await tab.innerText()).trim();
        await tab.click();
        await expect(tab).toHaveAttribute('aria-selected', 'true');
        await page.waitForLoadState('networkidle');
        expect(await horizontalOverflow(page), `page ${entry.href}, tab ${name}`).toEqual([]);
      }
    }
  });
}
