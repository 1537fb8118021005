import { formatDateTime, formatRelative } from '../../lib/format-time';

/**
 * A moment as people say it ("5 minutes ago"), with the exact date and time on hover and in the
 * markup for assistive technology. Every list in the app shows times this way.
 */
export function RelativeTime({ iso, now }: { iso: string; now?: number }) {
  return (
    <time dateTime={iso} title={formatDateTime(iso)}>
      {formatRelative(iso, now)}
    </time>
  );
}
