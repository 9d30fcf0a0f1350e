//! Positions for drawing a graph: ForceAtlas2 (the layout of Gephi and
//! graphology, here graphology's Rust port, the `fa2` crate), computed when a
//! page is written so that the browser only draws.
//!
//! Deterministic: every entity starts at a point derived from a hash of its
//! id, and the layout runs on one thread, so the same graph gets the same
//! positions on every run and machine.

use crate::graph::KnowledgeGraph;
use fa2::{FA2Data, FA2Settings};
use rustc_hash::FxHashMap;
use std::hash::{Hash, Hasher};

/// Above this many entities, repulsion is approximated (Barnes-Hut) instead
/// of computed for every pair.
const BARNES_HUT_FROM: usize = 500;

/// Node positions in drawing units (about 100 per entity across the
/// drawing), in the order of [`KnowledgeGraph::entities`].
///
/// Entities with relations are laid out by ForceAtlas2; entities without
/// any (which ForceAtlas2 would scatter through the picture, or which a
/// layout packs as a grid in its middle: issue 18) sit in a grid below it,
/// so the page can hide them without leaving holes and show them apart.
pub fn force_directed(graph: &KnowledgeGraph) -> Vec<(f64, f64)> {
    let ids: Vec<&str> = graph.entities().map(|e| e.id.as_str()).collect();
    let n = ids.len();
    if n == 0 {
        return Vec::new();
    }
    let index: FxHashMap<&str, usize> = ids.iter().enumerate().map(|(i, id)| (*id, i)).collect();
    let mut edges = Vec::new();
    let mut related = vec![false; n];
    for r in graph.relations() {
        if let (Some(&s), Some(&t)) = (index.get(r.source.as_str()), index.get(r.target.as_str())) {
            if s != t {
                edges.push((s, t, 1.0 + (r.weight() as f64).ln()));
                related[s] = true;
                related[t] = true;
            }
        }
    }
    // the entities ForceAtlas2 places, and where each sits among them
    let placed: Vec<usize> = (0..n).filter(|&i| related[i]).collect();
    let mut slot = vec![usize::MAX; n];
    for (k, &i) in placed.iter().enumerate() {
        slot[i] = k;
    }
    let drawn = forces(
        &placed.iter().map(|&i| ids[i]).collect::<Vec<_>>(),
        &edges,
        &slot,
    );
    let side = if placed.is_empty() {
        0.0
    } else {
        100.0 * (placed.len() as f64).sqrt()
    };
    let mut points = vec![(0.0, 0.0); n];
    for (k, &i) in placed.iter().enumerate() {
        points[i] = drawn[k];
    }
    // the others in rows of a grid as wide as the drawing, 100 apart
    let alone: Vec<usize> = (0..n).filter(|&i| !related[i]).collect();
    let columns = ((side / 100.0).floor() as usize)
        .max((alone.len() as f64).sqrt().ceil() as usize)
        .max(1);
    let width = (columns - 1) as f64 * 100.0;
    let top = if placed.is_empty() {
        0.0
    } else {
        side / 2.0 + 150.0
    };
    for (k, &i) in alone.iter().enumerate() {
        let (row, col) = (k / columns, k % columns);
        points[i] = (col as f64 * 100.0 - width / 2.0, top + row as f64 * 100.0);
    }
    points
}

/// ForceAtlas2 over `ids` (the entities with relations) and `edges` (indexes
/// into all entities, mapped to `ids` by `slot`), scaled to a square of
/// 100 per entity.
fn forces(ids: &[&str], edges: &[(usize, usize, f64)], slot: &[usize]) -> Vec<(f64, f64)> {
    let n = ids.len();
    if n <= 1 {
        return vec![(0.0, 0.0); n];
    }
    let spread = (n as f64).sqrt() * 10.0;
    let mut data = FA2Data::<f64>::with_capacity(n, edges.len());
    for id in ids {
        let (x, y) = start(id);
        data.add_node_with_position(x * spread, y * spread);
    }
    for &(s, t, w) in edges {
        data.add_edge_with_weight(slot[s], slot[t], w);
    }
    let mut settings = FA2Settings::from_graph_order(n).parallel(false);
    if n >= BARNES_HUT_FROM {
        settings = settings.with_barnes_hut();
    }
    let mut layout = settings.build(data);
    // fewer sweeps for big graphs: each costs O(n log n + m)
    layout.run(if n > 5_000 {
        100
    } else if n > 1_000 {
        300
    } else {
        1_000
    });
    let points: Vec<(f64, f64)> = layout.data().positions().collect();
    scale(points, 100.0 * (n as f64).sqrt())
}

/// A point in [-1, 1]² from a hash of `id` (FxHash: the same on every platform).
fn start(id: &str) -> (f64, f64) {
    let mut h = rustc_hash::FxHasher::default();
    id.hash(&mut h);
    let bits = h.finish();
    let unit = |b: u64| (b & 0xFFFF) as f64 / 32_767.5 - 1.0;
    (unit(bits), unit(bits >> 16))
}

/// Moves and scales `points` into a square of side `side` centred on 0,
/// keeping their proportions; non-finite coordinates become 0.
fn scale(points: Vec<(f64, f64)>, side: f64) -> Vec<(f64, f64)> {
    let finite = |v: f64| if v.is_finite() { v } else { 0.0 };
    let points: Vec<(f64, f64)> = points
        .into_iter()
        .map(|(x, y)| (finite(x), finite(y)))
        .collect();
    let (mut x0, mut y0, mut x1, mut y1) = (f64::MAX, f64::MAX, f64::MIN, f64::MIN);
    for &(x, y) in &points {
        x0 = x0.min(x);
        y0 = y0.min(y);
        x1 = x1.max(x);
        y1 = y1.max(y);
    }
    let extent = (x1 - x0).max(y1 - y0);
    let k = if extent > 0.0 { side / extent } else { 1.0 };
    let (cx, cy) = ((x0 + x1) / 2.0, (y0 + y1) / 2.0);
    points
        .into_iter()
        .map(|(x, y)| {
            (
                ((x - cx) * k * 10.0).round() / 10.0,
                ((y - cy) * k * 10.0).round() / 10.0,
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{extract_article, Article, Lexicon};

    fn sample() -> KnowledgeGraph {
        let text = "Iran backs Hezbollah. Israel attacked Hezbollah. The United States condemned Iran. France urged Israel to stop.";
        extract_article(&Article::new("a.txt", text), Lexicon::embedded())
    }

    #[test]
    fn same_graph_same_positions_all_distinct_and_finite() {
        let g = sample();
        let a = force_directed(&g);
        assert_eq!(a, force_directed(&g));
        assert_eq!(a.len(), g.entity_count());
        for (i, p) in a.iter().enumerate() {
            assert!(p.0.is_finite() && p.1.is_finite());
            assert!(a[..i].iter().all(|q| q != p), "two entities on one point");
        }
    }

    #[test]
    fn related_entities_sit_closer_than_unrelated_ones() {
        let g = sample();
        let points = force_directed(&g);
        let at = |id: &str| points[g.entities().position(|e| e.id == id).unwrap()];
        let d = |a: (f64, f64), b: (f64, f64)| ((a.0 - b.0).powi(2) + (a.1 - b.1).powi(2)).sqrt();
        let related: Vec<f64> = g
            .relations()
            .map(|r| d(at(&r.source), at(&r.target)))
            .collect();
        let mut all = Vec::new();
        for (i, a) in points.iter().enumerate() {
            for b in &points[i + 1..] {
                all.push(d(*a, *b));
            }
        }
        let mean = |v: &[f64]| v.iter().sum::<f64>() / v.len() as f64;
        assert!(mean(&related) < mean(&all), "{related:?} vs {all:?}");
    }

    #[test]
    fn entities_without_relations_sit_in_a_grid_below() {
        let text = "Iran backs Hezbollah. Israel attacked Hezbollah. Officials in Paris, Berlin and Madrid spoke.";
        let g = extract_article(&Article::new("a.txt", text), Lexicon::embedded());
        let points = force_directed(&g);
        let related: std::collections::BTreeSet<&str> = g
            .relations()
            .flat_map(|r| [r.source.as_str(), r.target.as_str()])
            .collect();
        let (mut inside, mut alone) = (Vec::new(), Vec::new());
        for (e, p) in g.entities().zip(&points) {
            if related.contains(e.id.as_str()) {
                inside.push(*p);
            } else {
                alone.push(*p);
            }
        }
        assert!(!alone.is_empty() && !inside.is_empty(), "{points:?}");
        let lowest = inside.iter().map(|p| p.1).fold(f64::MIN, f64::max);
        assert!(alone.iter().all(|p| p.1 > lowest), "{points:?}");
    }

    #[test]
    fn scale_fits_the_square() {
        let p = scale(vec![(0.0, 0.0), (10.0, 5.0), (f64::NAN, 1.0)], 200.0);
        assert_eq!(p[0], (-100.0, -50.0));
        assert_eq!(p[1], (100.0, 50.0));
        assert!(p[2].0.is_finite());
    }
}
