import type { Page } from '@playwright/test';

/**
 * Every element's visible box (clipped by any scrolling or clipping ancestor) must lie inside the
 * viewport horizontally, and the page itself must not scroll sideways. Elements with
 * `visibility: hidden`, and whatever sits in a `data-offscreen` parking place, are not seen and do not
 * count. Answers the offenders.
 */
export function horizontalOverflow(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const offenders: string[] = [];
    if (document.documentElement.scrollWidth > width + 1) {
      const widest = Array.from(document.body.querySelectorAll<HTMLElement>('*'))
        .filter((el) => el.getBoundingClientRect().right > width + 1 && el.childElementCount === 0)
        .slice(0, 5)
        .map((el) => `${el.tagName.toLowerCase()}.${el.className} "${(el.textContent ?? '').slice(0, 30)}"`);
      offenders.push(
        `page scrolls sideways: ${document.documentElement.scrollWidth} > ${width} (${widest.join(', ')})`,
      );
    }
    for (const el of Array.from(document.body.querySelectorAll<HTMLElement>('*'))) {
      const rect = el.getBoundingClientRect();
      if (rect.width === 0 || rect.height === 0) continue;
      // Off screen on purpose: terminals kept warm while their pane is elsewhere.
      if (el.closest('[data-offscreen]') || getComputedStyle(el).visibility === 'hidden') continue;
      let left = rect.left;
      let right = rect.right;
      for (let a = el.parentElement; a; a = a.parentElement) {
        const overflowX = getComputedStyle(a).overflowX;
        if (overflowX === 'visible') continue;
        const box = a.getBoundingClientRect();
        left = Math.max(left, box.left);
        right = Math.min(right, box.right);
      }
      if (right <= left) continue;
      if (left < -1 || right > width + 1) {
        const label = (el.getAttribute('aria-label') ?? el.textContent ?? '').trim().slice(0, 40);
        offenders.push(
          `${el.tagName.toLowerCase()} "${label}" spans ${Math.round(left)}..${Math.round(right)}`,
        );
      }
    }
    return offenders;
  });
}
