import type * as Ec2SdkModule from '@aws-sdk/client-ec2';

/**
 * The SDK module, loaded on first use only (see aws-ec2.integration.ts): an instance without EC2
 * integrations never pays its start-up time or memory. Type-only imports cost nothing at run time.
 */
export type Ec2Sdk = typeof Ec2SdkModule;

/**
 * The fields of DescribeInstances' `Reservations[].Instances[]` ArchNest reads (EC2 API reference,
 * `Instance`); the SDK parses the Query protocol's `reservationSet/item/instancesSet/item` XML into it.
 */
export interface Ec2InstanceWire {
  InstanceId?: string;
  InstanceType?: string;
  State?: { Code?: number; Name?: string };
  PrivateIpAddress?: string;
  PublicIpAddress?: string;
  Placement?: { AvailabilityZone?: string };
  LaunchTime?: Date;
  Tags?: { Key?: string; Value?: string }[];
  ImageId?: string;
  Architecture?: string;
}
