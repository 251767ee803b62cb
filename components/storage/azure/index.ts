export { AzureStorage, type AzureStorageArgs } from "./storage.ts";
export { AzureStorageClasses, type AzureStorageClassesArgs } from "./classes.ts";
export { AzureManagedDisk, type AzureManagedDiskArgs } from "./managedDisk.ts";
export { AzureFileShare, type AzureFileShareArgs } from "./fileShare.ts";
export {
  azureDiskProblems,
  azureShareProblems,
  azureStorageClassesProblems,
  azureStorageProblems,
} from "./validation.ts";
export {
  AZURE_DISK_CLASS,
  AZURE_DISK_SNAPSHOT_CLASS,
  AZURE_FILES_CLASS,
  type AzureDiskSpec,
  type AzureShareSpec,
  type AzureStorageSpec,
} from "./spec.ts";
