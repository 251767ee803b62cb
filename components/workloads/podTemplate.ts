import type * as k8s from "@pulumi/kubernetes";
import type * as pulumi from "@pulumi/pulumi";
import { TMP_MOUNT_PATH } from "./mounts.ts";

/** What the pod template of a stateful workload is built from; every value already defaulted. */
export interface PodTemplateSettings {
  appName: string;
  labels: Record<string, string>;
  selector: Record<string, string>;
  image: string;
  port: number;
  args: string[];
  env: k8s.types.input.core.v1.EnvVar[];
  mountPath: string;
  runAsUser: number;
  fsGroup: number;
  readOnlyRootFilesystem: boolean;
  httpHealthPath: string | undefined;
  cpu: string;
  memory: string;
  sharedClaim: pulumi.Input<string> | undefined;
  sharedMountPath: string;
}

/** Name of the per-replica data volume claim template. */
export const DATA_VOLUME = "data";
const SHARED_VOLUME = "shared";
const TMP_VOLUME = "tmp";

function probe(settings: PodTemplateSettings, initialDelaySeconds: number): k8s.types.input.core.v1.Probe {
  const action = settings.httpHealthPath
    ? { httpGet: { path: settings.httpHealthPath, port: "main" } }
    : { tcpSocket: { port: "main" } };
  return { ...action, initialDelaySeconds, periodSeconds: 10, timeoutSeconds: 5, failureThreshold: 6 };
}

/**
 * The pod template of a stateful workload: non-root, no privilege escalation, all capabilities
 * dropped, probes on the main port, spread across zones and nodes.
 */
export function podTemplate(settings: PodTemplateSettings): k8s.types.input.core.v1.PodTemplateSpec {
  const volumeMounts: k8s.types.input.core.v1.VolumeMount[] = [{ name: DATA_VOLUME, mountPath: settings.mountPath }];
  const volumes: k8s.types.input.core.v1.Volume[] = [];
  if (settings.readOnlyRootFilesystem) {
    volumeMounts.push({ name: TMP_VOLUME, mountPath: TMP_MOUNT_PATH });
    volumes.push({ name: TMP_VOLUME, emptyDir: {} });
  }
  if (settings.sharedClaim !== undefined) {
    volumeMounts.push({ name: SHARED_VOLUME, mountPath: settings.sharedMountPath });
    volumes.push({ name: SHARED_VOLUME, persistentVolumeClaim: { claimName: settings.sharedClaim } });
  }
  const spread = (topologyKey: string): k8s.types.input.core.v1.TopologySpreadConstraint => ({
    maxSkew: 1,
    topologyKey,
    whenUnsatisfiable: "ScheduleAnyway",
    labelSelector: { matchLabels: settings.selector },
  });
  return {
    metadata: { labels: settings.labels },
    spec: {
      securityContext: {
        runAsNonRoot: true,
        runAsUser: settings.runAsUser,
        runAsGroup: settings.fsGroup,
        fsGroup: settings.fsGroup,
        fsGroupChangePolicy: "OnRootMismatch",
        seccompProfile: { type: "RuntimeDefault" },
      },
      terminationGracePeriodSeconds: 30,
      topologySpreadConstraints: [spread("topology.kubernetes.io/zone"), spread("kubernetes.io/hostname")],
      containers: [
        {
          name: settings.appName,
          image: settings.image,
          args: settings.args.length > 0 ? settings.args : undefined,
          env: settings.env,
          ports: [{ name: "main", containerPort: settings.port, protocol: "TCP" }],
          readinessProbe: probe(settings, 5),
          livenessProbe: probe(settings, 30),
          resources: {
            requests: { cpu: settings.cpu, memory: settings.memory },
            limits: { memory: settings.memory },
          },
          securityContext: {
            allowPrivilegeEscalation: false,
            readOnlyRootFilesystem: settings.readOnlyRootFilesystem,
            capabilities: { drop: ["ALL"] },
          },
          volumeMounts,
        },
      ],
      volumes: volumes.length > 0 ? volumes : undefined,
    },
  };
}
