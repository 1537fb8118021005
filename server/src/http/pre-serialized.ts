/**
 * A response body already serialized (and shaped by the contract's schema) by the service, for large
 * answers that change far less often than they are read; it is sent as is, gzipped when the client
 * accepts it and a compressed copy exists.
 */
export class PreSerialized<T> {
  declare readonly body?: T;
  constructor(
    readonly json: string,
    readonly gzip: Buffer | null = null,
  ) {}
}
