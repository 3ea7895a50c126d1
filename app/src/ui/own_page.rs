//! Addresses a visitor hands us (a page to go back to, a page to carry to a phone), kept to this site's own pages.

use url::Url;

/// `address` as a page of this site: its path and query, resolved the way a browser resolves a link (tabs and
/// newlines dropped, `\` read as `/`, dot segments removed) and percent-encoded; `None` when a browser would leave
/// the site for it. Checking the text itself is not enough: browsers read "/\t/evil.example" as "//evil.example".
pub fn own_page(address: &str) -> Option<String> {
    let site = Url::parse("http://site.invalid/").expect("a valid base");
    let resolved = site.join(address).ok()?;
    if resolved.origin() != site.origin() {
        return None;
    }
    let mut page = resolved.path().to_string();
    if let Some(query) = resolved.query() {
        page.push('?');
        page.push_str(query);
    }
    Some(page)
}

#[cfg(test)]
mod tests {
    use super::own_page;

    #[test]
    fn keeps_a_page_of_ours_with_its_query() {
        assert_eq!(own_page("/items?page=2").as_deref(), Some("/items?page=2"));
        assert_eq!(own_page("/search?q=社保").as_deref(), Some("/search?q=%E7%A4%BE%E4%BF%9D"));
        assert_eq!(own_page("/items/../departments").as_deref(), Some("/departments"));
        assert_eq!(own_page("").as_deref(), Some("/"));
    }

    #[test]
    fn refuses_what_a_browser_would_read_as_another_site() {
        for address in [
            "//evil.example/x",
            "/\t/evil.example",
            "/\n/evil.example",
            "/\r\n/evil.example",
            "/\\evil.example",
            "\\\\evil.example",
            "https://evil.example",
            " https://evil.example",
            "\u{1}https://evil.example",
            "javascript:alert(1)",
            "data:text/html,x",
        ] {
            assert_eq!(own_page(address), None, "{address:?}");
        }
    }

    #[test]
    fn drops_a_fragment_and_encodes_what_a_header_cannot_hold() {
        assert_eq!(own_page("/items#top").as_deref(), Some("/items"));
        assert_eq!(own_page("/a b\u{7f}").as_deref(), Some("/a%20b%7F"));
    }
}
