export {
  AWS_STORAGE_CLASSES,
  awsStorageClassNames,
  awsStorageProblems,
  awsVolumeNames,
  efsClassName,
  GP3_LIMITS,
  type AwsStorageSpec,
  type EbsVolumeSpec,
  type EfsFileSystemSpec,
} from "./args.ts";
export { EBS_SNAPSHOT_CLASS } from "./classes.ts";
export { NFS_PORT } from "./efs.ts";
export { AwsStorage, type AwsStorageArgs } from "./storage.ts";
