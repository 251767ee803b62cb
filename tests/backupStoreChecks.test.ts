/**
 * The pure checks of the backup stores: names each cloud accepts, retention days, the access each
 * mode needs; generated bad inputs are refused at their argument, before anything is registered.
 */
import assert from "node:assert/strict";
import fc from "fast-check";
import { AksCluster } from "../components/azure.ts";
import {
  AzureBackupStore,
  azureBackupStoreProblems,
  bucketNameProblems,
  S3BackupStore,
  s3BackupStoreProblems,
} from "../components/backups/index.ts";
import { EksCluster } from "../components/cluster/eks/index.ts";
import { formatPath, type Problem } from "../components/problems.ts";
import { record } from "../tools/recorder/record.ts";
import { eksArgs } from "./support/eks.ts";

const options = { project: "proj", stack: "test", preview: false };
const ISSUER = "https://oidc.eks.eu-west-1.amazonaws.com/id/0123456789ABCDEF";
const PROVIDER_ARN = "arn:aws:iam::123456789012:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/0123456789ABCDEF";
const paths = (problems: Problem[]) => problems.map((p) => formatPath(p.path));

describe("the checks of the backup stores", () => {
  const azure = { namespace: "data", clusterName: "orders" };
  const s3 = { ...azure, oidcProvider: { arn: PROVIDER_ARN, issuerUrl: ISSUER } };

  it("accept valid stores", () => {
    assert.deepEqual(azureBackupStoreProblems({ ...azure, accountName: "stbackups01", containerName: "pg-wal" }), []);
    assert.deepEqual(s3BackupStoreProblems({ ...s3, bucketName: "acme-prod-pg-backups", retentionDays: 7 }), []);
  });

  it("refuse any storage account name that is not 3-24 lowercase letters and digits", () => {
    const bad = fc.oneof(
      fc.stringMatching(/^[a-z0-9]{0,2}$/),
      fc.stringMatching(/^[a-z0-9]{25,40}$/),
      fc.stringMatching(/^[a-z0-9]{1,10}[A-Z_.\- ][a-z0-9]{1,10}$/),
    );
    fc.assert(
      fc.property(bad, (accountName) => {
        assert.deepEqual(paths(azureBackupStoreProblems({ ...azure, accountName })), ["accountName"]);
      }),
    );
  });

  it("refuse any bucket name AWS or HTTPS access would not take", () => {
    const bad = fc.oneof(
      fc.stringMatching(/^[a-z0-9]{1,2}$/),
      fc.stringMatching(/^[a-z0-9]{64,80}$/),
      fc.stringMatching(/^[-.][a-z0-9]{3,10}$/),
      fc.stringMatching(/^[a-z0-9]{3,10}-$/),
      fc.stringMatching(/^[a-z0-9]{1,10}[A-Z_.][a-z0-9]{1,10}$/),
      fc.stringMatching(/^(xn--|sthree-|amzn-s3-demo-)[a-z0-9]{1,10}$/),
      fc.stringMatching(/^[a-z0-9]{1,10}(-s3alias|--ol-s3|--x-s3|--table-s3)$/),
    );
    fc.assert(
      fc.property(bad, (bucketName) => {
        const problems = s3BackupStoreProblems({ ...s3, bucketName });
        assert.deepEqual(paths(problems), ["bucketName"]);
        assert.equal(bucketNameProblems(["b"], bucketName).length, 1);
      }),
    );
  });

  it("refuse retention days that are not a whole number from 1 to 365", () => {
    const bad = fc.oneof(
      fc.integer({ max: 0 }),
      fc.integer({ min: 366 }),
      fc.double({ min: 1.01, max: 364.99, noInteger: true }),
    );
    fc.assert(
      fc.property(bad, (retentionDays) => {
        assert.deepEqual(paths(azureBackupStoreProblems({ ...azure, retentionDays })), ["retentionDays"]);
        assert.deepEqual(paths(s3BackupStoreProblems({ ...s3, retentionDays })), ["retentionDays"]);
      }),
    );
  });

  it("refuse a namespace or cluster name that is no DNS label, and container names Azure refuses", () => {
    const bad = fc.oneof(fc.constant(""), fc.stringMatching(/^[a-z]{1,5}(--|_|[A-Z])[a-z]{1,5}$/), fc.constant("-x"));
    fc.assert(
      fc.property(bad, (value) => {
        assert.deepEqual(paths(azureBackupStoreProblems({ ...azure, containerName: value })), ["containerName"]);
      }),
    );
    assert.deepEqual(paths(s3BackupStoreProblems({ ...s3, namespace: "Data", clusterName: "a_b" })), [
      "namespace",
      "clusterName",
    ]);
  });

  it("refuse workload identity without the issuer, and IRSA without the OIDC provider", () => {
    assert.deepEqual(paths(azureBackupStoreProblems({ ...azure, access: "workloadIdentity" })), ["oidcIssuerUrl"]);
    assert.deepEqual(paths(azureBackupStoreProblems({ ...azure, access: "sas" as never })), ["access"]);
    assert.deepEqual(paths(s3BackupStoreProblems(azure)), ["oidcProvider"]);
  });

  it("refuse a user delegation key with key access (no identity is given the role), naming the fix", () => {
    for (const access of ["key", undefined] as const) {
      const problems = azureBackupStoreProblems({ ...azure, ...(access ? { access } : {}), userDelegationKey: true });
      assert.deepEqual(paths(problems), ["userDelegationKey"]);
      assert.match(problems[0]!.message, /use access "workloadIdentity", or remove userDelegationKey/);
    }
    assert.deepEqual(
      azureBackupStoreProblems({
        ...azure,
        access: "workloadIdentity",
        oidcIssuerUrl: ISSUER,
        userDelegationKey: true,
      }),
      [],
    );
  });

  it("are the components' own: a bad store registers nothing", async () => {
    const recording = record(() => {
      const cluster = new EksCluster("c", eksArgs());
      new S3BackupStore("pg", { cluster, environment: "prod", ...s3, bucketName: "Bad_Name" });
    }, options);
    await assert.rejects(recording, /S3BackupStore "pg": bucketName = "Bad_Name"/);
    const azureRecording = record(() => {
      const cluster = new AksCluster("c", {
        environment: "dev",
        location: "westeurope",
        nodePools: [{ name: "data" }],
      });
      new AzureBackupStore("pg", { cluster, environment: "dev", ...azure, retentionDays: 0 });
    }, options);
    await assert.rejects(azureRecording, /AzureBackupStore "pg": retentionDays = 0/);
  });
});
