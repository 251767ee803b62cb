/** The recommended Kubernetes labels for an application managed by this package. */
export function appLabels(appName: string, component = "database"): Record<string, string> {
  return {
    "app.kubernetes.io/name": appName,
    "app.kubernetes.io/instance": appName,
    "app.kubernetes.io/component": component,
    "app.kubernetes.io/part-of": "stateful-stack",
    "app.kubernetes.io/managed-by": "pulumi",
  };
}

/** The subset of {@link appLabels} that selects an application's pods; stable for the object's life. */
export function selectorLabels(appName: string): Record<string, string> {
  return { "app.kubernetes.io/name": appName, "app.kubernetes.io/instance": appName };
}
