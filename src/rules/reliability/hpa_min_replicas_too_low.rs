//! `hpa-min-replicas-too-low`: a HorizontalPodAutoscaler whose `minReplicas` (default 1) is
//! below the `minimum` option (default 2): whenever load is low it scales the workload down
//! to that many pods, which one disruption may take down. `minReplicas: 0` (scale to zero,
//! behind a feature gate; `value-out-of-range` reports it otherwise) is a choice and not
//! reported here.
//! source: pkg/apis/autoscaling/v2/defaults.go SetDefaults_HorizontalPodAutoscaler

use crate::diagnostic::Diagnostic;
use crate::model::scaling::int;
use crate::rules::{ObjectCx, Rule, Sink};
use crate::yaml::FieldPath;

pub(super) static RULE: HpaMinReplicasTooLow = HpaMinReplicasTooLow;

pub(super) struct HpaMinReplicasTooLow;

const ID: &str = "hpa-min-replicas-too-low";

impl Rule for HpaMinReplicasTooLow {
    fn id(&self) -> &str {
        ID
    }

    fn check_object(&self, cx: &ObjectCx<'_>, out: &mut Sink) {
        let o = cx.object;
        if o.kind != "HorizontalPodAutoscaler" || o.group() != "autoscaling" {
            return;
        }
        let minimum = cx
            .option(ID, "minimum")
            .and_then(serde_json::Value::as_i64)
            .unwrap_or(2);
        let path = FieldPath::parse("spec.minReplicas");
        let written = cx.node(&path);
        let min = match written {
            Some(n) => match int(cx.doc, Some(n)) {
                Some(m) => m,
                None => return,
            },
            None => 1,
        };
        if min == 0 || min >= minimum {
            return;
        }
        let message = match written {
            Some(_) => format!("HorizontalPodAutoscaler `{}` may scale down to {}, fewer than {minimum}", o.name, super::count(min, "replica")),
            None => format!(
                "HorizontalPodAutoscaler `{}` sets no `minReplicas`, so it may scale down to 1 replica, fewer than {minimum}",
                o.name
            ),
        };
        out.emit(
            Diagnostic::new(message, cx.at(path))
                .label("too few at low load")
                .help(format!("set `minReplicas` to at least {minimum}")),
        );
    }
}
