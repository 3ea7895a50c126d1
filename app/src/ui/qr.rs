//! QR codes as SVG, drawn on the server: no image library, nothing for the phone to compute.

use qrcode::{render::svg, types::QrError, EcLevel, QrCode};
use std::sync::LazyLock;

/// An inline `<svg>` for `url`; medium error correction survives a scuffed kiosk screen or a cheap camera. A URL
/// longer than a QR code holds (about 2,300 bytes) has none.
pub fn qr_svg(url: &str) -> Result<String, QrError> {
    let code = QrCode::with_error_correction_level(url.as_bytes(), EcLevel::M)?;
    let svg = code
        .render::<svg::Color<'_>>()
        .min_dimensions(200, 200)
        .quiet_zone(true)
        .dark_color(svg::Color("#000000"))
        .light_color(svg::Color("#ffffff"))
        .build();
    // Inline in HTML, the XML declaration is noise.
    Ok(match svg.find("<svg") {
        Some(start) => svg[start..].to_string(),
        None => svg,
    })
}

/// The QR code of a public address (an item's page, a page of the normal site), drawn once per process: choosing
/// a code's mask was most of an item page's work. Bounded, so addresses sent from outside cannot grow it.
pub fn public_qr_svg(url: &str) -> Result<String, QrError> {
    static DRAWN: LazyLock<quick_cache::sync::Cache<String, String>> =
        LazyLock::new(|| quick_cache::sync::Cache::new(2_048));
    DRAWN.get_or_insert_with(url, || qr_svg(url))
}

#[cfg(test)]
mod tests {
    #[test]
    fn renders_an_inline_svg() {
        let svg = super::qr_svg("https://zsb.tjhb.gov.cn/items/1").unwrap();
        assert!(svg.starts_with("<svg"));
        assert!(svg.contains("<path"));
    }

    #[test]
    fn an_address_too_long_for_a_qr_code_has_none() {
        assert!(super::qr_svg(&format!("https://zsb.tjhb.gov.cn/{}", "a".repeat(2_400))).is_err());
    }
}
