import { describe, expect, it } from 'vitest';
import { TERMINAL_PANES_PER_TAB } from '@archnest/contract';
import { fittingPaneCount, gridShape, MIN_PANE_HEIGHT, MIN_PANE_WIDTH, proPaneChoices } from './pane-grid';

describe('the pro pane grid', () => {
  it('fits as many panes as the minimum size allows, within the server limit', () => {
    expect(fittingPaneCount({ width: 1040, height: 690 })).toBe(3 * 3);
    expect(fittingPaneCount({ width: 2560, height: 1400 })).toBe(7 * 7);
    expect(fittingPaneCount({ width: 200, height: 100 })).toBe(1);
    expect(fittingPaneCount({ width: 10_000, height: 10_000 })).toBe(TERMINAL_PANES_PER_TAB.pro);
  });

  it('offers the usual counts up to what fits, and exactly what fits', () => {
    expect(proPaneChoices({ width: 1040, height: 690 }, 1)).toEqual([1, 2, 4, 6, 9]);
    expect(proPaneChoices({ width: 1400, height: 690 }, 1)).toEqual([1, 2, 4, 6, 9, 12]);
    expect(proPaneChoices({ width: 1800, height: 900 }, 1)).toEqual([1, 2, 4, 6, 9, 12, 16, 20]);
    // The window shrank under a tab with 9 panes: 9 stays on offer, nothing is ended for it.
    expect(proPaneChoices({ width: 700, height: 400 }, 9)).toEqual([1, 2, 4, 9]);
  });

  it('lays panes out so the smallest one is as large as it can be', () => {
    const wide = { width: 1800, height: 600 };
    expect(gridShape(2, wide)).toEqual({ columns: 2, rows: 1 });
    expect(gridShape(6, wide)).toEqual({ columns: 3, rows: 2 });
    const tall = { width: 900, height: 1400 };
    expect(gridShape(2, tall)).toEqual({ columns: 1, rows: 2 });
    expect(gridShape(6, tall)).toEqual({ columns: 2, rows: 3 });
    for (const count of [1, 2, 3, 5, 6, 7, 9, 12, 20]) {
      const shape = gridShape(count, { width: 1600, height: 900 });
      expect(shape.columns * shape.rows).toBeGreaterThanOrEqual(count);
      expect(shape.columns * (shape.rows - 1)).toBeLessThan(count);
    }
  });

  it('every layout of a fitting count keeps panes at least the minimum size', () => {
    for (const size of [
      { width: 1040, height: 690 },
      { width: 1920, height: 1000 },
      { width: 3800, height: 2000 },
    ]) {
      for (const count of proPaneChoices(size, 1)) {
        const { columns, rows } = gridShape(count, size);
        expect(size.width / columns).toBeGreaterThanOrEqual(MIN_PANE_WIDTH);
        expect(size.height / rows).toBeGreaterThanOrEqual(MIN_PANE_HEIGHT);
      }
    }
  });

  it('before the grid is measured, two panes sit side by side and more as square as possible', () => {
    expect(gridShape(1, null)).toEqual({ columns: 1, rows: 1 });
    expect(gridShape(2, null)).toEqual({ columns: 2, rows: 1 });
    expect(gridShape(4, null)).toEqual({ columns: 2, rows: 2 });
    expect(gridShape(9, null)).toEqual({ columns: 3, rows: 3 });
  });
});
