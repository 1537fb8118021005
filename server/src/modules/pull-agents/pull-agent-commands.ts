/*
 * The commands "Add pull agent" shows. Every part is checked before it is placed: the origin and the
 * address by strict patterns, the token by its own format; the token travels in the environment,
 * never in a URL or on the agent's command line.
 */

const ORIGIN = /^https?:\/\/[A-Za-z0-9.[\]:-]+$/;

export interface CommandInput {
  origin: string;
  address: string;
  token: string;
  monitorOnly: boolean;
  allowExec: boolean;
}

export function pullAgentCommands(input: CommandInput): { runCommand: string; installCommand: string } {
  const origin = ORIGIN.test(input.origin) ? input.origin : 'https://archnest.example';
  const flags = [input.monitorOnly ? ' --monitor-only' : '', input.allowExec ? ' --allow-exec' : ''].join('');
  const runCommand =
    `curl -fsSLo archnest-pull-agent.mjs '${origin}/agent/pull/archnest-pull-agent.mjs' && ` +
    `ARCHNEST_ENROL_TOKEN='${input.token}' node archnest-pull-agent.mjs --listen ${input.address} ` +
    `--state-dir ./archnest-pull-agent-state${flags}`;
  const installCommand =
    `curl -fsSLo install-pull-agent.sh '${origin}/agent/pull/install.sh' && ` +
    `sudo ARCHNEST_ENROL_TOKEN='${input.token}' sh install-pull-agent.sh --origin '${origin}' ` +
    `--listen ${input.address}${flags}`;
  return { runCommand, installCommand };
}
