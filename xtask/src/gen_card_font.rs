//! `cargo xtask gen-card-font`: the share cards' font, `server/assets/card-font.otf`: Noto Sans CJK SC Regular (SIL
//! Open Font License) cut down to the characters a card can show — those of `app/src/rankings/card.rs`, where all
//! of a card's words are, the departments' names, and printable ASCII. About 1 % of the font, so the server can
//! carry it. Needs fontTools' `pyftsubset` (`pip install fonttools`) and Debian's fonts-noto-cjk; the result is
//! checked in, so building and testing need neither. A server test fails when a card's character is missing.

use anyhow::{bail, Context, Result};
use std::collections::BTreeSet;
use std::path::Path;
use std::process::Command;

const SOURCE: &str = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc";
/// Noto Sans CJK SC in the collection.
const SIMPLIFIED_CHINESE: &str = "2";

/// Every character a card can show, once each, in order.
pub fn characters(card_source: &str, catalog_json: &str) -> Result<String> {
    let catalog: serde_json::Value = serde_json::from_str(catalog_json).context("server/seed/catalog.json")?;
    let names = catalog["departments"].as_array().context("the catalog's departments")?.iter();
    let names: String = names.filter_map(|d| d["name"].as_str()).collect();
    let ascii = (0x20u8..0x7f).map(char::from);
    Ok(card_source
        .chars()
        .chain(names.chars())
        .filter(|c| !c.is_control())
        .chain(ascii)
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect())
}

pub fn run(root: &Path) -> Result<()> {
    let card = std::fs::read_to_string(root.join("app/src/rankings/card.rs"))?;
    let catalog = std::fs::read_to_string(root.join("server/seed/catalog.json"))?;
    let text = root.join("target/card-font.txt");
    std::fs::write(&text, characters(&card, &catalog)?)?;
    let output = root.join("server/assets/card-font.otf");
    let status = Command::new("pyftsubset")
        .arg(SOURCE)
        .arg(format!("--font-number={SIMPLIFIED_CHINESE}"))
        .arg(format!("--text-file={}", text.display()))
        .arg(format!("--output-file={}", output.display()))
        .args(["--layout-features=", "--no-hinting", "--desubroutinize"])
        .status()
        .context("pyftsubset (pip install fonttools)")?;
    if !status.success() {
        bail!("pyftsubset failed: {status}");
    }
    println!("wrote server/assets/card-font.otf ({} bytes)", std::fs::metadata(&output)?.len());
    Ok(())
}
