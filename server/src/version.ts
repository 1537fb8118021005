/** ArchNest's release version: in the OpenAPI document and in every backup's header. */
export const ARCHNEST_VERSION = '0.1.0';
