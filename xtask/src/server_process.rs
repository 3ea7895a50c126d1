//! The app's server as a child process, for the browser tests and the benchmarks.

use crate::sh;
use anyhow::{bail, Context, Result};
use std::{
    fs,
    io::{Read, Write},
    net::TcpStream,
    path::{Path, PathBuf},
    process::{Child, Command, Stdio},
    time::{Duration, Instant},
};

/// The app's server, stopped when dropped.
pub struct TestServer {
    child: Child,
    port: u16,
    database_url: String,
}

impl TestServer {
    /// On a fresh SQLite database in target/, on the real clock.
    pub fn start(root: &Path, binary: &Path, port: u16) -> Result<Self> {
        Self::start_on(root, binary, port, None, None, true)
    }

    /// On `database_url` (or a fresh SQLite database in target/ when `None`), with the clock stopped at
    /// `fixed_time` (RFC 3339) when given.
    pub fn start_on(
        root: &Path,
        binary: &Path,
        port: u16,
        database_url: Option<&str>,
        fixed_time: Option<&str>,
        housekeeping: bool,
    ) -> Result<Self> {
        let dir: PathBuf = root.join(format!("target/test-server-{port}"));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir)?;
        let log = fs::File::create(dir.join("server.log"))?;
        let database_url = match database_url {
            Some(url) => url.to_string(),
            None => format!("sqlite://{}/palm.db", dir.display()),
        };
        sh::announce(&format!(
            "starting the server on 127.0.0.1:{port} ({})",
            database_url.rsplit('@').next().unwrap_or("")
        ));
        let mut command = Command::new(binary);
        if let Some(at) = fixed_time {
            command.env("PALM_FIXED_TIME", at);
        }
        if !housekeeping {
            command.env("PALM_HOUSEKEEPING", "0");
        }
        let child = command
            .env("LEPTOS_SITE_ADDR", format!("127.0.0.1:{port}"))
            .env("PUBLIC_BASE_URL", format!("http://127.0.0.1:{port}"))
            .env("DATABASE_URL", &database_url)
            .env("PALM_SITE_ROOT", root.join("target/site"))
            .env("RUST_LOG", "warn")
            .env("PALM_DEVELOPMENT", "1")
            .stdout(log.try_clone()?)
            .stderr(log)
            .stdin(Stdio::null())
            .spawn()
            .with_context(|| format!("could not start {}", binary.display()))?;
        let mut server = Self { child, port, database_url };
        let deadline = Instant::now() + Duration::from_secs(60);
        loop {
            // Ours must still be running when /healthz answers: a server left over on the port would answer too.
            if let Some(status) = server.child.try_wait()? {
                bail!("the server exited ({status}) before answering; see {}/server.log", dir.display());
            }
            if http_get(&format!("{}/healthz", server.base_url())).is_ok() {
                break;
            }
            if Instant::now() > deadline {
                bail!("the server did not answer /healthz within 60 s; see {}/server.log", dir.display());
            }
            std::thread::sleep(Duration::from_millis(200));
        }
        Ok(server)
    }

    pub fn database_url(&self) -> &str {
        &self.database_url
    }

    pub fn base_url(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }
}

impl Drop for TestServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A minimal HTTP/1.0 GET on loopback: enough for a health check and a page fetch, without an HTTP client crate.
pub fn http_get(url: &str) -> Result<Vec<u8>> {
    let rest = url.strip_prefix("http://").context("http only")?;
    let (host, path) = rest.split_once('/').map(|(h, p)| (h, format!("/{p}"))).unwrap_or((rest, "/".into()));
    let mut stream = TcpStream::connect(host)?;
    stream.set_read_timeout(Some(Duration::from_secs(10)))?;
    write!(stream, "GET {path} HTTP/1.0\r\nHost: {host}\r\n\r\n")?;
    let mut response = Vec::new();
    stream.read_to_end(&mut response)?;
    let split = response.windows(4).position(|w| w == b"\r\n\r\n").context("no HTTP header")?;
    if !response.starts_with(b"HTTP/1.1 200") && !response.starts_with(b"HTTP/1.0 200") {
        bail!("{url}: {}", String::from_utf8_lossy(&response[..split.min(40)]));
    }
    Ok(response[split + 4..].to_vec())
}
