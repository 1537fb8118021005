/** `/containers/<hostKey>/<name>`: a container's own page, safe to reload and share. */
export function containerHref(hostKey: string, name: string): string {
  return `/containers/${encodeURIComponent(hostKey)}/${encodeURIComponent(name)}`;
}

/** `docker:<id>` → the Docker host id; `agent:<label>` → the agent label; anything else → null. */
export function parseHostKey(key: string): { kind: 'docker' | 'agent'; id: string } | null {
  const match = /^(docker|agent):([A-Za-z0-9][A-Za-z0-9._-]{0,63})$/.exec(key);
  return match ? { kind: match[1] as 'docker' | 'agent', id: match[2] as string } : null;
}
