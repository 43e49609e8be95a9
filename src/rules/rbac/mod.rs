//! RBAC rules: Roles and ClusterRoles that grant too much, and bindings to roles that do.
//! Grants are read as the authorizer evaluates them: `*` matches any API group, resource
//! or verb, and `*/sub` any resource's subresource `sub`.
//! source: pkg/apis/rbac/v1/evaluation_helpers.go VerbMatches, APIGroupMatches,
//! ResourceMatches

use serde_json::Value;

use crate::rules::ObjectCx;
use crate::yaml::FieldPath;

super::native_rules! {
    cluster_admin_binding,
    rbac_create_pods,
    rbac_pod_exec,
    rbac_secrets_access,
    rbac_wildcard,
}

const GROUP: &str = "rbac.authorization.k8s.io";

/// One rule of a Role or ClusterRole: its strings with their positions.
struct PolicyRule<'a> {
    path: FieldPath,
    api_groups: Vec<&'a str>,
    resources: Vec<&'a str>,
    verbs: Vec<&'a str>,
    resource_names: usize,
}

fn strings<'a>(v: &'a Value, key: &str) -> Vec<&'a str> {
    v.get(key)
        .and_then(Value::as_array)
        .map(|a| a.iter().map(|s| s.as_str().unwrap_or("")).collect())
        .unwrap_or_default()
}

impl<'a> PolicyRule<'a> {
    /// Index of the first verb among `verbs` (or `*`).
    fn verb(&self, verbs: &[&str]) -> Option<usize> {
        self.verbs
            .iter()
            .position(|v| *v == "*" || verbs.contains(v))
    }

    fn group(&self, groups: &[&str]) -> bool {
        self.api_groups
            .iter()
            .any(|g| *g == "*" || groups.contains(g))
    }

    /// Index of the first resource entry that names `resource` (`pods` or `pods/exec`), or
    /// its subresource as `*/exec`. A bare `*` is left to `rbac-wildcard`, which reports it
    /// once instead of once for each thing it grants.
    fn resource(&self, resource: &str) -> Option<usize> {
        let sub = resource.split_once('/').map(|(_, s)| s);
        self.resources
            .iter()
            .position(|r| *r == resource || sub.is_some_and(|s| r.strip_prefix("*/") == Some(s)))
    }

    fn at(&self, field: &str, i: usize) -> FieldPath {
        self.path.clone().field(field.to_string()).index(i)
    }
}

/// The rules of a Role or ClusterRole (none for other objects, and none for an aggregated
/// ClusterRole, whose rules the controller manager writes).
fn policy_rules<'a>(cx: &'a ObjectCx<'_>) -> Vec<PolicyRule<'a>> {
    let o = cx.object;
    if o.group() != GROUP || !matches!(o.kind.as_str(), "Role" | "ClusterRole") {
        return Vec::new();
    }
    let Some(json) = cx.json() else {
        return Vec::new();
    };
    if json.get("aggregationRule").is_some_and(|a| !a.is_null()) {
        return Vec::new();
    }
    let Some(rules) = json.get("rules").and_then(Value::as_array) else {
        return Vec::new();
    };
    rules
        .iter()
        .enumerate()
        .map(|(i, r)| PolicyRule {
            path: FieldPath::parse("rules").index(i),
            api_groups: strings(r, "apiGroups"),
            resources: strings(r, "resources"),
            verbs: strings(r, "verbs"),
            resource_names: strings(r, "resourceNames").len(),
        })
        .collect()
}

/// `roleRef` of a RoleBinding or ClusterRoleBinding: (kind, name).
fn role_ref<'a>(cx: &'a ObjectCx<'_>) -> Option<(&'a str, &'a str)> {
    let o = cx.object;
    if o.group() != GROUP || !matches!(o.kind.as_str(), "RoleBinding" | "ClusterRoleBinding") {
        return None;
    }
    let r = cx.json()?.get("roleRef")?;
    Some((r.get("kind")?.as_str()?, r.get("name")?.as_str()?))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rule<'a>(groups: &[&'a str], resources: &[&'a str], verbs: &[&'a str]) -> PolicyRule<'a> {
        PolicyRule {
            path: FieldPath::parse("rules").index(0),
            api_groups: groups.to_vec(),
            resources: resources.to_vec(),
            verbs: verbs.to_vec(),
            resource_names: 0,
        }
    }

    // source: pkg/apis/rbac/v1/evaluation_helpers.go ResourceMatches (`*/sub` matches the
    // subresource `sub` of any resource; `pods` does not grant `pods/exec`)
    #[test]
    fn resources_match_as_the_authorizer_matches_them() {
        let r = rule(&[""], &["pods", "*/exec"], &["get"]);
        assert_eq!(r.resource("pods"), Some(0));
        assert_eq!(r.resource("pods/exec"), Some(1));
        assert_eq!(r.resource("pods/attach"), None);
        assert_eq!(rule(&[""], &["pods"], &["get"]).resource("pods/exec"), None);
        // A bare `*` is rbac-wildcard's to report.
        assert_eq!(rule(&[""], &["*"], &["get"]).resource("secrets"), None);
    }

    #[test]
    fn verbs_and_groups_accept_the_wildcard() {
        let r = rule(&["*"], &["pods"], &["list", "*"]);
        assert_eq!(r.verb(&["create"]), Some(1));
        assert!(r.group(&["apps"]));
        let r = rule(&["apps"], &["deployments"], &["get"]);
        assert_eq!(r.verb(&["create"]), None);
        assert!(!r.group(&[""]));
    }
}
