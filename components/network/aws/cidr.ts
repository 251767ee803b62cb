/**
 * IPv4 CIDR arithmetic for VPC layouts: parsing, overlap and carving subnets. Pure functions.
 */

/** A parsed IPv4 CIDR block. */
export interface Cidr {
  /** Network address as an unsigned 32-bit number. */
  readonly base: number;
  /** Prefix length, 0 to 32. */
  readonly prefix: number;
}

const CIDR = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/;

/** Parses `a.b.c.d/n`; returns `undefined` unless it is a valid block whose address is its network address. */
export function parseCidr(text: string): Cidr | undefined {
  const match = CIDR.exec(text);
  if (!match) return undefined;
  const [, a, b, c, d, n] = match.map(Number) as [number, number, number, number, number, number];
  if ([a, b, c, d].some((octet) => octet > 255) || n > 32) return undefined;
  const base = ((a << 24) | (b << 16) | (c << 8) | d) >>> 0;
  const size = 2 ** (32 - n);
  if (base % size !== 0) return undefined;
  return { base, prefix: n };
}

/** Renders a block as `a.b.c.d/n`. */
export function formatCidr(cidr: Cidr): string {
  const b = cidr.base;
  return `${b >>> 24}.${(b >>> 16) & 255}.${(b >>> 8) & 255}.${b & 255}/${cidr.prefix}`;
}

/** True when the two blocks share at least one address. */
export function cidrsOverlap(a: Cidr, b: Cidr): boolean {
  const endA = a.base + 2 ** (32 - a.prefix);
  const endB = b.base + 2 ** (32 - b.prefix);
  return a.base < endB && b.base < endA;
}

/** Smallest VPC prefix and largest the layout of {@link subnetLayout} supports. */
export const VPC_PREFIX_RANGE = { min: 16, max: 24 } as const;

/**
 * Subnets of a VPC: the block is cut in eight; private subnet `i` takes eighth `i` and public
 * subnet `i` eighth `4 + i`, so up to four zones fit and private subnets (where the nodes and pods
 * live, one address per pod with the VPC CNI) are as large as public ones.
 */
export function subnetLayout(vpcCidr: string, zoneCount: number): { private: string[]; public: string[] } {
  const vpc = parseCidr(vpcCidr);
  if (!vpc) throw new Error(`"${vpcCidr}" is not an IPv4 CIDR block such as "10.0.0.0/16"`);
  if (zoneCount < 1 || zoneCount > 4) throw new Error(`a VPC layout holds 1 to 4 zones, not ${zoneCount}`);
  const prefix = vpc.prefix + 3;
  const size = 2 ** (32 - prefix);
  const block = (i: number) => formatCidr({ base: vpc.base + i * size, prefix });
  const zones = [...Array(zoneCount).keys()];
  return { private: zones.map(block), public: zones.map((i) => block(4 + i)) };
}
