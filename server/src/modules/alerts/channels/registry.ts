import type { ChannelKind } from '@archnest/contract';
import type { AnyChannelDefinition } from './channel';
import { discordChannel } from './discord.channel';
import { emailChannel } from './email.channel';
import { gotifyChannel } from './gotify.channel';
import { ntfyChannel } from './ntfy.channel';
import { slackChannel } from './slack.channel';
import { telegramChannel } from './telegram.channel';
import { webhookChannel } from './webhook.channel';

/** Every channel kind; a kind added to the contract without an entry here fails the build. */
export const channelRegistry = {
  webhook: webhookChannel,
  ntfy: ntfyChannel,
  gotify: gotifyChannel,
  discord: discordChannel,
  slack: slackChannel,
  telegram: telegramChannel,
  email: emailChannel,
} satisfies Record<ChannelKind, AnyChannelDefinition>;

export function channelDefinition(kind: ChannelKind): AnyChannelDefinition {
  return channelRegistry[kind];
}
