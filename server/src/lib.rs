//! The server: configuration, storage, and the axum router that serves the Leptos app.

mod api_errors;
pub mod booking;
pub mod catalog;
pub mod cli;
pub mod config;
pub mod db;
mod forms;
pub mod guards;
mod housekeeping;
mod kiosk;
pub mod live;
pub mod petitions;
mod problem;
pub mod rankings;
pub mod routes;
mod security;
pub mod sessions;
mod settings;
pub mod sms;
pub mod staff;

use anyhow::Context;
use app::catalog::{search::SearchIndex, store::Catalog};
use app::services::{Services, Site};
use app::sms::Sms;
use app::{shell, App};
use axum::{
    extract::State,
    http::{header, HeaderValue, StatusCode},
    middleware,
    response::{IntoResponse, Response},
    routing::get_service,
    Router,
};
use config::Config;
use leptos::{nonce::Nonce, prelude::*};
use leptos_axum::{generate_route_list, AxumRouteListing, LeptosRoutes};
use routes::{form, get_as, Declared, Kind};
use std::sync::{Arc, OnceLock};
use tower_http::{
    compression::CompressionLayer, services::ServeDir, set_header::SetResponseHeaderLayer, trace::TraceLayer,
};

#[derive(Clone, axum::extract::FromRef)]
pub struct AppState {
    pub leptos_options: LeptosOptions,
    pub pool: db::Pool,
    pub services: Services,
    pub changes: live::Changes,
}

/// One running instance: its routes, and its ends of the database and of the change channel.
pub struct Instance {
    pub router: Router,
    pub pool: db::Pool,
    pub changes: live::Changes,
    pub services: Services,
}

/// Opens, migrates and seeds the database, builds the search index, and wires every route.
pub async fn build(config: &Config) -> anyhow::Result<Instance> {
    let pool = db::connect(&config.database_url).await?;
    catalog::seed::seed(&pool).await?;
    if config.demo_history && !petitions::demo::is_loaded(&pool).await? {
        match petitions::demo::load(&pool).await {
            Ok(loaded) => tracing::info!(loaded, "loaded the demo petition history"),
            // A database with petitions of its own keeps them, without the demo.
            Err(e) => tracing::info!("the demo petition history was not loaded: {e}"),
        }
    }
    let sessions = sessions::Sessions::open(&pool).await?;
    let changes = live::Changes::start(&pool).await.context("cannot listen for changes")?;
    let bookings = Arc::new(booking::SqlBookings::new(pool.clone(), changes.clone()));
    let catalog = Arc::new(catalog::SqlCatalog::new(pool.clone(), changes.clone()));
    let staff = Arc::new(staff::SqlStaff::new(pool.clone()));
    let texts = sms::queue::Queue::new(pool.clone());
    let petitions = Arc::new(petitions::SqlPetitions::new(pool.clone(), changes.clone(), texts.clone()));
    // Before anything is served: the standings count which cases met their deadlines from these.
    let redated = petitions.redate_stale(config.clock.now()).await?;
    tracing::info!(redated, "worked out the petitions' deadlines under the current calendar");
    let started = std::time::Instant::now();
    let search = Arc::new(SearchIndex::build(&catalog.all_items().await?, app::catalog::SYNONYMS_TSV));
    tracing::info!(items = search.len(), elapsed = ?started.elapsed(), "built the search index");
    catalog::follow_edits(&changes, catalog.clone(), search.clone());
    let rankings = Arc::new(rankings::SqlRankings::new(pool.clone(), &changes));
    let redated = rankings.redate_reporting().await?;
    tracing::info!(redated, "worked out again when enforcement records were due under the current calendar");
    let mut services = Services {
        site: Site { clock: config.clock, public_base_url: config.public_base_url.as_str().into(), demo: false },
        catalog: Catalog { store: catalog, search },
        booking: bookings.clone(),
        staff: staff.clone(),
        petitions: petitions.clone(),
        rankings,
        sms: Sms {
            queue: Arc::new(texts.clone()),
            outbox: config.development.then(|| Arc::new(texts.clone()) as Arc<dyn app::sms::Outbox>),
        },
    };
    let notifier: Arc<dyn sms::Notifier> = match &config.sms_gateway {
        Some(settings) => Arc::new(sms::aliyun::AliyunSms::new(settings.clone())?),
        None => Arc::new(sms::NoGateway),
    };
    sms::delivery::spawn(texts.clone(), notifier, config.clock);
    if config.demo_history && !rankings::demo::is_loaded(&pool).await? {
        match rankings::demo::load(&pool, &services).await {
            Ok(loaded) => tracing::info!(loaded, "loaded the demo enforcement records"),
            Err(e) => tracing::info!("the demo enforcement records were not loaded: {e}"),
        }
    }
    services.site.demo = petitions::demo::is_loaded(&pool).await? || rankings::demo::is_loaded(&pool).await?;

    // Each capability's chores beside the site's; a new capability with something to tidy adds its own here.
    if config.housekeeping {
        housekeeping::spawn(
            pool.clone(),
            config.clock,
            vec![
                Box::new(sessions.clone()),
                Box::new(guards::Expired(pool.clone())),
                Box::new(bookings),
                Box::new(staff),
                Box::new(petitions::Redating(petitions.clone())),
                Box::new(petitions),
                Box::new(texts),
            ],
        );
    }

    let pkg_dir = format!("pkg/{}", config.build_id());
    let leptos_options = LeptosOptions::builder()
        .output_name("app")
        .site_root(config.site_root.to_string_lossy().to_string())
        .site_pkg_dir(pkg_dir)
        .site_addr(config.site_addr)
        .build();
    let state = AppState {
        leptos_options: leptos_options.clone(),
        pool: pool.clone(),
        services: services.clone(),
        changes: changes.clone(),
    };
    let provide_services = page_context(&state, || {});

    let router = declared_routes(&config.site_root)
        .into_iter()
        .fold(Router::new(), |router, declared| router.route(&declared.route.path, declared.handler))
        .leptos_routes_with_context(&state, route_list(), provide_services.clone(), {
            let options = leptos_options.clone();
            move || shell(options.clone())
        })
        .fallback(leptos_axum::file_and_error_handler_with_context::<AppState, _>(provide_services, shell))
        .layer(middleware::from_fn(api_errors::malformed_arguments_are_client_errors))
        .layer(middleware::from_fn(problem::for_people))
        .layer(sessions.layer(config.public_base_url.starts_with("https://")))
        .layer(config.client_ip_source.clone().into_extension())
        .layer(CompressionLayer::new())
        .layer(middleware::from_fn(security::guard))
        .layer(TraceLayer::new_for_http())
        .with_state(state);
    Ok(Instance { router, pool, changes, services })
}

/// Serves `router` on `listener` until `shutdown` completes. Accepted sockets send at once (TCP_NODELAY): a
/// response written in more than one piece (a file's headers, then its body) would otherwise wait for the
/// client's delayed ACK, about 40 ms on every keep-alive request a browser makes.
pub async fn serve(
    listener: tokio::net::TcpListener,
    router: Router,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    use axum::serve::ListenerExt;
    let listener = listener.tap_io(|socket| {
        if let Err(e) = socket.set_nodelay(true) {
            tracing::warn!(error = %e, "could not set TCP_NODELAY on a connection");
        }
    });
    axum::serve(listener, router.into_make_service_with_connect_info::<std::net::SocketAddr>())
        .with_graceful_shutdown(shutdown)
        .await
}

/// The routes the capabilities declare, beside the app's pages and server functions (`routes::registry` lists
/// all three).
fn declared_routes(site_root: &std::path::Path) -> Vec<Declared> {
    let site = vec![
        get_as(Kind::Health, "/healthz", healthz),
        get_as(Kind::Stream, "/live", live::events),
        form("/settings/elder", settings::set_elder_mode),
        assets(site_root),
    ];
    [
        site,
        catalog::routes(),
        booking::routes(),
        kiosk::routes(),
        staff::routes(),
        petitions::routes(),
        rankings::routes(),
    ]
    .into_iter()
    .flatten()
    .collect()
}

/// The bundle and styles under their build id, which never changes content: a year of caching, served
/// precompressed (.br / .gz beside each file).
fn assets(site_root: &std::path::Path) -> Declared {
    let files = ServeDir::new(site_root).precompressed_br().precompressed_gzip();
    // Only a file found: a 404 kept for a year would outlive the deploy that brings the file (instances are
    // replaced one by one, so a page can ask an old one for a new build's file).
    let cache_for_a_year = SetResponseHeaderLayer::overriding(header::CACHE_CONTROL, |response: &Response<_>| {
        response.status().is_success().then(|| HeaderValue::from_static("public, max-age=31536000, immutable"))
    });
    let handler = get_service(files)
        .layer::<_, std::convert::Infallible>(middleware::from_fn(no_such_asset))
        .layer(cache_for_a_year);
    routes::declare(axum::http::Method::GET, "/pkg/{*file}", Kind::Asset, handler)
}

/// What every rendered page gets in its context: the services, the options (pages with islands load the bundle
/// themselves with `ui::WithIslands`), and whatever `extra` adds.
fn page_context(
    state: &AppState,
    extra: impl Fn() + Clone + Send + Sync + 'static,
) -> impl Fn() + Clone + Send + Sync + 'static {
    let (services, options) = (state.services.clone(), state.leptos_options.clone());
    move || {
        provide_context(services.clone());
        provide_context(options.clone());
        // The nonce the security layer sends in the header (in place of the one leptos_axum made).
        if let Some(nonce) =
            use_context::<axum::http::request::Parts>().and_then(|p| p.extensions.get::<Nonce>().cloned())
        {
            provide_context(nonce);
        }
        extra();
    }
}

/// A name no file can have (longer than a file system allows) is simply not there; asking the file system would
/// fail with an error that ServeDir answers with 500.
async fn no_such_asset(request: axum::extract::Request, next: middleware::Next) -> axum::response::Response {
    const LONGEST_NAME: usize = 255;
    const LONGEST_PATH: usize = 1024;
    let path = request.uri().path();
    if path.len() > LONGEST_PATH || path.split('/').any(|name| name.len() > LONGEST_NAME) {
        return StatusCode::NOT_FOUND.into_response();
    }
    next.run(request).await
}

/// The app's routes, generated once per process. Generating them suppresses resource loading process-wide, so a
/// second generation while another instance in this process renders can stall that render for good
/// (leptos#4773); the tests build many instances in one process.
fn route_list() -> Vec<AxumRouteListing> {
    static ROUTES: OnceLock<Vec<AxumRouteListing>> = OnceLock::new();
    ROUTES.get_or_init(|| generate_route_list(App)).clone()
}

async fn healthz(State(pool): State<db::Pool>) -> (StatusCode, &'static str) {
    match db::on_backend!(&pool, |pool| sqlx::query("SELECT 1").execute(pool).await.map(drop)) {
        Ok(_) => (StatusCode::OK, "ok"),
        Err(e) => {
            tracing::error!(error = %e, "health check failed");
            (StatusCode::SERVICE_UNAVAILABLE, "database unavailable")
        }
    }
}

#[cfg(test)]
mod tests {
    use leptos_router::SsrMode;

    #[test]
    fn every_page_renders_async_as_render_again_assumes() {
        for route in super::route_list() {
            assert!(
                matches!(route.mode(), SsrMode::Async),
                "{} is not SsrMode::Async: render_again would re-render it in the wrong mode",
                route.path()
            );
        }
    }
}
