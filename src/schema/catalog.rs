//! The embedded schema data and what it tells about API versions.

use std::collections::BTreeSet;
use std::io::Read;
use std::sync::OnceLock;

use serde::Deserialize;
use serde_json::value::RawValue;
use serde_json::Value;

use crate::model::Version;

use super::hash::NameHash;

/// The catalog's tables, by name or GVK, with a cheap hash.
type HashMap<K, V> = std::collections::HashMap<K, V, NameHash>;

static DATA: &[u8] = include_bytes!("../../data/kubernetes-schemas.json.gz");

/// Group, version and kind of a built-in type.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Gvk {
    pub group: String,
    pub version: String,
    pub kind: String,
}

impl Gvk {
    pub fn parse(api_version: &str, kind: &str) -> Gvk {
        let (group, version) = match api_version.rsplit_once('/') {
            Some((g, v)) => (g.to_string(), v.to_string()),
            None => (String::new(), api_version.to_string()),
        };
        Gvk {
            group,
            version,
            kind: kind.to_string(),
        }
    }

    pub fn api_version(&self) -> String {
        if self.group.is_empty() {
            self.version.clone()
        } else {
            format!("{}/{}", self.group, self.version)
        }
    }
}

/// Every version's definitions, shared.
pub struct Catalog {
    pub source: String,
    definitions: Vec<Definition>,
    versions: Vec<(Version, HashMap<String, usize>)>,
    /// For each built-in GVK, the versions (of ours) that serve it.
    served: HashMap<Gvk, BTreeSet<Version>>,
    /// GVK → definition name, per version index.
    by_gvk: Vec<HashMap<Gvk, String>>,
}

/// The schemas of one Kubernetes version.
pub struct Schemas<'a> {
    catalog: &'a Catalog,
    index: usize,
}

impl<'a> Schemas<'a> {
    pub fn definition(&self, name: &str) -> Option<&'a Value> {
        let i = *self.catalog.versions[self.index].1.get(name)?;
        self.catalog.definitions.get(i).map(Definition::value)
    }

    /// Which of the catalog's versions these are: the same schema text may be shared by
    /// versions whose `$ref`s lead to different definitions.
    pub fn version_index(&self) -> usize {
        self.index
    }

    /// The definition of a built-in object type, if this version serves it.
    pub fn object(&self, gvk: &Gvk) -> Option<(&'a str, &'a Value)> {
        let name = self.catalog.by_gvk[self.index].get(gvk)?;
        Some((name.as_str(), self.definition(name)?))
    }
}

/// Whether a version serves an `apiVersion`/`kind`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ApiStatus {
    Served,
    /// Served now, but not by the newest version we know: the first one without it.
    Deprecated {
        removed_in: Version,
    },
    /// No longer served: the first version without it.
    Removed {
        removed_in: Version,
    },
    /// Not served yet: the first version with it.
    NotYet {
        added_in: Version,
    },
    /// A built-in group that never had this kind (in any version we know).
    UnknownKind,
    /// Not a built-in group: a custom resource.
    Custom,
}

/// One definition of the embedded data: kept as its JSON text until a check first asks for
/// it (a run reads a few dozen of the 1,278), then parsed once. Once parsed it never moves, so
/// its address stays its own (the schema walker keeps what it read of it by address).
struct Definition {
    text: Box<RawValue>,
    value: OnceLock<Value>,
}

impl Definition {
    fn value(&self) -> &Value {
        self.value.get_or_init(|| {
            serde_json::from_str(self.text.get()).expect("embedded schema data is JSON")
        })
    }
}

/// The embedded data, with each definition left as text.
#[derive(Deserialize)]
struct Data {
    #[serde(default)]
    source: String,
    definitions: Vec<Box<RawValue>>,
    /// Per version: definition name → index into `definitions`.
    versions: HashMap<String, HashMap<String, usize>>,
}

/// What the version tables need of a definition: its group, version and kind (the other
/// fields are skipped over without being built).
#[derive(Deserialize)]
struct GvkOnly {
    #[serde(rename = "x-kubernetes-group-version-kind", default)]
    gvks: Vec<GvkText>,
}

#[derive(Deserialize)]
struct GvkText {
    #[serde(default)]
    group: String,
    #[serde(default)]
    version: String,
    #[serde(default)]
    kind: String,
}

fn load() -> Catalog {
    let mut json = Vec::new();
    // The data is part of the binary; failing to read it is a build defect, not an input error.
    flate2::read::GzDecoder::new(DATA)
        .read_to_end(&mut json)
        .expect("embedded schema data is valid gzip");
    let data: Data = serde_json::from_slice(&json).expect("embedded schema data is JSON");
    let mut versions: Vec<(Version, HashMap<String, usize>)> = data
        .versions
        .into_iter()
        .filter_map(|(k, table)| Some((parse_version(&k)?, table)))
        .collect();
    versions.sort_by_key(|(v, _)| *v);
    // The one GVK of each definition that has exactly one (shared meta types such as
    // DeleteOptions and WatchEvent list many; objects list one).
    let gvks: Vec<Option<Gvk>> = data
        .definitions
        .iter()
        .map(|d| {
            // Only object types carry the extension: the others need not be read at all.
            if !d.get().contains("\"x-kubernetes-group-version-kind\"") {
                return None;
            }
            let mut only: GvkOnly =
                serde_json::from_str(d.get()).expect("embedded schema data is JSON");
            if only.gvks.len() != 1 {
                return None;
            }
            let g = only.gvks.pop()?;
            Some(Gvk {
                group: g.group,
                version: g.version,
                kind: g.kind,
            })
        })
        .collect();
    let mut served: HashMap<Gvk, BTreeSet<Version>> = HashMap::default();
    let mut by_gvk = Vec::new();
    for (version, table) in &versions {
        let mut idx = HashMap::default();
        for (name, i) in table {
            let Some(Some(gvk)) = gvks.get(*i) else {
                continue;
            };
            served.entry(gvk.clone()).or_default().insert(*version);
            idx.insert(gvk.clone(), name.clone());
        }
        by_gvk.push(idx);
    }
    Catalog {
        source: data.source,
        definitions: data
            .definitions
            .into_iter()
            .map(|text| Definition {
                text,
                value: OnceLock::new(),
            })
            .collect(),
        versions,
        served,
        by_gvk,
    }
}

/// API versions removed by 1.25, before the oldest schemas we embed: (apiVersion, kinds,
/// the release that stopped serving them).
/// source: website content/en/docs/reference/using-api/deprecation-guide.md
const REMOVED_EARLY: &[(&str, &[&str], Version)] = &[
    (
        "extensions/v1beta1",
        &[
            "Deployment",
            "DaemonSet",
            "ReplicaSet",
            "NetworkPolicy",
            "PodSecurityPolicy",
        ],
        (1, 16),
    ),
    (
        "apps/v1beta1",
        &["Deployment", "StatefulSet", "ReplicaSet", "DaemonSet"],
        (1, 16),
    ),
    (
        "apps/v1beta2",
        &["Deployment", "StatefulSet", "ReplicaSet", "DaemonSet"],
        (1, 16),
    ),
    ("extensions/v1beta1", &["Ingress"], (1, 22)),
    (
        "networking.k8s.io/v1beta1",
        &["Ingress", "IngressClass"],
        (1, 22),
    ),
    (
        "admissionregistration.k8s.io/v1beta1",
        &[
            "MutatingWebhookConfiguration",
            "ValidatingWebhookConfiguration",
        ],
        (1, 22),
    ),
    (
        "apiextensions.k8s.io/v1beta1",
        &["CustomResourceDefinition"],
        (1, 22),
    ),
    ("apiregistration.k8s.io/v1beta1", &["APIService"], (1, 22)),
    ("authentication.k8s.io/v1beta1", &["TokenReview"], (1, 22)),
    (
        "authorization.k8s.io/v1beta1",
        &[
            "LocalSubjectAccessReview",
            "SelfSubjectAccessReview",
            "SubjectAccessReview",
        ],
        (1, 22),
    ),
    (
        "certificates.k8s.io/v1beta1",
        &["CertificateSigningRequest"],
        (1, 22),
    ),
    ("coordination.k8s.io/v1beta1", &["Lease"], (1, 22)),
    (
        "rbac.authorization.k8s.io/v1beta1",
        &["ClusterRole", "ClusterRoleBinding", "Role", "RoleBinding"],
        (1, 22),
    ),
    ("scheduling.k8s.io/v1beta1", &["PriorityClass"], (1, 22)),
    (
        "storage.k8s.io/v1beta1",
        &["CSIDriver", "CSINode", "StorageClass", "VolumeAttachment"],
        (1, 22),
    ),
    ("batch/v1beta1", &["CronJob"], (1, 25)),
    ("discovery.k8s.io/v1beta1", &["EndpointSlice"], (1, 25)),
    ("events.k8s.io/v1beta1", &["Event"], (1, 25)),
    ("autoscaling/v2beta1", &["HorizontalPodAutoscaler"], (1, 25)),
    (
        "policy/v1beta1",
        &["PodDisruptionBudget", "PodSecurityPolicy"],
        (1, 25),
    ),
    ("node.k8s.io/v1beta1", &["RuntimeClass"], (1, 25)),
];

fn parse_version(s: &str) -> Option<Version> {
    let (a, b) = s.split_once('.')?;
    Some((a.parse().ok()?, b.parse().ok()?))
}

/// The embedded catalog, decompressed and indexed once.
pub fn catalog() -> &'static Catalog {
    static CATALOG: OnceLock<Catalog> = OnceLock::new();
    CATALOG.get_or_init(load)
}

/// The API groups built into Kubernetes (in any version we know).
pub fn built_in_groups() -> &'static BTreeSet<String> {
    static GROUPS: OnceLock<BTreeSet<String>> = OnceLock::new();
    GROUPS.get_or_init(|| catalog().served.keys().map(|g| g.group.clone()).collect())
}

impl Catalog {
    /// The schemas of `version`, or of the nearest version we have.
    pub fn schemas(&self, version: Version) -> Schemas<'_> {
        let index = self
            .versions
            .iter()
            .rposition(|(v, _)| *v <= version)
            .unwrap_or(0);
        Schemas {
            catalog: self,
            index,
        }
    }

    pub fn newest(&self) -> Version {
        self.versions
            .last()
            .map_or(crate::model::NEWEST, |(v, _)| *v)
    }

    /// Whether `version` serves `gvk`, and if not, since or until when.
    pub fn status(&self, gvk: &Gvk, version: Version) -> ApiStatus {
        let Some(set) = self.served.get(gvk) else {
            let api = gvk.api_version();
            if let Some((_, _, removed)) = REMOVED_EARLY
                .iter()
                .find(|(a, kinds, _)| *a == api && kinds.contains(&gvk.kind.as_str()))
            {
                return ApiStatus::Removed {
                    removed_in: *removed,
                };
            }
            return if built_in_groups().contains(&gvk.group) {
                ApiStatus::UnknownKind
            } else {
                ApiStatus::Custom
            };
        };
        let next = |v: Version| {
            self.versions
                .iter()
                .map(|(x, _)| *x)
                .find(|x| *x > v)
                .unwrap_or((v.0, v.1 + 1))
        };
        let last = *set.iter().next_back().unwrap_or(&version);
        let first = *set.iter().next().unwrap_or(&version);
        if set.contains(&version) {
            if last < self.newest() {
                ApiStatus::Deprecated {
                    removed_in: next(last),
                }
            } else {
                ApiStatus::Served
            }
        } else if version > last {
            ApiStatus::Removed {
                removed_in: next(last),
            }
        } else if version < first {
            ApiStatus::NotYet { added_in: first }
        } else {
            // A gap (served, dropped, served again): say it is not served.
            ApiStatus::Removed {
                removed_in: version,
            }
        }
    }

    /// The kinds a group serves in `version`.
    pub fn kinds_in(&self, group: &str, version: Version) -> Vec<String> {
        let mut v: Vec<String> = self
            .served
            .iter()
            .filter(|(g, set)| g.group == group && set.contains(&version))
            .map(|(g, _)| g.kind.clone())
            .collect();
        v.sort();
        v.dedup();
        v
    }

    /// The `apiVersion`s that `version` serves for `kind`, preferring `group`.
    pub fn alternatives(&self, kind: &str, group: &str, version: Version) -> Vec<String> {
        let mut v: Vec<(bool, String)> = self
            .served
            .iter()
            .filter(|(g, set)| g.kind == kind && set.contains(&version))
            .map(|(g, _)| (g.group != group, g.api_version()))
            .collect();
        v.sort();
        v.into_iter().map(|(_, a)| a).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // source: the Kubernetes deprecated API migration guide
    // (website content/en/docs/reference/using-api/deprecation-guide.md)
    #[test]
    fn removed_and_served_api_versions() {
        let c = catalog();
        let ext = Gvk::parse("extensions/v1beta1", "Deployment");
        assert_eq!(
            c.status(&ext, (1, 35)),
            ApiStatus::Removed {
                removed_in: (1, 16)
            }
        );
        // Removed after 1.25: known from the embedded schemas themselves.
        let hpa = Gvk::parse("autoscaling/v2beta2", "HorizontalPodAutoscaler");
        assert_eq!(
            c.status(&hpa, (1, 30)),
            ApiStatus::Removed {
                removed_in: (1, 26)
            }
        );
        assert_eq!(
            c.status(&hpa, (1, 25)),
            ApiStatus::Deprecated {
                removed_in: (1, 26)
            }
        );
        let pdb = Gvk::parse("policy/v1beta1", "PodDisruptionBudget");
        assert_eq!(
            c.status(&pdb, (1, 25)),
            ApiStatus::Removed {
                removed_in: (1, 25)
            }
        );
        let dep = Gvk::parse("apps/v1", "Deployment");
        assert_eq!(c.status(&dep, (1, 30)), ApiStatus::Served);
        assert_eq!(
            c.status(&Gvk::parse("example.com/v1", "Widget"), (1, 30)),
            ApiStatus::Custom
        );
        assert_eq!(
            c.status(&Gvk::parse("apps/v1", "Deploymnt"), (1, 30)),
            ApiStatus::UnknownKind
        );
        assert_eq!(
            c.alternatives("PodDisruptionBudget", "policy", (1, 30)),
            vec!["policy/v1".to_string()]
        );
        assert!(c.schemas((1, 33)).object(&dep).is_some());
    }
}
