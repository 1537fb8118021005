import { TERMINAL_PANES_PER_TAB } from '@archnest/contract';

/**
 * How panes share the Terminal page. The community edition offers 1, 2 or 4 panes per tab; the pro
 * edition offers as many as fit the grid at a readable size, re-counted as the window changes.
 */

/** About 40 × 10 cells of the 14 px terminal font, plus the pane's own header and padding. */
export const MIN_PANE_WIDTH = 340;
export const MIN_PANE_HEIGHT = 200;
/** What the server allows per tab in the pro edition. */
const PRO_PANE_LIMIT = TERMINAL_PANES_PER_TAB.pro;

export const COMMUNITY_PANE_CHOICES = [1, 2, 4] as const satisfies readonly number[];
const PRO_STEPS = [1, 2, 4, 6, 9, 12, 16, 20, 25, 30, 36, 42, 49, 56, 64];

export interface GridSize {
  width: number;
  height: number;
}

export interface GridShape {
  columns: number;
  rows: number;
}

/** The most panes that fit at the minimum size (at least 1, at most the edition's limit). */
export function fittingPaneCount(size: GridSize, limit = PRO_PANE_LIMIT): number {
  const across = Math.floor(size.width / MIN_PANE_WIDTH);
  const down = Math.floor(size.height / MIN_PANE_HEIGHT);
  return Math.max(1, Math.min(limit, across * down));
}

/** Pro choices: the usual counts up to what fits, and exactly what fits when that is not one of them. */
export function proPaneChoices(size: GridSize, current: number): number[] {
  const fit = fittingPaneCount(size);
  const choices = PRO_STEPS.filter((n) => n <= fit);
  if (!choices.includes(fit)) choices.push(fit);
  // A tab that already holds more panes (the window shrank) keeps its count on offer.
  if (current > fit && !choices.includes(current)) choices.push(current);
  return choices;
}

/**
 * Columns and rows for `count` panes in a grid of `size`: the shape whose smallest pane is largest
 * relative to the minimum, ties going to fewer empty cells. Without a measured size (first render),
 * side by side for two and then as square as possible.
 */
export function gridShape(count: number, size: GridSize | null): GridShape {
  const n = Math.max(1, count);
  if (!size || size.width <= 0 || size.height <= 0) {
    const columns = n <= 1 ? 1 : n <= 4 ? 2 : Math.ceil(Math.sqrt(n));
    return { columns, rows: Math.ceil(n / columns) };
  }
  let best: GridShape & { score: number; empty: number } = { columns: 1, rows: n, score: -1, empty: 0 };
  for (let columns = 1; columns <= n; columns++) {
    const rows = Math.ceil(n / columns);
    const score = Math.min(size.width / columns / MIN_PANE_WIDTH, size.height / rows / MIN_PANE_HEIGHT);
    const empty = columns * rows - n;
    if (score > best.score + 1e-9 || (Math.abs(score - best.score) <= 1e-9 && empty < best.empty))
      best = { columns, rows, score, empty };
  }
  return { columns: best.columns, rows: best.rows };
}
