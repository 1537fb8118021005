export * from './apt';
export * from './chromium';
export * from './free-port';
export * from './postgres';
