//! The live cluster, read-only: the only module that opens a network connection, and only
//! when `--live` asks for it. It reads objects with GET through kube, honouring
//! `--kubeconfig`/`KUBECONFIG` and `--context` like kubectl; it never writes, and never
//! prints credentials (errors are reduced to what failed, without the configuration).

use std::path::PathBuf;
use std::time::Duration;

use kube::api::{Api, ApiResource, DynamicObject, GroupVersionKind};
use kube::config::{KubeConfigOptions, Kubeconfig};

use super::InputError;

#[derive(Debug, Clone, Default)]
pub struct LiveOptions {
    pub kubeconfig: Option<PathBuf>,
    pub context: Option<String>,
    pub namespace: Option<String>,
    pub timeout: Option<Duration>,
}

/// A connection to the cluster of the chosen context.
pub struct Live {
    runtime: tokio::runtime::Runtime,
    client: kube::Client,
    namespace: String,
    timeout: Duration,
}

fn err(message: impl Into<String>) -> InputError {
    InputError {
        name: "--live".into(),
        message: message.into(),
    }
}

/// Kinds that live outside namespaces (the ones a manifest commonly holds).
const CLUSTER_SCOPED: &[&str] = &[
    "Namespace",
    "Node",
    "PersistentVolume",
    "ClusterRole",
    "ClusterRoleBinding",
    "CustomResourceDefinition",
    "StorageClass",
    "PriorityClass",
    "IngressClass",
    "RuntimeClass",
    "MutatingWebhookConfiguration",
    "ValidatingWebhookConfiguration",
    "APIService",
    "CSIDriver",
    "VolumeAttachment",
];

impl Live {
    /// Reads the kubeconfig and prepares a client; nothing is sent yet.
    pub fn connect(opts: &LiveOptions) -> Result<Live, InputError> {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .map_err(|e| err(format!("cannot start the client: {e}")))?;
        let kubeconfig = match &opts.kubeconfig {
            Some(p) => Kubeconfig::read_from(p),
            None => Kubeconfig::read(),
        }
        .map_err(|_| err("cannot read the kubeconfig (check --kubeconfig or KUBECONFIG)"))?;
        let options = KubeConfigOptions {
            context: opts.context.clone(),
            ..KubeConfigOptions::default()
        };
        let config = runtime
            .block_on(kube::Config::from_custom_kubeconfig(kubeconfig, &options))
            .map_err(|_| match &opts.context {
                Some(c) => err(format!("cannot use context `{c}` of the kubeconfig")),
                None => err("cannot use the current context of the kubeconfig"),
            })?;
        let namespace = opts
            .namespace
            .clone()
            .unwrap_or_else(|| config.default_namespace.clone());
        let client = {
            let _guard = runtime.enter();
            kube::Client::try_from(config)
                .map_err(|_| err("cannot build a client for the cluster"))?
        };
        Ok(Live {
            runtime,
            client,
            namespace,
            timeout: opts.timeout.unwrap_or(Duration::from_secs(15)),
        })
    }

    /// The live object (GET), or `None` when it does not exist.
    pub fn get(
        &self,
        api_version: &str,
        kind: &str,
        namespace: Option<&str>,
        name: &str,
    ) -> Result<Option<serde_json::Value>, InputError> {
        let (group, version) = api_version.rsplit_once('/').unwrap_or(("", api_version));
        let ar = ApiResource::from_gvk(&GroupVersionKind::gvk(group, version, kind));
        let api: Api<DynamicObject> = if CLUSTER_SCOPED.contains(&kind) {
            Api::all_with(self.client.clone(), &ar)
        } else {
            Api::namespaced_with(
                self.client.clone(),
                namespace.unwrap_or(&self.namespace),
                &ar,
            )
        };
        let what = format!("{kind} {name}");
        let got = self
            .runtime
            .block_on(async { tokio::time::timeout(self.timeout, api.get_opt(name)).await })
            .map_err(|_| {
                err(format!(
                    "the cluster did not answer within {:?} (reading {what})",
                    self.timeout
                ))
            })?;
        match got {
            Ok(Some(o)) => serde_json::to_value(o)
                .map(Some)
                .map_err(|e| err(format!("cannot read the live {what}: {e}"))),
            Ok(None) => Ok(None),
            Err(kube::Error::Api(s)) => Err(err(format!(
                "the cluster refused to read {what}: {} ({})",
                s.message, s.code
            ))),
            Err(_) => Err(err(format!("cannot reach the cluster to read {what}"))),
        }
    }

    /// Every object of a kind across all namespaces (LIST), for the scheduling snapshot
    /// (`schedule --live`: nodes and pods).
    pub fn list_all(
        &self,
        api_version: &str,
        kind: &str,
    ) -> Result<Vec<serde_json::Value>, InputError> {
        let (group, version) = api_version.rsplit_once('/').unwrap_or(("", api_version));
        let ar = ApiResource::from_gvk(&GroupVersionKind::gvk(group, version, kind));
        let api: Api<DynamicObject> = Api::all_with(self.client.clone(), &ar);
        let what = format!("the {kind} list");
        let got = self
            .runtime
            .block_on(async {
                tokio::time::timeout(self.timeout, api.list(&kube::api::ListParams::default()))
                    .await
            })
            .map_err(|_| {
                err(format!(
                    "the cluster did not answer within {:?} (reading {what})",
                    self.timeout
                ))
            })?;
        match got {
            Ok(list) => list
                .items
                .into_iter()
                .map(|o| {
                    let mut v = serde_json::to_value(o)
                        .map_err(|e| err(format!("cannot read {what}: {e}")))?;
                    // Items of a list come without their type.
                    if let Some(m) = v.as_object_mut() {
                        m.insert("apiVersion".into(), api_version.into());
                        m.insert("kind".into(), kind.into());
                    }
                    Ok(v)
                })
                .collect(),
            Err(kube::Error::Api(s)) => Err(err(format!(
                "the cluster refused to list {}: {} ({})",
                kind, s.message, s.code
            ))),
            Err(_) => Err(err(format!("cannot reach the cluster to read {what}"))),
        }
    }
}
