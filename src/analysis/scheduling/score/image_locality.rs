//! ImageLocality: the sizes of the pod's images already on the node, each scaled by the
//! share of all nodes that hold it (to avoid piling pods on the few nodes that have it),
//! clamped to 23 MiB .. 1000 MiB per image and mapped onto 0..=100. No normalisation.
//!
//! Which images count moved: containers only before v1.27, init containers too since
//! (kubernetes#115587); image volumes add to the sum since v1.33 (kubernetes#130231) and to
//! the image count of the threshold since v1.37 (kubernetes#138951).
//!
//! source: pkg/scheduler/framework/plugins/imagelocality/image_locality.go Score,
//! sumImageScores, scaledImageScore, calculatePriority, normalizedImageName;
//! pkg/scheduler/backend/cache/snapshot.go createImageExistenceMap (how many nodes hold
//! each image name, over all nodes).

use std::collections::{HashMap, HashSet};

use super::{Ctx, MAX_NODE_SCORE};

const MB: i64 = 1024 * 1024;
const MIN_THRESHOLD: i64 = 23 * MB;
const MAX_CONTAINER_THRESHOLD: i64 = 1000 * MB;

/// `normalizedImageName`: `:latest` is appended when the name has no tag.
pub(super) fn normalized_image_name(name: &str) -> String {
    let colon = name.rfind(':').map_or(-1, |i| i as i64);
    let slash = name.rfind('/').map_or(-1, |i| i as i64);
    if colon <= slash {
        format!("{name}:latest")
    } else {
        name.to_string()
    }
}

/// `calculatePriority`.
pub(super) fn priority(sum: i64, containers: usize) -> i64 {
    let max = MAX_CONTAINER_THRESHOLD.saturating_mul(containers.max(1) as i64);
    let sum = sum.clamp(MIN_THRESHOLD, max.max(MIN_THRESHOLD));
    if max <= MIN_THRESHOLD {
        return 0;
    }
    MAX_NODE_SCORE * (sum - MIN_THRESHOLD) / (max - MIN_THRESHOLD)
}

pub(super) fn score(ctx: &Ctx<'_>) -> Option<Vec<i64>> {
    let state = ctx.state;
    let total_nodes = state.nodes.len().max(1) as f64;
    let mut holders: HashMap<&str, usize> = HashMap::new();
    for node in &state.nodes {
        let names: HashSet<&str> = node
            .images
            .iter()
            .flat_map(|i| i.names.iter().map(String::as_str))
            .collect();
        for n in names {
            *holders.entry(n).or_insert(0) += 1;
        }
    }
    let spec = &ctx.pod.spec;
    let v = ctx.version;
    let inits = spec
        .init_containers
        .iter()
        .flatten()
        .filter(|_| v >= (1, 27));
    let mut images: Vec<String> = inits
        .chain(&spec.containers)
        .map(|c| normalized_image_name(c.image.as_deref().unwrap_or("")))
        .collect();
    let mut count = images.len();
    if v >= (1, 33) {
        let volumes = spec
            .volumes
            .iter()
            .flatten()
            .filter_map(|vol| vol.image.as_ref())
            .map(|i| normalized_image_name(i.reference.as_deref().unwrap_or("")));
        images.extend(volumes);
        if v >= (1, 37) {
            count = images.len();
        }
    }
    Some(
        ctx.feasible
            .iter()
            .map(|n| {
                let node = &state.nodes[*n];
                let mut sizes: HashMap<&str, i64> = HashMap::new();
                for i in &node.images {
                    for name in &i.names {
                        sizes.insert(name, i.size_bytes);
                    }
                }
                let sum: i64 = images
                    .iter()
                    .filter_map(|img| {
                        let size = *sizes.get(img.as_str())?;
                        let spread = *holders.get(img.as_str())? as f64 / total_nodes;
                        Some((size as f64 * spread) as i64)
                    })
                    .fold(0i64, i64::saturating_add);
                priority(sum, count)
            })
            .collect(),
    )
}
