//! `invalid-volume-source`: a volume with more than one source (`configMap` and `secret`,
//! say); the API server refuses every source after the first, in its own order. A volume
//! with no source at all is not refused: it is defaulted to an `emptyDir`.
//! source: pkg/apis/core/validation/validation.go validateVolumeSource;
//! pkg/apis/core/v1/defaults.go SetDefaults_Volume

use crate::diagnostic::Diagnostic;
use crate::rules::{PodCx, Rule, Sink};
use crate::yaml::FieldPath;

pub(super) static RULE: InvalidVolumeSource = InvalidVolumeSource;

pub(super) struct InvalidVolumeSource;

/// The sources in the order validateVolumeSource checks them: the YAML key, and the field
/// name its error carries (which has two misspellings in the source).
const SOURCES: &[(&str, &str)] = &[
    ("emptyDir", "emptyDir"),
    ("hostPath", "hostPath"),
    ("gitRepo", "gitRepo"),
    ("gcePersistentDisk", "gcePersistentDisk"),
    ("awsElasticBlockStore", "awsElasticBlockStore"),
    ("secret", "secret"),
    ("nfs", "nfs"),
    ("iscsi", "iscsi"),
    ("glusterfs", "glusterfs"),
    ("flocker", "flocker"),
    ("persistentVolumeClaim", "persistentVolumeClaim"),
    ("rbd", "rbd"),
    ("cinder", "cinder"),
    ("cephfs", "cephFS"),
    ("quobyte", "quobyte"),
    ("downwardAPI", "downwarAPI"),
    ("fc", "fc"),
    ("flexVolume", "flexVolume"),
    ("configMap", "configMap"),
    ("azureFile", "azureFile"),
    ("vsphereVolume", "vsphereVolume"),
    ("photonPersistentDisk", "photonPersistentDisk"),
    ("portworxVolume", "portworxVolume"),
    ("azureDisk", "azureDisk"),
    ("storageos", "storageos"),
    ("projected", "projected"),
    ("scaleIO", "scaleIO"),
    ("csi", "csi"),
    ("ephemeral", "ephemeral"),
    ("image", "image"),
];

fn diagnostic(cx: &PodCx<'_>, volume: &FieldPath, name: &str, extra: (&str, &str), first: &str) -> Diagnostic {
    let (key, api) = extra;
    Diagnostic::new(
        format!("volume `{name}` sets `{key}` besides `{first}`"),
        cx.at(&volume.clone().field(key.to_string())),
    )
    .label("second volume source")
    .related(cx.at(&volume.clone().field(first.to_string())), "first volume source")
    .help("keep one source per volume; declare another volume for the other one")
    .api_error(
        cx.path.join(volume).field(api.to_string()).to_string(),
        "Forbidden",
        "may not specify more than 1 volume type",
    )
}

impl Rule for InvalidVolumeSource {
    fn id(&self) -> &str {
        "invalid-volume-source"
    }

    fn check_pod(&self, cx: &PodCx<'_>, out: &mut Sink) {
        let doc = cx.doc();
        let Some(volumes) = doc.get(cx.node, "volumes") else {
            return;
        };
        for (i, v) in doc.items(volumes).iter().enumerate() {
            let name = doc.get_str(*v, "name").unwrap_or("");
            let path = FieldPath::root().field("volumes").index(i);
            let mut first = None;
            for (key, api) in SOURCES {
                // A `null` source is no source; unknown keys are dropped by the decoder.
                if doc.get(*v, key).is_none_or(|n| doc.is_null(n)) {
                    continue;
                }
                match first {
                    None => first = Some(*key),
                    Some(f) => out.emit(diagnostic(cx, &path, name, (key, api), f)),
                }
            }
        }
    }
}
