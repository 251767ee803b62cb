/**
 * Replacement triggers of AWS types that depend on the resource's state: the paths a
 * terraform-provider-aws `CustomizeDiff` or `ModifyPlan` forces new, given the base and head inputs
 * (`ReplaceRule.conditional` in statefulTypes.ts). Read in the stored copies cloudRules.ts cites.
 */
/** True when an input is set: present, not null (a value known only after deployment is set). */
const isSet = (value: unknown): boolean => value !== undefined && value !== null;

/**
 * aws_subnet's `CustomizeDiff` (`customdiff.ForceNewIf("ipv6_cidr_block", …)`): a change of
 * `ipv6_cidr_block` forces a new subnet when the prior state's `assign_ipv6_address_on_creation`
 * (`d.GetChange`'s old value: the base) was true; the head's value does not matter.
 */
export function subnetConditionalTriggers(base: Record<string, unknown>): string[] {
  return base["assignIpv6AddressOnCreation"] === true ? ["ipv6CidrBlock"] : [];
}

/**
 * aws_eks_cluster's `CustomizeDiff` (`customdiff.ForceNewIfChange("encryption_config", …)`): envelope
 * encryption cannot be disabled, so removing `encryption_config` that was set forces a new cluster.
 */
export function eksClusterConditionalTriggers(base: Record<string, unknown>, head: Record<string, unknown>): string[] {
  return isSet(base["encryptionConfig"]) && !isSet(head["encryptionConfig"]) ? ["encryptionConfig"] : [];
}

/** The rule's source as aws_vpc_security_group_ingress_rule's `sourceAttributeName` picks it: the first set. */
const RULE_SOURCES = ["cidrIpv4", "cidrIpv6", "prefixListId", "referencedSecurityGroupId"] as const;

/**
 * The security group rule resource's `ModifyPlan`: when the source attribute (the first set of
 * cidr_ipv4, cidr_ipv6, prefix_list_id, referenced_security_group_id) differs between prior state
 * and plan, `RequiresReplace` names both the old and the new one.
 */
export function ingressRuleConditionalTriggers(base: Record<string, unknown>, head: Record<string, unknown>): string[] {
  const source = (inputs: Record<string, unknown>) => RULE_SOURCES.find((key) => isSet(inputs[key]));
  const [from, to] = [source(base), source(head)];
  return from === to ? [] : [from, to].filter((key) => key !== undefined);
}
