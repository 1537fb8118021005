export * from './apt';
export * from './chromium';
export * from './dockerd';
export * from './free-port';
export * from './postgres';
export * from './openssh';
export * from './ssh-keys';
export * from './sshd';
