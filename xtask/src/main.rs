mod gen_data;

use anyhow::{bail, Result};

fn main() -> Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("gen-data") => {
            let data = gen_data::generate();
            let path = workspace_root().join("server/seed/catalog.json");
            std::fs::write(&path, serde_json::to_string_pretty(&data)? + "\n")?;
            println!("wrote {}", path.display());
            Ok(())
        }
        _ => bail!("usage: cargo xtask <run|test|bench|gen-data>"),
    }
}

fn workspace_root() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap().to_path_buf()
}
