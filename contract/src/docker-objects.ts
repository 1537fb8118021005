import { z } from 'zod';
import { DockerHostParams } from './docker';

/*
 * Images, volumes and networks of one Docker host: details, removal, prune (preview first) and image
 * pulls. References follow Docker's reference grammar, checked by an allowlist before anything is sent.
 */

const COMPONENT = '[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*';
const DOMAIN_PART = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const DOMAIN = `(?:${DOMAIN_PART}(?:\\.${DOMAIN_PART})*|\\[[a-fA-F0-9:]+\\])(?::[0-9]{1,5})?`;
const NAME = `(?:${DOMAIN}/)?${COMPONENT}(?:/${COMPONENT})*`;
const TAG = '[\\w][\\w.-]{0,127}';
const DIGEST = '[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}';

/** `[registry[:port]/]path[:tag][@digest]`, Docker's grammar; nothing else is ever sent to a daemon. */
export const IMAGE_REFERENCE = new RegExp(`^(${NAME})(?::(${TAG}))?(?:@(${DIGEST}))?$`);
/** An image id as Docker prints it: `sha256:<64 hex>`, or 12 to 64 hex digits. */
export const IMAGE_ID = /^(?:sha256:[a-f0-9]{64}|[a-f0-9]{12,64})$/;
/** Volume names and network names or ids, as Docker allows them. */
export const OBJECT_NAME = /^[a-zA-Z0-9][a-zA-Z0-9_.-]{0,254}$/;

export const ImageReference = z
  .string()
  .max(512)
  .regex(
    IMAGE_REFERENCE,
    'An image reference looks like name, name:tag, registry:5000/path/name:tag or name@sha256:…',
  );

export const ImageParams = DockerHostParams.extend({
  ref: z
    .string()
    .max(512)
    .refine((v) => IMAGE_ID.test(v) || IMAGE_REFERENCE.test(v), 'An image id or reference (name:tag).'),
});
export const VolumeParams = DockerHostParams.extend({
  name: z.string().regex(OBJECT_NAME, 'A volume name: letters, digits, _ . - (up to 255).'),
});
export const NetworkParams = DockerHostParams.extend({
  ref: z.string().regex(OBJECT_NAME, 'A network name or id: letters, digits, _ . - (up to 255).'),
});
/** `?force=true`: untag and delete even when stopped containers use the image or it has several tags. */
export const RemoveImageQuery = z.object({ force: z.enum(['true', 'false']).default('false') });
/** `?all=true`: every image no container uses, not only dangling (untagged) ones. */
export const ImagePruneQuery = z.object({ all: z.enum(['true', 'false']).default('false') });
export const ImagePruneBody = z.object({ all: z.boolean().default(false) });

/** A container that uses an object, named as users know it. */
export const ContainerUse = z.object({ id: z.string(), name: z.string(), state: z.string() });
export type ContainerUse = z.infer<typeof ContainerUse>;

export const ImageDetail = z.object({
  id: z.string(),
  tags: z.array(z.string()),
  digests: z.array(z.string()),
  sizeBytes: z.number().optional(),
  createdAt: z.string().optional(),
  architecture: z.string().optional(),
  os: z.string().optional(),
  author: z.string().optional(),
  comment: z.string().optional(),
  entrypoint: z.array(z.string()),
  cmd: z.array(z.string()),
  workingDir: z.string().optional(),
  exposedPorts: z.array(z.string()),
  labels: z.record(z.string(), z.string()),
  layers: z.number(),
  usedBy: z.array(ContainerUse),
});
export type ImageDetail = z.infer<typeof ImageDetail>;

export const VolumeDetail = z.object({
  name: z.string(),
  driver: z.string(),
  mountpoint: z.string().optional(),
  scope: z.string().optional(),
  createdAt: z.string().optional(),
  labels: z.record(z.string(), z.string()),
  options: z.record(z.string(), z.string()),
  usedBy: z.array(ContainerUse),
});
export type VolumeDetail = z.infer<typeof VolumeDetail>;

export const NetworkDetail = z.object({
  id: z.string(),
  name: z.string(),
  driver: z.string(),
  scope: z.string().optional(),
  internal: z.boolean().optional(),
  attachable: z.boolean().optional(),
  createdAt: z.string().optional(),
  /** Docker's own networks (bridge, host, none) cannot be removed or pruned. */
  builtIn: z.boolean(),
  subnets: z.array(z.object({ subnet: z.string(), gateway: z.string().optional() })),
  labels: z.record(z.string(), z.string()),
  usedBy: z.array(ContainerUse),
});
export type NetworkDetail = z.infer<typeof NetworkDetail>;

export const ImageRemoveResult = z.object({ untagged: z.array(z.string()), deleted: z.array(z.string()) });
export type ImageRemoveResult = z.infer<typeof ImageRemoveResult>;

export const PruneKind = z.enum(['images', 'volumes', 'networks']);
export type PruneKind = z.infer<typeof PruneKind>;

/** One object a prune takes (or would take): its id and the name users know it by. */
export const PruneItem = z.object({ id: z.string(), name: z.string(), sizeBytes: z.number().optional() });
export type PruneItem = z.infer<typeof PruneItem>;

export const PrunePreview = z.object({
  kind: PruneKind,
  items: z.array(PruneItem),
  reclaimBytes: z.number(),
});
export type PrunePreview = z.infer<typeof PrunePreview>;
export const PruneResult = z.object({
  kind: PruneKind,
  removed: z.array(PruneItem),
  reclaimedBytes: z.number(),
});
export type PruneResult = z.infer<typeof PruneResult>;

/** The image-pull WebSocket's query: the reference to pull (no secrets ride in it). */
export const PullQuery = z.object({ ref: ImageReference });

/** Frames the image-pull WebSocket sends, one JSON object per text frame. */
export const PullFrame = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('progress'),
    /** The layer id, when the line is about one layer. */
    layer: z.string().optional(),
    status: z.string(),
    current: z.number().optional(),
    total: z.number().optional(),
  }),
  z.object({ type: z.literal('done'), ref: z.string(), id: z.string().optional(), status: z.string() }),
  z.object({ type: z.literal('error'), message: z.string() }),
]);
export type PullFrame = z.infer<typeof PullFrame>;

/** Close codes of the image-pull WebSocket. */
export const PULL_CLOSE = {
  done: 4000,
  invalid: 4400,
  sessionEnded: 4401,
  notFound: 4404,
  failed: 4500,
  /** The host cannot pull: it is reached through the CLI fallback. */
  unsupported: 4501,
  unreachable: 4503,
} as const;
