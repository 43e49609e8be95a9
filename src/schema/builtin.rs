//! What the API server's validation enforces on built-in types that their OpenAPI does not
//! say: the values an enum-like string field accepts, and the integer fields that may not be
//! negative. Keyed by the Go struct (the definition's short name) and the field.
//!
//! Supported values are listed as the API server prints them: sorted where the source keeps
//! them in a `sets.String`, in source order where it passes a literal list.
//! source: pkg/apis/core/validation/validation.go, pkg/apis/apps/validation/validation.go,
//! pkg/apis/batch/validation/validation.go, pkg/apis/networking/validation/validation.go,
//! staging/src/k8s.io/apimachinery/pkg/apis/meta/v1/validation/validation.go

/// The values a built-in string field accepts (`NotSupported` otherwise).
pub fn enum_values(owner: &str, field: &str) -> Option<&'static [&'static str]> {
    Some(match (owner, field) {
        // validatePullPolicy (supportedPullPolicies, a set)
        ("Container" | "EphemeralContainer", "imagePullPolicy") => {
            &["Always", "IfNotPresent", "Never"]
        }
        // validateContainerCommon: a literal list
        ("Container" | "EphemeralContainer", "terminationMessagePolicy") => {
            &["File", "FallbackToLogsOnError"]
        }
        // validateDNSPolicy (supportedDNSPolicies, a set)
        ("PodSpec", "dnsPolicy") => &["ClusterFirst", "ClusterFirstWithHostNet", "Default", "None"],
        // validatePreemptionPolicy: a literal list
        ("PodSpec", "preemptionPolicy") => &["PreemptLowerPriority", "Never"],
        // ValidateService (supportedServiceType, supportedSessionAffinityType,
        // supportedServiceIPFamilyPolicy, validateServiceExternalTrafficPolicy,
        // validateServiceInternalTrafficFieldsValue: sets)
        ("ServiceSpec", "type") => &["ClusterIP", "ExternalName", "LoadBalancer", "NodePort"],
        ("ServiceSpec", "sessionAffinity") => &["ClientIP", "None"],
        ("ServiceSpec", "ipFamilyPolicy") => {
            &["PreferDualStack", "RequireDualStack", "SingleStack"]
        }
        ("ServiceSpec", "externalTrafficPolicy" | "internalTrafficPolicy") => &["Cluster", "Local"],
        // validateServicePort (supportedPortProtocols, a set)
        ("ServicePort", "protocol") => &["SCTP", "TCP", "UDP"],
        // validateHTTPGetAction (supportedHTTPSchemes, a set)
        ("HTTPGetAction", "scheme") => &["HTTP", "HTTPS"],
        // validateTopologySpreadConstraints (supportedScheduleActions, a set)
        ("TopologySpreadConstraint", "whenUnsatisfiable") => &["DoNotSchedule", "ScheduleAnyway"],
        // validateTolerations / validateTaintEffect: literal lists
        ("Toleration", "operator") => &["Equal", "Exists"],
        ("Toleration", "effect") => &["NoSchedule", "PreferNoSchedule", "NoExecute"],
        // ValidatePersistentVolumeClaimSpec (supportedAccessModes, supportedVolumeModes: sets)
        ("PersistentVolumeClaimSpec", "accessModes") => &[
            "ReadOnlyMany",
            "ReadWriteMany",
            "ReadWriteOnce",
            "ReadWriteOncePod",
        ],
        ("PersistentVolumeClaimSpec", "volumeMode") => &["Block", "Filesystem"],
        // ValidateDeploymentStrategy, ValidateStatefulSetSpec, ValidateDaemonSetUpdateStrategy:
        // literal lists
        ("DeploymentStrategy", "type") => &["Recreate", "RollingUpdate"],
        ("StatefulSetSpec", "podManagementPolicy") => &["OrderedReady", "Parallel"],
        ("StatefulSetUpdateStrategy" | "DaemonSetUpdateStrategy", "type") => {
            &["RollingUpdate", "OnDelete"]
        }
        // validateConcurrencyPolicy, validateCompletions (batch): literal lists
        ("CronJobSpec", "concurrencyPolicy") => &["Allow", "Forbid", "Replace"],
        ("JobSpec", "completionMode") => &["NonIndexed", "Indexed"],
        // ValidateLabelSelectorRequirement: a literal list
        ("LabelSelectorRequirement", "operator") => &["In", "NotIn", "Exists", "DoesNotExist"],
        // validateIngressPath (supportedPathTypes, a set)
        ("HTTPIngressPath", "pathType") => &["Exact", "ImplementationSpecific", "Prefix"],
        _ => return None,
    })
}

/// Integer fields the API server refuses below a bound: `(minimum, maximum)`; the message is
/// `must be greater than or equal to 0` for a 0 minimum without maximum, else the inclusive
/// range. source: ValidateNonnegativeField and the spec validators named beside each entry
pub fn bounds(owner: &str, field: &str) -> Option<(i64, Option<i64>)> {
    Some(match (owner, field) {
        // ValidateDeploymentSpec, ValidateReplicaSetSpec, ValidateStatefulSetSpec,
        // ValidateDaemonSetSpec, ValidateReplicationControllerSpec
        (
            "DeploymentSpec",
            "replicas" | "minReadySeconds" | "revisionHistoryLimit" | "progressDeadlineSeconds",
        )
        | ("ReplicaSetSpec" | "ReplicationControllerSpec", "replicas" | "minReadySeconds")
        | ("StatefulSetSpec", "replicas" | "minReadySeconds" | "revisionHistoryLimit")
        | ("DaemonSetSpec", "minReadySeconds" | "revisionHistoryLimit") => (0, None),
        // ValidateJobSpec, ValidateCronJobSpec
        ("JobSpec", "parallelism" | "completions" | "backoffLimit" | "ttlSecondsAfterFinished")
        | (
            "CronJobSpec",
            "startingDeadlineSeconds" | "successfulJobsHistoryLimit" | "failedJobsHistoryLimit",
        ) => (0, None),
        // ValidatePodSpec: activeDeadlineSeconds in 1..=2147483647
        ("PodSpec", "activeDeadlineSeconds") => (1, Some(2_147_483_647)),
        // validateServicePort: port, and a numeric targetPort, are port numbers
        ("ServicePort", "port" | "targetPort") => (1, Some(65_535)),
        // ValidateHorizontalPodAutoscalerSpec (minReplicas ≥ 1 while HPAScaleToZero is off)
        ("HorizontalPodAutoscalerSpec", "minReplicas" | "maxReplicas") => (1, None),
        // ValidatePodDisruptionBudgetSpec (ValidatePositiveIntOrPercent on a number)
        ("PodDisruptionBudgetSpec", "minAvailable" | "maxUnavailable") => (0, None),
        _ => return None,
    })
}

/// Fields the API server's validation requires although the schema leaves them optional.
/// source: pkg/apis/core/validation/validation.go validateContainerCommon (`image`: Required)
pub fn required(owner: &str) -> &'static [&'static str] {
    match owner {
        "Container" => &["image"],
        _ => &[],
    }
}

/// The API server's words for a value outside `bounds`.
pub fn bounds_detail(min: i64, max: Option<i64>) -> String {
    match max {
        None if min == 0 => "must be greater than or equal to 0".to_string(),
        None => format!("must be greater than or equal to {min}"),
        Some(max) => format!("must be between {min} and {max}, inclusive"),
    }
}
