export { cidrsOverlap, formatCidr, parseCidr, subnetLayout, VPC_PREFIX_RANGE, type Cidr } from "./cidr.ts";
export { AwsNetwork, type AwsNetworkArgs } from "./vpc.ts";
export { NatGatewayMode } from "./natGatewayMode.ts";
export { awsNetworkProblems, MAX_VPC_ZONES } from "./validate.ts";
