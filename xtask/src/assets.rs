//! The browser bundle and site assets: Trunk builds the islands bundle, then everything the pages load goes to
//! target/site/pkg/<build id>/ with .br and .gz beside it, so the server can send it precompressed and let
//! browsers cache it for a year. `public/` is copied to the site root.

use crate::sh::step;
use anyhow::{Context, Result};
use sha2::{Digest, Sha256};
use std::{fs, io::Write, path::Path};

pub const BUNDLE: [&str; 2] = ["app.js", "app_bg.wasm"];

pub fn build(root: &Path) -> Result<String> {
    step("building the islands bundle with Trunk (wasm-release profile, wasm-opt -Oz)", {
        let mut trunk = std::process::Command::new("trunk");
        trunk.arg("build");
        trunk
    })?;
    let dist = root.join("target/trunk-dist");
    // The style sheet is not among them: every page carries it in its head (app/src/lib.rs).
    let files: Vec<(String, Vec<u8>)> = BUNDLE
        .iter()
        .map(|name| Ok((name.to_string(), fs::read(dist.join(name)).with_context(|| format!("{name} missing"))?)))
        .collect::<Result<_>>()?;

    let mut hasher = Sha256::new();
    for (_, bytes) in &files {
        hasher.update(bytes);
    }
    let build_id: String = hasher.finalize().iter().take(6).map(|b| format!("{b:02x}")).collect();

    let site = root.join("target/site");
    let pkg = site.join("pkg");
    let out = pkg.join(&build_id);
    if out.join("app_bg.wasm.br").exists() {
        println!("ok  site assets for build {build_id}");
    } else {
        // Older builds go: only the current one is served.
        if pkg.exists() {
            fs::remove_dir_all(&pkg)?;
        }
        fs::create_dir_all(&out)?;
        for (name, bytes) in &files {
            fs::write(out.join(name), bytes)?;
            fs::write(out.join(format!("{name}.br")), brotli(bytes)?)?;
            fs::write(out.join(format!("{name}.gz")), gzip(bytes)?)?;
        }
        println!("ok  site assets written to {}", out.display());
    }
    for entry in fs::read_dir(root.join("public"))? {
        let entry = entry?;
        fs::copy(entry.path(), site.join(entry.file_name()))?;
    }
    fs::write(site.join("build-id"), &build_id)?;
    Ok(build_id)
}

pub fn brotli(bytes: &[u8]) -> Result<Vec<u8>> {
    let mut out = Vec::new();
    {
        let mut writer = brotli::CompressorWriter::new(&mut out, 4096, 11, 22);
        writer.write_all(bytes)?;
    }
    Ok(out)
}

pub fn gzip(bytes: &[u8]) -> Result<Vec<u8>> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    encoder.write_all(bytes)?;
    Ok(encoder.finish()?)
}
