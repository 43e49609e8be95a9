//! What a PodDisruptionBudget asks for, read from the spanned tree: shared by the PDB rules.

use crate::rules::ObjectCx;
use crate::yaml::FieldPath;
use crate::yaml::Resolved;

/// `minAvailable` or `maxUnavailable` as written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Amount {
    Count(i64),
    Percent(i64),
}

impl Amount {
    /// What it comes to out of `total` pods. source: staging/src/k8s.io/apimachinery/pkg/util/
    /// intstr/intstr.go GetScaledValueFromIntOrPercent (the disruption controller rounds up)
    pub(super) fn of(self, total: i64) -> i64 {
        match self {
            Amount::Count(n) => n,
            Amount::Percent(p) => (p * total + 99) / 100,
        }
    }
}

/// Whether the object is a PodDisruptionBudget.
pub(super) fn is_pdb(cx: &ObjectCx<'_>) -> bool {
    cx.object.kind == "PodDisruptionBudget" && cx.object.group() == "policy"
}

/// `spec.<field>` as an amount, with its path; `None` when unset or not a number or `N%`.
pub(super) fn amount(cx: &ObjectCx<'_>, field: &str) -> Option<(Amount, FieldPath)> {
    let path = FieldPath::root().field("spec").field(field.to_string());
    let node = cx.node(&path)?;
    let a = match cx.doc.scalar(node)?.resolve() {
        Resolved::Int(n) => Amount::Count(n),
        Resolved::Str(s) => Amount::Percent(s.strip_suffix('%')?.parse().ok()?),
        _ => return None,
    };
    Some((a, path))
}

#[cfg(test)]
mod tests {
    use super::Amount;

    #[test]
    fn percentages_round_up_like_the_disruption_controller() {
        // source: apimachinery intstr.go GetScaledValueFromIntOrPercent(.., roundUp=true)
        assert_eq!(Amount::Percent(67).of(3), 3);
        assert_eq!(Amount::Percent(50).of(3), 2);
        assert_eq!(Amount::Percent(60).of(1), 1);
        assert_eq!(Amount::Percent(0).of(5), 0);
        assert_eq!(Amount::Percent(100).of(4), 4);
        assert_eq!(Amount::Count(2).of(10), 2);
    }
}
