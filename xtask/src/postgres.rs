//! A PostgreSQL database of the browser tests' own, on the server `TEST_DATABASE_URL` names, for the spec of
//! several instances: created through `psql` (installed from Debian if missing) and dropped when this goes.

use crate::{setup, sh};
use anyhow::Result;
use std::process::Command;

pub struct E2eDatabase {
    server: String,
    name: String,
    pub url: String,
}

impl E2eDatabase {
    /// A new database named for this run (`run`: digits, as `run_id` makes it, so the name is safe in SQL), on the
    /// server of `server` (a URL whose role may create databases).
    pub fn create(server: &str, run: &str) -> Result<Self> {
        if Command::new("psql").arg("--version").output().is_err() {
            setup::apt_install(&["postgresql-client"])?;
        }
        let name = format!("palm_e2e_{run}");
        let database = Self { server: server.into(), url: with_database(server, &name), name };
        let mut create = Command::new("psql");
        create.args([server, "-q", "-v", "ON_ERROR_STOP=1", "-c", &format!("CREATE DATABASE {}", database.name)]);
        sh::step(&format!("creating the browser tests' PostgreSQL database {}", database.name), create)?;
        Ok(database)
    }
}

impl Drop for E2eDatabase {
    fn drop(&mut self) {
        let drop = format!("DROP DATABASE IF EXISTS {} WITH (FORCE)", self.name);
        match Command::new("psql").args([self.server.as_str(), "-q", "-c", &drop]).status() {
            Ok(status) if status.success() => {}
            _ => eprintln!("could not drop the PostgreSQL database {}", self.name),
        }
    }
}

/// `url` with its database (the path) replaced by `name`, its query kept.
fn with_database(url: &str, name: &str) -> String {
    let authority = url.find("://").map_or(0, |at| at + 3);
    let path = url[authority..].find('/').map_or(url.len(), |at| authority + at);
    let query = url[path..].find('?').map_or("", |at| &url[path + at..]);
    format!("{}/{name}{query}", &url[..path])
}

#[cfg(test)]
mod tests {
    use super::with_database;

    #[test]
    fn the_database_is_replaced_and_the_rest_of_the_url_kept() {
        assert_eq!(
            with_database("postgres://palm_ci:palm_ci@127.0.0.1:5432/palm_ci", "palm_e2e_1"),
            "postgres://palm_ci:palm_ci@127.0.0.1:5432/palm_e2e_1"
        );
        assert_eq!(
            with_database("postgresql://u@db.example:5433/base?sslmode=require", "palm_e2e_1"),
            "postgresql://u@db.example:5433/palm_e2e_1?sslmode=require"
        );
        assert_eq!(with_database("postgres://u@host", "palm_e2e_1"), "postgres://u@host/palm_e2e_1");
    }
}
