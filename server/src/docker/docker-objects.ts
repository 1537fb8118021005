import type {
  ImageDetail,
  ImageRemoveResult,
  NetworkDetail,
  PruneKind,
  PrunePreview,
  PruneResult,
  PullFrame,
  VolumeDetail,
} from '@archnest/contract';

/** What a prune takes: for images, `all` means every unused image, not only dangling ones. */
export interface PruneOptions {
  all?: boolean;
}

/** A running pull: progress frames as the daemon sends them, then one end. */
export interface PullStream {
  onFrame(listener: (frame: PullFrame) => void): void;
  /** Fires once, with the daemon's error in words when the pull failed. */
  onEnd(listener: (error?: Error) => void): void;
  /** Cancels the pull: the daemon stops when its client goes away. */
  close(): void;
}

/**
 * Images, volumes and networks of one host beyond listing them. Only hosts spoken to in the Engine
 * API have this (Engine API directly, Docker over SSH through dial-stdio). Methods reject with the
 * errors of docker-errors.ts: `in_use` names the containers, `not_found` the object.
 */
export interface DockerObjects {
  inspectImage(ref: string): Promise<ImageDetail>;
  removeImage(ref: string, force: boolean): Promise<ImageRemoveResult>;
  pullImage(ref: string): Promise<PullStream>;
  inspectVolume(name: string): Promise<VolumeDetail>;
  removeVolume(name: string): Promise<void>;
  inspectNetwork(ref: string): Promise<NetworkDetail>;
  removeNetwork(ref: string): Promise<void>;
  prunePreview(kind: PruneKind, options?: PruneOptions): Promise<PrunePreview>;
  prune(kind: PruneKind, options?: PruneOptions): Promise<PruneResult>;
}
