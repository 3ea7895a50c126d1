//! Running commands and saying so.

use anyhow::{bail, Context, Result};
use std::process::Command;

pub fn announce(what: &str) {
    println!("\n==> {what}");
}

/// Runs `command` to completion, failing loudly if it fails.
pub fn step(what: &str, mut command: Command) -> Result<()> {
    announce(what);
    let status = command.status().with_context(|| format!("could not start {command:?}"))?;
    if !status.success() {
        bail!("{what}: failed ({status})");
    }
    Ok(())
}

pub fn cargo(args: &[&str]) -> Command {
    let mut command = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()));
    command.args(args);
    command
}

/// The first line a tool prints for `--version`, or None when it is not installed.
pub fn version_of(program: &str, flag: &str) -> Option<String> {
    let output = Command::new(program).arg(flag).output().ok()?;
    output
        .status
        .success()
        .then(|| String::from_utf8_lossy(&output.stdout).lines().next().unwrap_or("").trim().to_string())
}

/// Replaces this process with `command` (the server), so Ctrl-C reaches it directly.
pub fn exec(mut command: Command) -> Result<()> {
    use std::os::unix::process::CommandExt;
    Err(command.exec()).context("could not start the server")
}
