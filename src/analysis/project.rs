//! A live object seen against a manifest as `kubectl apply` sees it: only the fields the
//! manifest sets, so that what the server added (a `clusterIP`, `status`, defaulted fields,
//! managed fields) is never taken for a change. Lists of named items are matched by `name`.

use serde_json::{Map, Value};

pub fn project(live: &Value, manifest: &Value) -> Value {
    match (live, manifest) {
        (Value::Object(l), Value::Object(m)) => {
            let mut out = Map::new();
            for (k, mv) in m {
                if let Some(lv) = l.get(k) {
                    out.insert(k.clone(), project(lv, mv));
                }
            }
            Value::Object(out)
        }
        (Value::Array(l), Value::Array(m)) => Value::Array(
            m.iter()
                .enumerate()
                .filter_map(|(i, mi)| {
                    let li = match mi.get("name") {
                        Some(n) => l.iter().find(|x| x.get("name") == Some(n)),
                        None => l.get(i),
                    };
                    li.map(|li| project(li, mi))
                })
                .collect(),
        ),
        (l, _) => l.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::project;
    use serde_json::json;

    #[test]
    fn keeps_only_what_the_manifest_sets() {
        let live = json!({"spec": {"clusterIP": "10.0.0.1", "ports": [{"name": "http", "port": 80, "nodePort": 30080}], "type": "ClusterIP"},
                          "status": {"loadBalancer": {}}, "metadata": {"name": "s", "uid": "u", "resourceVersion": "1"}});
        let manifest = json!({"spec": {"ports": [{"name": "http", "port": 8080}], "type": "ClusterIP"}, "metadata": {"name": "s"}});
        assert_eq!(
            project(&live, &manifest),
            json!({"spec": {"ports": [{"name": "http", "port": 80}], "type": "ClusterIP"}, "metadata": {"name": "s"}})
        );
    }
}
