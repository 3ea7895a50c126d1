//! QR codes as SVG, drawn on the server: no image library, nothing for the phone to compute.

use qrcode::{render::svg, EcLevel, QrCode};

/// An inline `<svg>` for `url`; medium error correction survives a scuffed kiosk screen or a cheap camera.
pub fn qr_svg(url: &str) -> String {
    let code = QrCode::with_error_correction_level(url.as_bytes(), EcLevel::M).expect("a URL fits in a QR code");
    let svg = code
        .render::<svg::Color<'_>>()
        .min_dimensions(200, 200)
        .quiet_zone(true)
        .dark_color(svg::Color("#000000"))
        .light_color(svg::Color("#ffffff"))
        .build();
    // Inline in HTML, the XML declaration is noise.
    match svg.find("<svg") {
        Some(start) => svg[start..].to_string(),
        None => svg,
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn renders_an_inline_svg() {
        let svg = super::qr_svg("https://zsb.tjhb.gov.cn/items/1");
        assert!(svg.starts_with("<svg"));
        assert!(svg.contains("<path"));
    }
}
