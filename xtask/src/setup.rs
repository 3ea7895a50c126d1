//! Installs what a fresh machine lacks, and nothing that is already there.

use crate::sh::{announce, step, version_of};
use anyhow::{Context, Result};
use std::{path::Path, process::Command};

pub const TRUNK_VERSION: &str = "0.21.14";

/// Tools installed by cargo and npm live here; put them first on PATH for every child process.
pub fn extend_path(root: &Path) {
    let cargo_bin = std::env::var("CARGO_HOME")
        .map(|h| Path::new(&h).join("bin"))
        .unwrap_or_else(|_| Path::new(&std::env::var("HOME").unwrap_or_default()).join(".cargo/bin"));
    let path = std::env::var("PATH").unwrap_or_default();
    let path = format!("{}:{}:{path}", root.join("node_modules/.bin").display(), cargo_bin.display());
    std::env::set_var("PATH", path);
}

/// What building the app needs: the wasm target, trunk, wasm-bindgen-cli at the Cargo.lock version, npm packages.
pub fn build_tools(root: &Path) -> Result<()> {
    let targets =
        Command::new("rustup").args(["target", "list", "--installed"]).output().context("rustup is needed")?;
    if String::from_utf8_lossy(&targets.stdout).contains("wasm32-unknown-unknown") {
        println!("ok  wasm32-unknown-unknown target");
    } else {
        let mut add = Command::new("rustup");
        add.args(["target", "add", "wasm32-unknown-unknown"]);
        step("installing the wasm32-unknown-unknown target", add)?;
    }

    if version_of("trunk", "--version").as_deref() == Some(&format!("trunk {TRUNK_VERSION}")) {
        println!("ok  trunk {TRUNK_VERSION}");
    } else {
        step(
            &format!("installing trunk {TRUNK_VERSION} (newer ones need a newer rustc)"),
            crate::sh::cargo(&["install", "--locked", "trunk", "--version", TRUNK_VERSION]),
        )?;
    }

    let wanted = wasm_bindgen_version(root)?;
    if version_of("wasm-bindgen", "--version").as_deref() == Some(&format!("wasm-bindgen {wanted}")) {
        println!("ok  wasm-bindgen-cli {wanted}");
    } else {
        // Without --locked: its lock file can name a crate version the registry no longer has.
        step(
            &format!("installing wasm-bindgen-cli {wanted} (the version in Cargo.lock)"),
            crate::sh::cargo(&["install", "wasm-bindgen-cli", "--version", &wanted]),
        )?;
    }

    let installed = ["node_modules/.bin/wasm-opt", "node_modules/.bin/playwright", "node_modules/@axe-core/playwright"];
    if installed.iter().all(|path| root.join(path).exists()) {
        println!("ok  npm packages (binaryen, Playwright, axe-core, jsQR, pngjs)");
    } else {
        let mut npm = Command::new("npm");
        npm.args(["ci", "--no-audit", "--no-fund"]).env("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        step(
            "installing npm packages (wasm-opt from binaryen; Playwright without its browser download; axe-core)",
            npm,
        )?;
    }
    Ok(())
}

/// Playwright drives Debian's Chromium (browser downloads do not work here), with a Chinese font so that
/// screenshots and Lighthouse see the pages as residents do.
pub fn browser_tools() -> Result<()> {
    let mut missing = Vec::new();
    if Path::new("/usr/bin/chromium").exists() {
        println!("ok  Chromium (/usr/bin/chromium)");
    } else {
        missing.push("chromium");
    }
    if has_chinese_font() {
        println!("ok  a Chinese font");
    } else {
        missing.push("fonts-noto-cjk");
    }
    if missing.is_empty() {
        return Ok(());
    }
    apt_install(&missing)
}

fn has_chinese_font() -> bool {
    Command::new("fc-list").arg(":lang=zh").output().is_ok_and(|o| !o.stdout.is_empty())
}

pub fn apt_install(packages: &[&str]) -> Result<()> {
    announce(&format!("installing {} from Debian", packages.join(", ")));
    let sudo = if is_root() { vec![] } else { vec!["sudo"] };
    let run = |args: &[&str]| -> Result<()> {
        let mut all: Vec<&str> = sudo.clone();
        all.extend_from_slice(args);
        let mut command = Command::new(all[0]);
        command.args(&all[1..]).env("DEBIAN_FRONTEND", "noninteractive");
        step(&all.join(" "), command)
    };
    run(&["apt-get", "update", "-q"])?;
    let mut install = vec!["apt-get", "install", "-y", "-q", "--no-install-recommends"];
    install.extend_from_slice(packages);
    run(&install)
}

fn is_root() -> bool {
    Command::new("id").arg("-u").output().is_ok_and(|o| o.stdout.starts_with(b"0"))
}

/// The wasm-bindgen version Cargo.lock pins: the CLI must match it exactly.
pub fn wasm_bindgen_version(root: &Path) -> Result<String> {
    let lock = std::fs::read_to_string(root.join("Cargo.lock"))?;
    let mut lines = lock.lines();
    while let Some(line) = lines.next() {
        if line == "name = \"wasm-bindgen\"" {
            if let Some(version) = lines.next().and_then(|l| l.strip_prefix("version = \"")) {
                return Ok(version.trim_end_matches('"').to_string());
            }
        }
    }
    anyhow::bail!("wasm-bindgen is not in Cargo.lock")
}
