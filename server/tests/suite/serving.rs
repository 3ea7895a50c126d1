//! The server on a real socket, served the way `main` serves it.

use crate::instances::serve;
use crate::support::{config, TestDb};
use std::time::{Duration, Instant};

/// One keep-alive connection fetching a small file again and again, as a browser fetches a page's assets. A
/// file goes out as two writes (headers, then body); without TCP_NODELAY the second waits for the client's
/// delayed ACK, about 40 ms each time.
#[tokio::test(flavor = "multi_thread")]
async fn a_keep_alive_connection_gets_a_small_file_without_waiting_for_acks() {
    let db = TestDb::fresh().await;
    let config = config(&db);
    let file = config.site_root.join("pkg/probe.txt");
    std::fs::create_dir_all(file.parent().unwrap()).unwrap();
    std::fs::write(&file, "河北区".repeat(11)).unwrap();
    let base = serve(&server::build(&config).await.unwrap()).await;
    let client = reqwest::Client::builder().pool_max_idle_per_host(1).build().unwrap();
    let url = format!("{base}/pkg/probe.txt");
    let mut took = Vec::new();
    for _ in 0..31 {
        let started = Instant::now();
        let answer = client.get(&url).send().await.unwrap();
        assert_eq!(answer.status(), reqwest::StatusCode::OK);
        assert_eq!(answer.text().await.unwrap(), "河北区".repeat(11));
        took.push(started.elapsed());
    }
    took.sort();
    let median = took[took.len() / 2];
    assert!(median < Duration::from_millis(20), "median {median:?} per request on one connection");
}
