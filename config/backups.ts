/**
 * The `backups` and `restore` configuration keys: cluster backups with Velero and a restore drill.
 * Shape only, mapped onto the `Platform`'s `backups` and `restore` arguments (the keys are its
 * arguments); what values they accept is its check (`platformBackupsProblems`), reported here.
 */
import * as v from "valibot";
import { array, boolean, number, object, record, string } from "./builders.ts";

/** One Velero schedule. */
const scheduleSchema = object(
  {
    name: string('the schedule\'s name such as "daily"'),
    cron: string('five cron fields such as "0 3 * * *" (03:00 every day)'),
    includedNamespaces: v.optional(array(string("a namespace to back up"))),
    labelSelector: v.optional(record(string("a label value"))),
    ttl: v.optional(string('how long each backup is kept such as "720h"')),
  },
  "a backup schedule",
);

/** The `backups` key. */
const backupsSchema = object(
  {
    enabled: v.optional(boolean("install Velero and run the schedules; default: true in prod, false in dev")),
    schedules: v.optional(array(scheduleSchema, "backup schedules")),
    snapshotMoveData: v.optional(
      boolean("move volume snapshots' data to the object store (data mover); default: true on AKS in prod"),
    ),
    retentionDays: v.optional(number("days a deleted backup stays recoverable in the store")),
  },
  "cluster backups",
);

/** The `restore` key. */
const restoreSchema = object(
  {
    name: string('the Restore\'s name such as "drill-1"'),
    backupName: v.optional(string("the backup to restore, as `velero backup get` lists it")),
    scheduleName: v.optional(string("restore the latest backup of this schedule")),
    includedNamespaces: v.optional(array(string("a namespace to restore"))),
    includedResources: v.optional(array(string('a kind to restore such as "persistentvolumeclaims"'))),
    restorePVs: v.optional(boolean("restore the volumes' data")),
  },
  "a restore",
);

/** The `backups` and `restore` keys, merged into the stack schema. */
export const backupKeys = {
  backups: v.optional(backupsSchema),
  restore: v.optional(restoreSchema),
};
