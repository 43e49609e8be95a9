//! `negative-probe-field`: a probe timing or threshold below zero, or a probe-level
//! `terminationGracePeriodSeconds` that is not positive; the API server refuses it.
//! source: pkg/apis/core/validation/validation.go validateProbe (ValidateNonnegativeField,
//! apimachinery pkg/api/validation/generic.go IsNegativeErrorMsg)

use k8s_openapi::api::core::v1::Probe;

use crate::analysis::lifecycle::validated_probes;
use crate::diagnostic::Diagnostic;
use crate::rules::{PodCx, Rule, Sink};
use crate::yaml::FieldPath;

pub(super) static RULE: NegativeProbeField = NegativeProbeField;

pub(super) struct NegativeProbeField;

/// `ValidateNonnegativeField`'s detail.
const IS_NEGATIVE: &str = "must be greater than or equal to 0";
const NOT_POSITIVE: &str = "must be greater than 0";

fn diagnostic(
    cx: &PodCx<'_>,
    container: &str,
    at: &FieldPath,
    kind: &str,
    field: &str,
    value: i64,
) -> Diagnostic {
    let grace = field == "terminationGracePeriodSeconds";
    let (label, help, detail) = if grace {
        (
            "must be at least 1",
            "set it to 1 or more, or remove it to use the pod's grace period",
            NOT_POSITIVE,
        )
    } else {
        (
            "must not be negative",
            "set it to 0 or more (0 means the default)",
            IS_NEGATIVE,
        )
    };
    Diagnostic::new(
        format!("the `{kind}` of container `{container}` has `{field}: {value}`"),
        cx.at(at),
    )
    .label(label)
    .help(help)
    .api_error(cx.path.join(at).to_string(), "Invalid", detail)
}

/// The probe fields the API server checks, in its order, with the values that fail.
fn offending(p: &Probe) -> Vec<(&'static str, i64)> {
    let nonnegative = [
        ("initialDelaySeconds", p.initial_delay_seconds),
        ("timeoutSeconds", p.timeout_seconds),
        ("periodSeconds", p.period_seconds),
        ("successThreshold", p.success_threshold),
        ("failureThreshold", p.failure_threshold),
    ];
    let mut out: Vec<(&'static str, i64)> = nonnegative
        .into_iter()
        .filter_map(|(f, v)| v.filter(|v| *v < 0).map(|v| (f, i64::from(v))))
        .collect();
    if let Some(g) = p.termination_grace_period_seconds.filter(|g| *g <= 0) {
        out.push(("terminationGracePeriodSeconds", g));
    }
    out
}

impl Rule for NegativeProbeField {
    fn id(&self) -> &str {
        "negative-probe-field"
    }

    fn check_pod(&self, cx: &PodCx<'_>, out: &mut Sink) {
        let Some(spec) = cx.spec() else {
            return;
        };
        for p in validated_probes(spec, cx.object.version) {
            for (field, value) in offending(p.probe) {
                let at = p.path.clone().field(field);
                out.emit(diagnostic(cx, p.container.name(), &at, p.field, field, value));
            }
        }
    }
}
