//! `missing-config-key`: a pod needs a key (env `valueFrom` `configMapKeyRef`/`secretKeyRef`,
//! or an `items[].key` of a `configMap`, `secret` or `projected` volume) that the ConfigMap
//! or Secret of the input does not have. References marked `optional: true` are never
//! reported; a ConfigMap or Secret that is not in the input is `dangling-config-reference`'s.
//! An env reference reads a ConfigMap's `data` only (a `binaryData` key does not count).
//! source: pkg/kubelet/kubelet_pods.go makeEnvironmentVariables ("couldn't find key %v in
//! ConfigMap %v/%v", from `configMap.Data[key]`: CreateContainerConfigError);
//! pkg/volume/configmap/configmap.go MakePayload (items from data and binaryData)

use serde_json::Value;

use crate::diagnostic::Diagnostic;
use crate::rules::{PodCx, Rule, Sink};

use super::dangling_config_reference::{has_key, references};

pub(super) static RULE: MissingConfigKey = MissingConfigKey;

pub(super) struct MissingConfigKey;

impl Rule for MissingConfigKey {
    fn id(&self) -> &str {
        "missing-config-key"
    }

    fn check_pod(&self, cx: &PodCx<'_>, out: &mut Sink) {
        let Some(spec) = cx.json() else { return };
        let o = cx.object.object;
        let ws = cx.object.workspace;
        // The objects a (kind, name) names, as JSON, built once per pod: ten thousand
        // references to one large ConfigMap must not convert it ten thousand times.
        let mut named: std::collections::HashMap<(&str, &str), Vec<Value>> =
            std::collections::HashMap::new();
        for r in references(spec) {
            if r.keys.is_empty() {
                continue;
            }
            let found = named.entry((r.kind, r.name)).or_insert_with(|| {
                ws.index()
                    .named(ws, r.kind, o.namespace.as_deref(), r.name)
                    .filter(|x| x.object.group().is_empty())
                    .filter_map(|x| x.json())
                    .collect()
            });
            if found.is_empty() {
                continue;
            }
            for (at, key) in r.keys {
                if !found.iter().any(|f| has_key(f, key, r.env)) {
                    out.emit(
                        Diagnostic::new(format!("{} `{}` has no key `{key}`", r.kind, r.name), cx.at(&at))
                            .label("no such key")
                            .help(format!("add `{key}` to the {}, use one of its keys, or mark the reference `optional: true`", r.kind)),
                    );
                }
            }
        }
    }
}
