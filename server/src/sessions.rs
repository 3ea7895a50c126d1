//! Sessions live in the database (tower-sessions with its SQLx stores), so whichever instance the load balancer
//! picks sees the same session. The cookie carries only a random id.

use crate::db::{on_backend, Backend, Pool};
use async_trait::async_trait;
use tower_sessions::cookie::{time::Duration, SameSite};
use tower_sessions::session::{Id, Record};
use tower_sessions::session_store::{self, ExpiredDeletion, SessionStore};
use tower_sessions::{Expiry, SessionManagerLayer};
use tower_sessions_sqlx_store::{PostgresStore, SqliteStore};

pub const COOKIE: &str = "palm_session";

/// The session store of the configured backend.
#[derive(Clone, Debug)]
pub struct Sessions(Backend<SqliteStore, PostgresStore>);

impl Sessions {
    /// Creates the store's table if it is missing.
    pub async fn open(pool: &Pool) -> anyhow::Result<Self> {
        let store = match pool {
            Backend::Sqlite(pool) => Backend::Sqlite(SqliteStore::new(pool.clone())),
            Backend::Postgres(pool) => Backend::Postgres(PostgresStore::new(pool.clone())),
        };
        on_backend!(&store, |store| store.migrate().await)?;
        Ok(Self(store))
    }

    /// The layer that loads a request's session and saves it when it changed. No cookie is set for a visitor
    /// whose session stays empty. `secure` when the public address is https.
    pub fn layer(self, secure: bool) -> SessionManagerLayer<Self> {
        SessionManagerLayer::new(self)
            .with_name(COOKIE)
            .with_secure(secure)
            .with_http_only(true)
            .with_same_site(SameSite::Lax)
            .with_expiry(Expiry::OnInactivity(Duration::days(14)))
    }
}

#[async_trait]
impl crate::housekeeping::Chore for Sessions {
    fn name(&self) -> &'static str {
        "expired sessions"
    }

    /// The stores do not say how many they deleted.
    async fn run(&self, _now: chrono::DateTime<chrono::FixedOffset>) -> anyhow::Result<u64> {
        on_backend!(&self.0, |store| store.delete_expired().await)?;
        Ok(0)
    }
}

#[async_trait]
impl SessionStore for Sessions {
    async fn create(&self, record: &mut Record) -> session_store::Result<()> {
        on_backend!(&self.0, |store| store.create(record).await)
    }

    async fn save(&self, record: &Record) -> session_store::Result<()> {
        on_backend!(&self.0, |store| store.save(record).await)
    }

    async fn load(&self, id: &Id) -> session_store::Result<Option<Record>> {
        on_backend!(&self.0, |store| store.load(id).await)
    }

    async fn delete(&self, id: &Id) -> session_store::Result<()> {
        on_backend!(&self.0, |store| store.delete(id).await)
    }
}
