import QRCode from 'qrcode';
import { useEffect, useState } from 'react';

/** Renders `text` as a QR code in the browser (no outside service): a PNG data URL in an <img>. */
export function QrCode({ text, label, size = 200 }: { text: string; label: string; size?: number }) {
  const [src, setSrc] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    QRCode.toDataURL(text, { errorCorrectionLevel: 'M', margin: 2, width: size })
      .then((url) => {
        if (live) setSrc(url);
      })
      .catch(() => {
        if (live) setSrc(null);
      });
    return () => {
      live = false;
    };
  }, [text, size]);
  if (!src)
    return <div style={{ width: size, height: size }} className="rounded-ui-sm bg-surface-2" aria-hidden />;
  return (
    <img
      src={src}
      alt={label}
      width={size}
      height={size}
      className="rounded-ui-sm border border-border bg-white"
    />
  );
}
