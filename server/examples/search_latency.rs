//! Search latency over a fixed query set, on the real catalog: `cargo xtask bench` runs it in release mode.

use app::catalog::{search::SearchIndex, SYNONYMS_TSV};
use std::time::Instant;

const QUERIES: [&str; 16] = [
    "社会保障卡",
    "shbzk",
    "shehuibaozhangka",
    "结婚登记",
    "jhdj",
    "身份证",
    "社保卡",
    "低保",
    "gongjijin",
    "gongjijn",
    "营业执照",
    "食品经营许可",
    "chusheng",
    "残疾人证",
    "yidijiuyi",
    "开店",
];
const ROUNDS: usize = 200;

fn main() {
    let catalog = server::catalog::seed::catalog().expect("seed data");
    let mut items = catalog.items;
    let names: std::collections::HashMap<_, _> =
        catalog.departments.iter().map(|d| (d.id.clone(), d.name.clone())).collect();
    for item in &mut items {
        item.department_name = names[&item.department_id].clone();
    }
    let started = Instant::now();
    let index = SearchIndex::build(&items, SYNONYMS_TSV);
    println!("index of {} items built in {:.1} ms", index.len(), started.elapsed().as_secs_f64() * 1e3);

    let mut samples = Vec::with_capacity(QUERIES.len() * ROUNDS);
    let mut slowest = (0.0, "");
    for _ in 0..ROUNDS {
        for q in QUERIES {
            let t = Instant::now();
            std::hint::black_box(index.search(q));
            let micros = t.elapsed().as_secs_f64() * 1e6;
            samples.push(micros);
            if micros > slowest.0 {
                slowest = (micros, q);
            }
        }
    }
    samples.sort_by(f64::total_cmp);
    let at = |p: f64| samples[((samples.len() as f64 * p) as usize).min(samples.len() - 1)];
    println!(
        "search over {} queries × {ROUNDS}: p50 {:.0} µs   p99 {:.0} µs   max {:.0} µs   (aim: p99 ≤ 1000 µs)",
        QUERIES.len(),
        at(0.50),
        at(0.99),
        at(1.0)
    );
    println!("slowest single query: {:?} ({:.0} µs)", slowest.1, slowest.0);
}
