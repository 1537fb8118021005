/** Writes `file.br` and `file.gz` beside every compressible file of at least 1 KiB under `dir`. */
export function precompress(dir: string): void;
