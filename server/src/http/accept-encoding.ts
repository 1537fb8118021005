export type ContentCoding = 'br' | 'gzip';

/**
 * Picks the stored encoding to send from an Accept-Encoding header (RFC 9110 §12.5.3): brotli over
 * gzip when both are acceptable, `q=0` refuses a coding, `*` stands for any coding not named.
 * Returns null for identity.
 */
export function chooseEncoding(
  header: string | string[] | undefined,
  available: ReadonlySet<ContentCoding>,
): ContentCoding | null {
  if (available.size === 0 || header === undefined) return null;
  const weights = new Map<string, number>();
  for (const part of (Array.isArray(header) ? header.join(',') : header).split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    if (!name) continue;
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const weight = q ? Number(q.slice(2)) : 1;
    weights.set(name, Number.isFinite(weight) ? weight : 0);
  }
  const weightOf = (coding: string) => weights.get(coding) ?? weights.get('*') ?? 0;
  let best: ContentCoding | null = null;
  let bestWeight = 0;
  for (const coding of ['br', 'gzip'] as const) {
    if (!available.has(coding)) continue;
    const weight = weightOf(coding);
    if (weight > bestWeight) {
      best = coding;
      bestWeight = weight;
    }
  }
  return best;
}
