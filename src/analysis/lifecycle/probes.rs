//! Probes as the API server stores them (defaults applied) and their handlers.

use k8s_openapi::api::core::v1::Probe;
use serde::Serialize;

/// A probe's numbers after `SetDefaults_Probe`: a zero (unset) `timeoutSeconds`,
/// `periodSeconds`, `successThreshold` or `failureThreshold` becomes 1, 10, 1 or 3.
/// `initialDelaySeconds` has no defaulter; a probe-level grace stays unset.
/// source: pkg/apis/core/v1/defaults.go SetDefaults_Probe
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct EffectiveProbe {
    pub initial_delay_seconds: i32,
    pub timeout_seconds: i32,
    pub period_seconds: i32,
    pub success_threshold: i32,
    pub failure_threshold: i32,
    pub termination_grace_period_seconds: Option<i64>,
}

/// The fields `SetDefaults_Probe` fills when they are 0 (unset), with the value it sets;
/// the one table behind [`effective`] and the defaulted view (`analysis::defaults`).
/// source: pkg/apis/core/v1/defaults.go SetDefaults_Probe
pub const PROBE_DEFAULTS: [(&str, i32); 4] = [
    ("timeoutSeconds", 1),
    ("periodSeconds", 10),
    ("successThreshold", 1),
    ("failureThreshold", 3),
];

fn or_default(v: Option<i32>, default: i32) -> i32 {
    match v {
        None | Some(0) => default,
        Some(n) => n,
    }
}

pub fn effective(p: &Probe) -> EffectiveProbe {
    EffectiveProbe {
        initial_delay_seconds: p.initial_delay_seconds.unwrap_or(0),
        timeout_seconds: or_default(p.timeout_seconds, PROBE_DEFAULTS[0].1),
        period_seconds: or_default(p.period_seconds, PROBE_DEFAULTS[1].1),
        success_threshold: or_default(p.success_threshold, PROBE_DEFAULTS[2].1),
        failure_threshold: or_default(p.failure_threshold, PROBE_DEFAULTS[3].1),
        termination_grace_period_seconds: p.termination_grace_period_seconds,
    }
}

/// The kinds of probe handler, in the order the API server checks them.
/// source: pkg/apis/core/validation/validation.go validateHandler / handlerFromProbe
pub const PROBE_HANDLERS: [&str; 4] = ["exec", "httpGet", "tcpSocket", "grpc"];

/// The handler fields a probe sets, in validation order.
pub fn handlers(p: &Probe) -> Vec<&'static str> {
    let set = [
        p.exec.is_some(),
        p.http_get.is_some(),
        p.tcp_socket.is_some(),
        p.grpc.is_some(),
    ];
    PROBE_HANDLERS
        .iter()
        .zip(set)
        .filter(|(_, s)| *s)
        .map(|(h, _)| *h)
        .collect()
}

/// The three probe fields of a container, with their names.
pub fn probes(c: &k8s_openapi::api::core::v1::Container) -> [(&'static str, Option<&Probe>); 3] {
    [
        ("startupProbe", c.startup_probe.as_ref()),
        ("livenessProbe", c.liveness_probe.as_ref()),
        ("readinessProbe", c.readiness_probe.as_ref()),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    // source: pkg/apis/core/v1/defaults.go SetDefaults_Probe
    #[test]
    fn zero_means_default() {
        let p = Probe {
            period_seconds: Some(0),
            failure_threshold: Some(5),
            ..Probe::default()
        };
        let e = effective(&p);
        assert_eq!(
            (
                e.initial_delay_seconds,
                e.timeout_seconds,
                e.period_seconds,
                e.success_threshold,
                e.failure_threshold
            ),
            (0, 1, 10, 1, 5)
        );
    }
}
