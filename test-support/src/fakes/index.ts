export * from './fake-http';
export * from './proxmox-fake';
export * from './ec2-fake';
export * from './uptime-kuma-fake';
export * from './sigv4';
