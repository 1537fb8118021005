import { createAgentServer, type Log } from './agent-server';
import { parseArgs, USAGE, UsageError } from './args';
import { StateStore } from './state';

// One JSON line per action on stdout (the journal under systemd); never a token or a secret.
const log: Log = (entry) =>
  process.stdout.write(`${JSON.stringify({ time: new Date().toISOString(), ...entry })}\n`);

function main(): void {
  let config;
  try {
    config = parseArgs(process.argv.slice(2), process.env);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`archnest-pull-agent: ${error.message}\n${USAGE}\n`);
    process.exit(2);
  }
  const store = new StateStore(config.stateDir, config.enrolToken);
  const server = createAgentServer(config, store, log);
  server.on('error', (error) => {
    process.stderr.write(
      `archnest-pull-agent: cannot listen on ${config.host}:${config.port}: ${error.message}\n`,
    );
    process.exit(1);
  });
  server.listen(config.port, config.host, () => {
    log({
      event: 'listening',
      address: `${config.host}:${config.port}`,
      fingerprint: store.state.fingerprint,
      enrolled: Boolean(store.state.pinned),
      enrolmentOpen: Boolean(store.state.pendingToken),
      monitorOnly: config.monitorOnly,
      execEnabled: config.allowExec && !config.monitorOnly,
    });
    process.stderr.write(`archnest-pull-agent certificate fingerprint: ${store.state.fingerprint}\n`);
  });
  const stop = () => server.close(() => process.exit(0));
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

main();
