/**
 * Every policy of the pack, in one list used online (the policy pack) and offline (tests, plan).
 */
import type { StackPolicy } from "./model.ts";
import { encryptedAtRest, protectedInProduction, retainedInProduction } from "./rules/data.ts";
import { productionDataBackedUp, productionSnapshotUnverified } from "./rules/backup.ts";
import { backupsOutliveCluster } from "./rules/snapshotLocation.ts";
import { apiEndpointNotPublic } from "./rules/endpoint.ts";
import { csiDriverIdentity } from "./rules/identity.ts";
import { customResourceAfterOperator, explicitProvider, statefulSetCompanions } from "./rules/kubernetes.ts";
import { storageAccountTransport } from "./rules/storageAccount.ts";

/** The policies, in the order they are reported. */
export const POLICIES: readonly StackPolicy[] = [
  encryptedAtRest,
  protectedInProduction,
  retainedInProduction,
  storageAccountTransport,
  apiEndpointNotPublic,
  csiDriverIdentity,
  explicitProvider,
  customResourceAfterOperator,
  statefulSetCompanions,
  productionDataBackedUp,
  productionSnapshotUnverified,
  backupsOutliveCluster,
];
