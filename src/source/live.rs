//! The live cluster, read-only: the only module that opens a network connection, and only
//! when `--live` asks for it. It reads objects with GET through kube, honouring
//! `--kubeconfig`/`KUBECONFIG` and `--context` like kubectl; it never writes, and never
//! prints credentials (errors are reduced to what failed, without the configuration).
//!
//! The kubeconfig files (`--kubeconfig`, each path of `KUBECONFIG`, or `~/.kube/config`) and
//! the certificate, key and token files the chosen context names are read here within
//! `--max-file-size`, not by kube: kube reads a whole file into memory, so `/dev/zero` or a
//! sparse file would cost its size (invariant 4).

use std::io::Read;
use std::path::{Path, PathBuf};
use std::time::Duration;

use kube::api::{Api, ApiResource, DynamicObject, GroupVersionKind};
use kube::config::{KubeConfigOptions, Kubeconfig};

use super::InputError;

#[derive(Debug, Clone)]
pub struct LiveOptions {
    pub kubeconfig: Option<PathBuf>,
    pub context: Option<String>,
    pub namespace: Option<String>,
    pub timeout: Option<Duration>,
    /// The largest kubeconfig (and file it names) read, in bytes: `--max-file-size`.
    pub max_file_size: u64,
    /// How to raise `max_file_size`, for the error that says a file is over it.
    pub raise: &'static str,
}

impl Default for LiveOptions {
    fn default() -> Self {
        LiveOptions {
            kubeconfig: None,
            context: None,
            namespace: None,
            timeout: None,
            max_file_size: super::DEFAULT_MAX_FILE_SIZE,
            raise: "raise --max-file-size",
        }
    }
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

/// The kubeconfig as kube's `Kubeconfig::read_from`/`Kubeconfig::read` would build it (the
/// same files, merged in the same order, relative paths taken from each file's directory), but
/// each file read within `opts.max_file_size`.
fn read_kubeconfig(opts: &LiveOptions) -> Result<Kubeconfig, InputError> {
    let paths: Vec<PathBuf> = match &opts.kubeconfig {
        Some(p) => vec![p.clone()],
        None => {
            let from_env: Vec<PathBuf> = std::env::var_os("KUBECONFIG")
                .map(|v| {
                    std::env::split_paths(&v)
                        .filter(|p| !p.as_os_str().is_empty())
                        .collect()
                })
                .unwrap_or_default();
            if from_env.is_empty() {
                let home = std::env::home_dir().ok_or_else(|| {
                    err("cannot find the kubeconfig (give --kubeconfig or set KUBECONFIG)")
                })?;
                vec![home.join(".kube").join("config")]
            } else {
                from_env
            }
        }
    };
    let mut merged = Kubeconfig::default();
    for path in &paths {
        let mut config = read_one(path, opts)?;
        if let Some(dir) = path.parent() {
            absolutize(&mut config, dir);
        }
        merged = merged.merge(config).map_err(|_| {
            err(format!(
                "cannot merge the kubeconfig {} with the ones before it",
                path.display()
            ))
        })?;
    }
    Ok(merged)
}

/// Reads one kubeconfig file within the limit and parses it. Errors name the file, never
/// its content (it holds credentials).
fn read_one(path: &Path, opts: &LiveOptions) -> Result<Kubeconfig, InputError> {
    let bytes = read_bounded(path, "kubeconfig", opts)?;
    let text = decode(bytes).ok_or_else(|| {
        err(format!(
            "the kubeconfig {} is neither UTF-8 nor UTF-16 text",
            path.display()
        ))
    })?;
    Kubeconfig::from_yaml(&text)
        .map_err(|_| err(format!("cannot parse the kubeconfig {}", path.display())))
}

/// Reads `path` whole, but never more than `opts.max_file_size` bytes (and one to tell).
fn read_bounded(path: &Path, what: &str, opts: &LiveOptions) -> Result<Vec<u8>, InputError> {
    // Refused before reading when its size is known; a device or a file that grows is
    // refused after `max_file_size` bytes.
    if std::fs::metadata(path).is_ok_and(|m| m.is_file() && m.len() > opts.max_file_size) {
        return Err(too_large(path, what, opts));
    }
    std::fs::File::open(path)
        .map_err(|e| super::Limited::Io(super::io_message(&e)))
        .and_then(|f| super::read_limited(f, opts.max_file_size))
        .map_err(|e| match e {
            super::Limited::TooLarge(_) => too_large(path, what, opts),
            super::Limited::Io(m) => err(format!(
                "cannot read the {what} {}: {m} (check --kubeconfig or KUBECONFIG)",
                path.display()
            )),
        })
}

fn too_large(path: &Path, what: &str, opts: &LiveOptions) -> InputError {
    err(format!(
        "the {what} {} is larger than {} bytes, the most an input file may be ({})",
        path.display(),
        opts.max_file_size,
        opts.raise
    ))
}

/// Whether `path` is over the limit, found by reading at most one byte past it and keeping
/// none of it. `false` when it cannot be read.
fn over_limit(path: &Path, max: u64) -> bool {
    if let Ok(m) = std::fs::metadata(path) {
        if m.is_file() {
            return m.len() > max;
        }
    }
    std::fs::File::open(path).is_ok_and(|f| {
        std::io::copy(&mut f.take(max.saturating_add(1)), &mut std::io::sink())
            .is_ok_and(|n| n > max)
    })
}

/// The text of a kubeconfig, with the byte-order marks kube accepts (UTF-8, UTF-16 LE/BE).
fn decode(bytes: Vec<u8>) -> Option<String> {
    let utf16 = |rest: &[u8], from: fn([u8; 2]) -> u16| {
        let units: Vec<u16> = rest
            .chunks(2)
            .map(|c| from([c[0], c.get(1).copied().unwrap_or(0)]))
            .collect();
        String::from_utf16(&units).ok()
    };
    match bytes.as_slice() {
        [0xFF, 0xFE, rest @ ..] => utf16(rest, u16::from_le_bytes),
        [0xFE, 0xFF, rest @ ..] => utf16(rest, u16::from_be_bytes),
        [0xEF, 0xBB, 0xBF, rest @ ..] => String::from_utf8(rest.to_vec()).ok(),
        _ => String::from_utf8(bytes).ok(),
    }
}

/// Relative file paths in a kubeconfig are relative to its directory, as kube's `read_from`
/// (and client-go's `GetAuthInfoFileReferences`) take them: certificate authority, client
/// certificate and key, token file, and an exec command that contains a path separator.
fn absolutize(config: &mut Kubeconfig, dir: &Path) {
    let fix = |p: &mut Option<String>| {
        if let Some(rel) = p.as_deref().filter(|r| Path::new(r).is_relative()) {
            if let Some(abs) = dir.join(rel).to_str() {
                *p = Some(abs.to_owned());
            }
        }
    };
    for named in &mut config.clusters {
        if let Some(cluster) = &mut named.cluster {
            fix(&mut cluster.certificate_authority);
        }
    }
    for named in &mut config.auth_infos {
        if let Some(auth) = &mut named.auth_info {
            fix(&mut auth.client_certificate);
            fix(&mut auth.client_key);
            fix(&mut auth.token_file);
            if let Some(exec) = &mut auth.exec {
                if exec
                    .command
                    .as_deref()
                    .is_some_and(|c| c.contains(std::path::MAIN_SEPARATOR))
                {
                    fix(&mut exec.command);
                }
            }
        }
    }
}

/// The files that the chosen context's cluster and user name and that kube will read whole
/// (certificate authority, client certificate and key, token file) are checked against the
/// limit first, without keeping them; kube then reads them. A file changed in between could
/// dodge the check, a device or a sparse file cannot. A file that cannot be read is left for
/// kube to report, as it would without this check.
fn check_named_files(config: &Kubeconfig, opts: &LiveOptions) -> Result<(), InputError> {
    let Some(context) = opts
        .context
        .as_ref()
        .or(config.current_context.as_ref())
        .and_then(|name| config.contexts.iter().find(|c| &c.name == name))
        .and_then(|c| c.context.as_ref())
    else {
        return Ok(());
    };
    let mut files: Vec<(&str, &str)> = Vec::new();
    let cluster = config
        .clusters
        .iter()
        .find(|c| c.name == context.cluster)
        .and_then(|c| c.cluster.as_ref());
    if let Some(c) = cluster.filter(|c| c.certificate_authority_data.is_none()) {
        files.extend(
            c.certificate_authority
                .as_deref()
                .map(|f| ("certificate authority file", f)),
        );
    }
    let user = context.user.as_ref().and_then(|u| {
        config
            .auth_infos
            .iter()
            .find(|a| &a.name == u)
            .and_then(|a| a.auth_info.as_ref())
    });
    if let Some(a) = user {
        if a.client_certificate_data.is_none() {
            files.extend(
                a.client_certificate
                    .as_deref()
                    .map(|f| ("client certificate file", f)),
            );
        }
        if a.client_key_data.is_none() {
            files.extend(a.client_key.as_deref().map(|f| ("client key file", f)));
        }
        if a.token.is_none() {
            files.extend(a.token_file.as_deref().map(|f| ("token file", f)));
        }
    }
    match files
        .into_iter()
        .find(|(_, f)| over_limit(Path::new(f), opts.max_file_size))
    {
        Some((what, f)) => Err(too_large(Path::new(f), what, opts)),
        None => Ok(()),
    }
}

impl Live {
    /// Reads the kubeconfig and prepares a client; nothing is sent yet.
    pub fn connect(opts: &LiveOptions) -> Result<Live, InputError> {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .map_err(|e| err(format!("cannot start the client: {e}")))?;
        let kubeconfig = read_kubeconfig(opts)?;
        check_named_files(&kubeconfig, opts)?;
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
