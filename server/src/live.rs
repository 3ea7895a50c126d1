//! Change signals for live pages. A signal says only what changed (a topic and a key, e.g. `slots` / `hall-1`),
//! never the data: a page that hears one re-reads what it shows, so a signal can be dropped or repeated without
//! harm. On SQLite every writer is in this process and a broadcast channel is enough; on PostgreSQL signals go
//! through NOTIFY, so every instance hears every other's. A listener that may have missed signals (its connection
//! dropped, or it fell behind) hears `Resync` and re-reads everything.

use crate::db::{self, Backend, Pool};
pub use app::ui::live::Topic;
use axum::{
    extract::{Query, State},
    http::StatusCode,
    response::sse::{Event, KeepAlive, Sse},
};
use futures_util::{Stream, StreamExt};
use serde::{Deserialize, Serialize};
use std::convert::Infallible;
use tokio::sync::broadcast;
use tokio_stream::wrappers::{errors::BroadcastStreamRecvError, BroadcastStream};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Change {
    pub topic: Topic,
    pub key: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Signal {
    Changed(Change),
    /// Signals may have been lost: re-read everything.
    Resync,
}

/// This instance's end of the channel.
#[derive(Clone)]
pub struct Changes {
    local: broadcast::Sender<Signal>,
    pool: Pool,
}

impl Changes {
    /// Starts hearing changes: on PostgreSQL, a listener connection for the life of `pool`, listening before
    /// this returns.
    pub async fn start(pool: &Pool) -> sqlx::Result<Self> {
        // Signals are tiny; a subscriber this far behind is told to resync rather than stall the sender.
        let (local, _) = broadcast::channel(1024);
        if let Backend::Postgres(pg) = pool {
            let local = local.clone();
            db::postgres::listen(pg.clone(), move |payload| {
                let signal = match payload.map(serde_json::from_str::<Change>) {
                    Some(Ok(change)) => Signal::Changed(change),
                    Some(Err(e)) => {
                        tracing::warn!(error = %e, "an unreadable change signal; resyncing");
                        Signal::Resync
                    }
                    None => Signal::Resync,
                };
                let _ = local.send(signal);
            })
            .await?;
        }
        Ok(Self { local, pool: pool.clone() })
    }

    /// Tells every listener, in every instance, that `change` happened. Call it after the change is committed.
    pub async fn publish(&self, change: Change) -> sqlx::Result<()> {
        match &self.pool {
            Backend::Sqlite(_) => {
                // No receiver is not an error: nobody is watching right now.
                let _ = self.local.send(Signal::Changed(change));
                Ok(())
            }
            Backend::Postgres(pg) => {
                let payload = serde_json::to_string(&change).expect("a change serialises");
                db::postgres::notify(pg, &payload).await
            }
        }
    }

    pub fn subscribe(&self) -> broadcast::Receiver<Signal> {
        self.local.subscribe()
    }
}

#[derive(Deserialize)]
pub struct Topics {
    /// Comma-separated topics to hear.
    #[serde(default)]
    topics: String,
}

/// `GET /live?topics=a,b`: the signals on those topics as server-sent events (`change` with `topic/key`,
/// `resync` when the page should re-read everything). Browsers reconnect by themselves and should re-read when
/// they do.
pub async fn events(
    State(changes): State<Changes>,
    Query(Topics { topics }): Query<Topics>,
) -> Result<Sse<impl Stream<Item = Result<Event, Infallible>>>, (StatusCode, &'static str)> {
    // Unknown names are passed over: a page from a newer release may ask for a topic this one does not have.
    let topics: Vec<Topic> = topics.split(',').filter_map(|name| Topic::named(name.trim())).collect();
    if topics.is_empty() {
        return Err((StatusCode::BAD_REQUEST, "请用 topics 参数说明要收听哪些变化。"));
    }
    let stream = BroadcastStream::new(changes.subscribe()).filter_map(move |signal| {
        let event = match signal {
            Ok(Signal::Changed(change)) if topics.contains(&change.topic) => {
                Some(Event::default().event("change").data(format!("{}/{}", change.topic.name(), change.key)))
            }
            Ok(Signal::Changed(_)) => None,
            Ok(Signal::Resync) | Err(BroadcastStreamRecvError::Lagged(_)) => {
                Some(Event::default().event("resync").data(""))
            }
        };
        std::future::ready(event.map(Ok))
    });
    Ok(Sse::new(stream).keep_alive(KeepAlive::default()))
}
