export { AzureBackupStore, type AzureBackupStoreArgs } from "./azure.ts";
export { EksOidcProvider, S3BackupStore, type IamOidcProvider, type S3BackupStoreArgs } from "./aws.ts";
export {
  AzureBackupAccess,
  azureBackupStoreProblems,
  blobContainerNameProblems,
  bucketNameProblems,
  s3BackupStoreProblems,
} from "./check.ts";
