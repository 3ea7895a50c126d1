//! Every route the server answers, declared once. The router is built from these declarations, and tests go over
//! `registry()` (axum's `Router` cannot list its routes), so a new route is tested for hostile input, cross-site
//! posts and security headers the moment it exists.

use crate::AppState;
use axum::{
    handler::Handler,
    http::Method,
    routing::{get, post, MethodRouter},
};

/// The server functions a client outside the server may call, as JSON or a form post. Every other one only feeds
/// the server's own rendering and answers 404 from outside, so that the checks a page makes before showing
/// something cannot be walked around by calling the function behind it. The rule for every capability: a server
/// function is private unless it is listed here, and one listed here checks who is asking itself.
///
/// Staff server functions are under `/staff/api/` instead (where the staff cookie reaches them) and answer callers
/// from outside: each checks the caller's grant itself, and the authorisation matrix test holds them to it.
pub const PUBLIC_SERVER_FUNCTIONS: &[&str] = &["/api/search_items"];

/// Where staff server functions live.
pub const STAFF_SERVER_FUNCTIONS: &str = "/staff/api/";

/// Whether `path` is a server function's that only the server itself may call.
pub fn is_private_server_function(path: &str) -> bool {
    path.starts_with("/api/") && !PUBLIC_SERVER_FUNCTIONS.contains(&path)
}

/// The pages (and public data) that show nothing about the person asking, as route patterns. Every other answer is
/// `no-store`, so a page added later is private until it is listed here (a test checks every route against it).
pub const PUBLIC_PAGES: &[&str] = &[
    "/",
    "/items",
    "/items/{id}",
    "/search",
    "/search/results",
    "/departments",
    "/departments/{id}",
    "/rankings",
    "/rankings/{month}",
    "/rankings/departments/{id}",
    "/rankings/published.json",
    "/rankings/published.csv",
    "/rankings/feed.atom",
    "/rankings/{month}/card.png",
    "/open311/v2/{document}",
    "/open311/v2/services/{service}",
    "/open311/v2/requests/{request}",
];

pub fn is_public_page(path: &str) -> bool {
    PUBLIC_PAGES.iter().any(|pattern| matches_pattern(pattern, path))
}

/// Whether `path` is one of the paths of the route `pattern`, where `{name}` stands for one segment.
fn matches_pattern(pattern: &str, path: &str) -> bool {
    let (mut wanted, mut given) = (pattern.split('/'), path.split('/'));
    loop {
        match (wanted.next(), given.next()) {
            (None, None) => return true,
            (Some(w), Some(g)) if (w.starts_with('{') && !g.is_empty()) || w == g => {}
            _ => return false,
        }
    }
}

/// What a route is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// A page of `app::App`, rendered on the server.
    Page,
    /// A plain form post, answered with a 303 onward or the same page again with a 400.
    Form,
    /// A Leptos server function (`/api/…`).
    ServerFunction,
    /// An HTML fragment an island swaps in.
    Fragment,
    /// A file to save.
    Download,
    /// Server-sent events.
    Stream,
    /// The islands bundle and the styles.
    Asset,
    /// The load balancer's question.
    Health,
    /// A partner system's JSON API: it takes a key an admin issued (`app::staff::keys`), never a cookie.
    Api,
}

/// One method on one path. `path` is in axum's syntax (`/items/{id}`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Route {
    pub method: Method,
    pub path: String,
    pub kind: Kind,
}

/// A route with its handler, as a capability's `routes()` declares it.
pub struct Declared {
    pub route: Route,
    pub handler: MethodRouter<AppState>,
}

/// `POST path`: a plain form.
pub fn form<H: Handler<T, AppState>, T: 'static>(path: &str, handler: H) -> Declared {
    declare(Method::POST, path, Kind::Form, post(handler))
}

/// `GET path`, answering with `kind`.
pub fn get_as<H: Handler<T, AppState>, T: 'static>(kind: Kind, path: &str, handler: H) -> Declared {
    declare(Method::GET, path, kind, get(handler))
}

pub fn declare(method: Method, path: &str, kind: Kind, handler: MethodRouter<AppState>) -> Declared {
    Declared { route: Route { method, path: path.into(), kind }, handler }
}

/// Every route: the ones the capabilities declare, the app's pages and its server functions (both registered by
/// leptos_axum from the same lists read here).
pub fn registry() -> Vec<Route> {
    let declared = crate::declared_routes(std::path::Path::new("")).into_iter().map(|d| d.route);
    let pages = crate::route_list().into_iter().flat_map(|listing| {
        let path = listing.path().to_string();
        let methods: Vec<_> = listing.methods().collect();
        methods.into_iter().map(move |method| Route {
            method: match method {
                leptos_router::Method::Get => Method::GET,
                leptos_router::Method::Post => Method::POST,
                leptos_router::Method::Put => Method::PUT,
                leptos_router::Method::Delete => Method::DELETE,
                leptos_router::Method::Patch => Method::PATCH,
            },
            path: path.clone(),
            kind: Kind::Page,
        })
    });
    let server_functions = leptos::server_fn::axum::server_fn_paths().map(|(path, method)| Route {
        method,
        path: path.into(),
        kind: Kind::ServerFunction,
    });
    declared.chain(pages).chain(server_functions).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_listed_pages_are_public() {
        for path in ["/", "/items", "/items/54", "/search", "/departments/health"] {
            assert!(is_public_page(path), "{path}");
        }
        for path in
            ["/book", "/book/who", "/bookings/abc", "/my-bookings", "/kiosk/hall-1", "/items/54/checklist", "/x"]
        {
            assert!(!is_public_page(path), "{path}");
        }
        assert!(!is_public_page("/items/"), "an empty segment is no id");
    }

    #[test]
    fn every_route_is_listed_once_with_its_kind() {
        let routes = registry();
        let find = |method: Method, path: &str| routes.iter().find(|r| r.method == method && r.path == path);
        assert_eq!(find(Method::GET, "/items/{id}").map(|r| r.kind), Some(Kind::Page));
        assert_eq!(find(Method::POST, "/book/who").map(|r| r.kind), Some(Kind::Form));
        assert_eq!(find(Method::POST, "/api/search_items").map(|r| r.kind), Some(Kind::ServerFunction));
        assert_eq!(find(Method::GET, "/live").map(|r| r.kind), Some(Kind::Stream));
        assert_eq!(find(Method::GET, "/pkg/{*file}").map(|r| r.kind), Some(Kind::Asset));
        for route in &routes {
            let same = routes.iter().filter(|r| r.method == route.method && r.path == route.path).count();
            assert_eq!(same, 1, "{} {} is declared {same} times", route.method, route.path);
        }
    }
}
