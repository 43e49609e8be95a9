//! `service-immutable-field-changed`: an update of a Service that changes its cluster IPs
//! (including making it headless or not), its IP families, its `loadBalancerClass` or its
//! `healthCheckNodePort`; the API server refuses it.
//! source: pkg/apis/core/validation/validation.go ValidateServiceUpdate
//! (validateUpgradeDowngradeClusterIPs, validateUpgradeDowngradeIPFamilies,
//! validateLoadBalancerClassField), pkg/registry/core/service/storage/alloc.go
//! updateHealthCheckNodePort (`spec.healthCheckNodePort: Forbidden: field is immutable`).
//!
//! NEW is first completed as the service storage's `beginUpdate` does
//! (pkg/registry/core/service/storage/storage.go patchAllocatedValues, normalizeClusterIPs):
//! a manifest that omits the allocated clusterIP(s), nodePorts or healthCheckNodePort keeps
//! them. IP families and the family policy it omits are kept too (`kubectl apply` leaves
//! what it never set; `initIPFamilyFields` infers the same families from the kept IPs).

use serde_json::{Map, Value};

use crate::diagnostic::Diagnostic;
use crate::rules::{Rule, Sink, UpdateCx};
use crate::yaml::FieldPath;

pub(super) static RULE: ServiceImmutableFieldChanged = ServiceImmutableFieldChanged;

pub(super) struct ServiceImmutableFieldChanged;

const CHANGED: &str = "may not change once set";

/// A refusal: where it points in NEW, the API server's field, type and detail, the message.
struct Refusal {
    at: FieldPath,
    field: String,
    kind: &'static str,
    detail: &'static str,
    message: String,
    help: &'static str,
}

fn diagnostic(cx: &UpdateCx<'_>, r: Refusal) -> Diagnostic {
    // A field the manifest does not write has no node: point at `spec` rather than the object.
    let at = if cx.new.node(&r.at).is_some() {
        r.at
    } else {
        FieldPath::parse("spec")
    };
    Diagnostic::new(r.message, cx.at(at))
        .label("changed")
        .help(r.help)
        .api_error(r.field, r.kind, r.detail)
}

fn strs(spec: &Map<String, Value>, key: &str) -> Vec<String> {
    spec.get(key)
        .and_then(Value::as_array)
        .map(|a| {
            a.iter()
                .map(|v| v.as_str().unwrap_or_default().to_string())
                .collect()
        })
        .unwrap_or_default()
}

fn str_of<'v>(spec: &'v Map<String, Value>, key: &str) -> &'v str {
    spec.get(key).and_then(Value::as_str).unwrap_or("")
}

fn int_of(spec: &Map<String, Value>, key: &str) -> i64 {
    spec.get(key).and_then(Value::as_i64).unwrap_or(0)
}

fn quoted(list: &[String]) -> String {
    let items: Vec<String> = list.iter().map(|s| format!("`{s}`")).collect();
    if items.is_empty() {
        "unset".to_string()
    } else {
        items.join(", ")
    }
}

/// The fields the checks read, after the storage's completion of NEW.
struct Side {
    ty: String,
    cluster_ip: String,
    cluster_ips: Vec<String>,
    families: Vec<String>,
    policy: Option<String>,
    lb_class: Option<Value>,
    hc_port: i64,
    needs_hc: bool,
}

impl Side {
    fn read(spec: &Map<String, Value>) -> Side {
        let ty = str_of(spec, "type").to_string();
        let cluster_ip = str_of(spec, "clusterIP").to_string();
        let mut cluster_ips = strs(spec, "clusterIPs");
        // On create a lone clusterIP becomes the plural too (normalizeClusterIPs).
        if cluster_ips.is_empty() && !cluster_ip.is_empty() {
            cluster_ips.push(cluster_ip.clone());
        }
        let needs_hc =
            ty == "LoadBalancer" && str_of(spec, "externalTrafficPolicy") == "Local";
        Side {
            cluster_ip,
            cluster_ips,
            families: strs(spec, "ipFamilies"),
            policy: spec
                .get("ipFamilyPolicy")
                .and_then(Value::as_str)
                .map(String::from),
            lb_class: spec.get("loadBalancerClass").filter(|v| !v.is_null()).cloned(),
            hc_port: int_of(spec, "healthCheckNodePort"),
            needs_hc,
            ty,
        }
    }

    fn headless(&self) -> bool {
        self.ty == "ClusterIP" && self.cluster_ips.len() == 1 && self.cluster_ips[0] == "None"
    }
}

/// NEW as validation sees it: `patchAllocatedValues`, then `normalizeClusterIPs`; omitted
/// families and policy as OLD's.
fn complete(old: &Side, new_spec: &Map<String, Value>) -> Side {
    let mut new = Side::read(new_spec);
    let written_ips = !strs(new_spec, "clusterIPs").is_empty();
    if !written_ips {
        new.cluster_ips.clear();
    }
    if old.ty != "ExternalName" && new.ty != "ExternalName" {
        if new.cluster_ip.is_empty() {
            new.cluster_ip = old.cluster_ip.clone();
        }
        if new.cluster_ips.is_empty() {
            new.cluster_ips = old.cluster_ips.clone();
        }
        if old.needs_hc && new.needs_hc && new.hc_port == 0 {
            new.hc_port = old.hc_port;
        }
    }
    if old.cluster_ip != new.cluster_ip {
        if !old.cluster_ip.is_empty() && new.cluster_ip.is_empty() {
            new.cluster_ips.clear();
        } else if old.cluster_ips == new.cluster_ips {
            // An old client changed only the singular field.
            new.cluster_ips = vec![new.cluster_ip.clone()];
        }
    }
    if new.cluster_ips.is_empty() && !new.cluster_ip.is_empty() {
        new.cluster_ips.push(new.cluster_ip.clone());
    }
    if new_spec.get("ipFamilies").is_none_or(Value::is_null) {
        new.families = old.families.clone();
    }
    if new.policy.is_none() {
        new.policy = old.policy.clone();
    }
    new
}

fn cluster_ip_refusals(old: &Side, new: &Side, out: &mut Vec<Refusal>) {
    if old.ty == "ExternalName" || new.ty == "ExternalName" || (old.headless() && new.headless())
    {
        return;
    }
    let at = |i: usize| FieldPath::root().field("spec").field("clusterIPs").index(i);
    let primary_help = "keep the old clusterIP (or omit it); to change it, delete and recreate the Service";
    let changed = |i: usize| {
        let headless = old.headless() != new.headless();
        Refusal {
            at: if i == 0 && new.cluster_ip == new.cluster_ips[0] {
                FieldPath::parse("spec.clusterIP")
            } else {
                at(i)
            },
            field: at(i).to_string(),
            kind: "Invalid",
            detail: CHANGED,
            message: if headless {
                format!(
                    "a Service cannot become headless or stop being headless in place (`clusterIP` was `{}`)",
                    old.cluster_ips[i]
                )
            } else {
                format!(
                    "the cluster IP of a Service cannot change once set (it was `{}`)",
                    old.cluster_ips[i]
                )
            },
            help: primary_help,
        }
    };
    let (o, n) = (old.cluster_ips.len(), new.cluster_ips.len());
    if o == n {
        for i in 0..o {
            if old.cluster_ips[i] != new.cluster_ips[i] {
                out.push(changed(i));
            }
        }
    } else if o > n {
        if n == 0 {
            out.push(Refusal {
                at: FieldPath::parse("spec.clusterIP"),
                field: at(0).to_string(),
                kind: "Invalid",
                detail: "primary clusterIP can not be unset",
                message: format!(
                    "the cluster IP of a Service cannot be unset (it was {})",
                    quoted(&old.cluster_ips)
                ),
                help: primary_help,
            });
        } else if old.cluster_ips[0] != new.cluster_ips[0] {
            out.push(changed(0));
        }
        if n == 1 && new.policy.as_deref() != Some("SingleStack") {
            out.push(release_refusal(new, "clusterIP", &old.cluster_ips[1]));
        }
    } else if o > 0 && old.cluster_ips[0] != new.cluster_ips[0] {
        out.push(changed(0));
    }
}

fn release_refusal(new: &Side, what: &'static str, released: &str) -> Refusal {
    Refusal {
        at: FieldPath::parse("spec.ipFamilyPolicy"),
        field: "spec.ipFamilyPolicy".into(),
        kind: "Invalid",
        detail: if what == "clusterIP" {
            "must be set to 'SingleStack' when releasing the secondary clusterIP"
        } else {
            "must be set to 'SingleStack' when releasing the secondary ipFamily"
        },
        message: format!(
            "releasing the secondary {what} `{released}` needs `ipFamilyPolicy: SingleStack` (it is {})",
            new.policy
                .as_deref()
                .map_or("unset".to_string(), |p| format!("`{p}`"))
        ),
        help: "set `ipFamilyPolicy: SingleStack` in the same change",
    }
}

fn family_refusals(old: &Side, new: &Side, out: &mut Vec<Refusal>) {
    if old.ty == "ExternalName" || new.ty == "ExternalName" || old.headless() || new.headless() {
        return;
    }
    // The API server reports every family change at index 0.
    let field = "spec.ipFamilies[0]";
    let help = "keep the old IP families (or omit them); to change them, delete and recreate the Service";
    let changed = |i: usize| Refusal {
        at: FieldPath::root().field("spec").field("ipFamilies").index(i),
        field: field.into(),
        kind: "Invalid",
        detail: CHANGED,
        message: format!(
            "the IP families of a Service cannot change once set (`ipFamilies[{i}]` was `{}`)",
            old.families[i]
        ),
        help,
    };
    let (o, n) = (old.families.len(), new.families.len());
    if o == n {
        for i in 0..o {
            if old.families[i] != new.families[i] {
                out.push(changed(i));
            }
        }
    } else if o > n {
        if new.cluster_ips.is_empty() {
            out.push(Refusal {
                at: FieldPath::parse("spec.ipFamilies"),
                field: field.into(),
                kind: "Invalid",
                detail: "primary ipFamily can not be unset",
                message: format!(
                    "the IP families of a Service cannot be unset (they were {})",
                    quoted(&old.families)
                ),
                help,
            });
        }
        if n > 0 && old.families[0] != new.families[0] {
            out.push(changed(0));
        }
        if n == 1 && new.policy.as_deref() != Some("SingleStack") {
            out.push(release_refusal(new, "ipFamily", &old.families[1]));
        }
    } else if o > 0 && n > 0 && old.families[0] != new.families[0] {
        out.push(changed(0));
    }
}

fn other_refusals(old: &Side, new: &Side, out: &mut Vec<Refusal>) {
    if old.ty == "LoadBalancer" && new.ty == "LoadBalancer" && old.lb_class != new.lb_class {
        out.push(Refusal {
            at: FieldPath::parse("spec.loadBalancerClass"),
            field: "spec.loadBalancerClass".into(),
            kind: "Invalid",
            detail: CHANGED,
            message: format!(
                "the `loadBalancerClass` of a LoadBalancer Service cannot change (it was {})",
                old.lb_class
                    .as_ref()
                    .map_or("unset".to_string(), |v| format!("`{}`", v.as_str().unwrap_or_default()))
            ),
            help: "keep the old class, or delete and recreate the Service",
        });
    }
    if old.needs_hc && new.needs_hc && old.hc_port != 0 && old.hc_port != new.hc_port {
        out.push(Refusal {
            at: FieldPath::parse("spec.healthCheckNodePort"),
            field: "spec.healthCheckNodePort".into(),
            kind: "Forbidden",
            detail: "field is immutable",
            message: format!(
                "the `healthCheckNodePort` cannot change while the Service needs one (it was `{}`)",
                old.hc_port
            ),
            help: "omit `healthCheckNodePort` (the allocated one is kept)",
        });
    }
}

impl Rule for ServiceImmutableFieldChanged {
    fn id(&self) -> &str {
        "service-immutable-field-changed"
    }

    fn check_update(&self, cx: &UpdateCx<'_>, out: &mut Sink) {
        let o = cx.new.object;
        if o.kind != "Service" || !o.group().is_empty() {
            return;
        }
        let (Some(old), Some(new)) = (cx.old_defaulted(), cx.new_defaulted()) else {
            return;
        };
        let (Some(Value::Object(old_spec)), Some(Value::Object(new_spec))) =
            (old.get("spec"), new.get("spec"))
        else {
            return;
        };
        let old = Side::read(old_spec);
        let new = complete(&old, new_spec);
        let mut found = Vec::new();
        cluster_ip_refusals(&old, &new, &mut found);
        family_refusals(&old, &new, &mut found);
        other_refusals(&old, &new, &mut found);
        for r in found {
            out.emit(diagnostic(cx, r));
        }
    }
}
