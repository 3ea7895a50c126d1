use server::config::Config;
use tracing_subscriber::EnvFilter;

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    tracing_subscriber::fmt()
        .with_env_filter(EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info,sqlx=warn")))
        .init();
    let config = Config::from_env()?;
    let args: Vec<String> = std::env::args().skip(1).collect();
    if let Some(command) = args.first() {
        return server::cli::run(&config, command, &args[1..]).await;
    }
    let instance = server::build(&config).await?;
    let listener = tokio::net::TcpListener::bind(config.site_addr).await?;
    tracing::info!(address = %config.site_addr, public = %config.public_base_url, "掌上办 is listening");
    server::serve(listener, instance.router, shutdown()).await?;
    Ok(())
}

async fn shutdown() {
    let _ = tokio::signal::ctrl_c().await;
}
