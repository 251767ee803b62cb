/** How many NAT gateways give the private subnets their way out. */
export const NatGatewayMode = {
  /** One NAT gateway for every zone: cheaper, but a zone outage cuts the others' way out. */
  Single: "single",
  /** One NAT gateway per zone. */
  PerZone: "perZone",
} as const;
/** How many NAT gateways give the private subnets their way out: `"single"` or `"perZone"`. */
export type NatGatewayMode = (typeof NatGatewayMode)[keyof typeof NatGatewayMode];
