/** A Proxmox task id: `UPID:node:PID:PSTART:STARTTIME:type:id:user:` (hex fields, trailing colon). */
export interface ParsedUpid {
  node: string;
  pid: number;
  pstart: number;
  starttime: number;
  type: string;
  id: string;
  user: string;
}

// The pattern Proxmox itself parses UPIDs with (PVE::Tools::upid_decode).
const UPID =
  /^UPID:([a-zA-Z0-9]([a-zA-Z0-9-]*[a-zA-Z0-9])?):([0-9A-Fa-f]{8}):([0-9A-Fa-f]{8,9}):([0-9A-Fa-f]{8}):([^:\s]+):([^:\s]*):([^:\s]+):$/;

export function parseUpid(upid: string): ParsedUpid | null {
  const m = UPID.exec(upid);
  if (!m) return null;
  return {
    node: m[1] ?? '',
    pid: parseInt(m[3] ?? '0', 16),
    pstart: parseInt(m[4] ?? '0', 16),
    starttime: parseInt(m[5] ?? '0', 16),
    type: m[6] ?? '',
    id: m[7] ?? '',
    user: m[8] ?? '',
  };
}

/** `OK` and `WARNINGS: N` are the only exit statuses Proxmox counts as success. */
export function isTaskSuccess(exitStatus: string | null): boolean {
  return exitStatus === 'OK' || /^WARNINGS: \d+$/.test(exitStatus ?? '');
}
