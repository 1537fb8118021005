import {
  Fragment,
  useEffect,
  useRef,
  useState,
  type CSSProperties,
  type HTMLAttributes,
  type ReactNode,
} from 'react';
import { cn } from '../../lib/cn';

interface VirtualListProps<T> {
  items: readonly T[];
  /** Every row has this height in pixels; fixed heights keep the arithmetic exact and cheap. */
  rowHeight: number;
  getKey: (item: T) => string;
  /** The row must apply `style`: it places the row absolutely at its offset. */
  renderRow: (item: T, index: number, style: CSSProperties) => ReactNode;
  /** Sticks to the top of the scroll area (column headings). */
  header?: ReactNode;
  /** Rows rendered beyond each edge of the viewport, so fast scrolling shows no blank band. */
  overscan?: number;
  className?: string;
  label: string;
  /** ARIA for the scroll area, e.g. `role="table"` with `aria-rowcount` when rows are table rows. */
  containerProps?: HTMLAttributes<HTMLDivElement>;
}

/**
 * Renders only the rows in view (plus a margin) inside its own scroll area, so a list of thousands
 * costs about as much as one screenful. The scroll area is focusable for keyboard scrolling.
 */
export function VirtualList<T>({
  items,
  rowHeight,
  getKey,
  renderRow,
  header,
  overscan = 8,
  className,
  label,
  containerProps,
}: VirtualListProps<T>) {
  const scroller = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [viewport, setViewport] = useState(600);

  useEffect(() => {
    const element = scroller.current;
    if (!element) return;
    setViewport(element.clientHeight);
    const observer = new ResizeObserver(() => setViewport(element.clientHeight));
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  const first = Math.max(0, Math.floor(scrollTop / rowHeight) - overscan);
  const last = Math.min(items.length, Math.ceil((scrollTop + viewport) / rowHeight) + overscan);
  const rows: ReactNode[] = [];
  for (let index = first; index < last; index++) {
    const item = items[index]!;
    const style: CSSProperties = {
      position: 'absolute',
      top: index * rowHeight,
      left: 0,
      right: 0,
      height: rowHeight,
    };
    rows.push(<Fragment key={getKey(item)}>{renderRow(item, index, style)}</Fragment>);
  }

  return (
    <div
      {...containerProps}
      ref={scroller}
      tabIndex={0}
      aria-label={label}
      onScroll={(event) => setScrollTop(event.currentTarget.scrollTop)}
      className={cn(
        'overflow-auto outline-none focus-visible:ring-2 focus-visible:ring-accent/40',
        className,
      )}
    >
      {header ? <div className="sticky top-0 z-10">{header}</div> : null}
      <div role="rowgroup" style={{ position: 'relative', height: items.length * rowHeight }}>
        {rows}
      </div>
    </div>
  );
}
