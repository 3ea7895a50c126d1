//! `GET /rankings/{month}/card.png`: a published month's share card, drawn here as a PNG (1200×630, the size the
//! district's channels show a link's picture at): its words (`app::rankings::card`) in the bundled font, and the QR
//! code of the month's page. Public, as the month's page is; a correction draws the new version's.

use crate::forms::Visit;
use crate::problem::Problem;
use ab_glyph::{Font, FontRef, PxScale, ScaleFont};
use app::rankings::card::{card, Card};
use app::rankings::service;
use axum::extract::Path;
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use image::{ImageEncoder, Rgba, RgbaImage};

/// Noto Sans CJK SC, cut down to the characters a card shows (`cargo xtask gen-card-font`).
const FONT: &[u8] = include_bytes!("../../assets/card-font.otf");

const WIDTH: u32 = 1200;
const HEIGHT: u32 = 630;
const MARGIN: f32 = 56.0;
const QR_SIDE: u32 = 260;
const RED: Rgba<u8> = Rgba([0xb0, 0x1e, 0x23, 0xff]);
const INK: Rgba<u8> = Rgba([0x1a, 0x1a, 0x1a, 0xff]);
const MUTED: Rgba<u8> = Rgba([0x55, 0x55, 0x55, 0xff]);
const WHITE: Rgba<u8> = Rgba([0xff, 0xff, 0xff, 0xff]);

pub async fn png(visit: Visit, Path(month): Path<String>) -> Response {
    let services = visit.services();
    let published = match service::open_data(services).await {
        Ok(all) => all,
        Err(error) => {
            tracing::error!(%error, "could not read the published standings for a share card");
            return Problem::new(StatusCode::SERVICE_UNAVAILABLE, "暂时无法读取已公布的排名，请稍后再试。")
                .into_response();
        }
    };
    // The latest version first (`open_data`'s order).
    let Some(latest) = published.iter().find(|p| p.month == month) else {
        return Problem::new(StatusCode::NOT_FOUND, "这个月的考评结果还没有公布。").into_response();
    };
    let url = format!("{}/rankings/{month}", services.site.public_base_url);
    match draw(&card(latest, &url, services.site.demo)) {
        Ok(bytes) => ([(header::CONTENT_TYPE, "image/png"), (header::CACHE_CONTROL, "public, max-age=3600")], bytes)
            .into_response(),
        Err(error) => {
            tracing::error!(%error, "could not draw a share card");
            Problem::new(StatusCode::INTERNAL_SERVER_ERROR, "暂时无法生成分享图片，请稍后再试。").into_response()
        }
    }
}

/// The card as PNG bytes.
pub fn draw(card: &Card) -> anyhow::Result<Vec<u8>> {
    let font = FontRef::try_from_slice(FONT)?;
    let mut image = RgbaImage::from_pixel(WIDTH, HEIGHT, WHITE);
    fill(&mut image, 0, 0, WIDTH, 112, RED);
    let text_width = WIDTH as f32 - 3.0 * MARGIN - QR_SIDE as f32;
    write(&mut image, &font, &card.heading, (MARGIN, 72.0), 40.0, WHITE, WIDTH as f32);
    let mut y = 180.0;
    y = write(&mut image, &font, &card.title, (MARGIN, y), 40.0, INK, text_width) + 58.0;
    for (heading, lines) in &card.sections {
        y = write(&mut image, &font, heading, (MARGIN, y), 26.0, RED, text_width) + 40.0;
        for line in lines {
            y = write(&mut image, &font, line, (MARGIN, y), 26.0, INK, text_width) + 38.0;
        }
        y += 14.0;
    }
    write(&mut image, &font, &card.footer, (MARGIN, HEIGHT as f32 - 36.0), 22.0, MUTED, WIDTH as f32);
    qr(&mut image, &card.url, WIDTH - MARGIN as u32 - QR_SIDE, 170)?;
    let mut bytes = Vec::new();
    image::codecs::png::PngEncoder::new(&mut bytes).write_image(
        image.as_raw(),
        WIDTH,
        HEIGHT,
        image::ExtendedColorType::Rgba8,
    )?;
    Ok(bytes)
}

fn fill(image: &mut RgbaImage, x: u32, y: u32, width: u32, height: u32, colour: Rgba<u8>) {
    for py in y..(y + height).min(image.height()) {
        for px in x..(x + width).min(image.width()) {
            image.put_pixel(px, py, colour);
        }
    }
}

/// Writes `text` from `at` (its first baseline), wrapping at `width`; the last baseline written.
fn write(
    image: &mut RgbaImage,
    font: &FontRef,
    text: &str,
    at: (f32, f32),
    size: f32,
    colour: Rgba<u8>,
    width: f32,
) -> f32 {
    let scale = PxScale::from(size);
    let scaled = font.as_scaled(scale);
    let (mut x, mut y) = at;
    for c in text.chars() {
        let id = font.glyph_id(c);
        let advance = scaled.h_advance(id);
        if x + advance > at.0 + width {
            (x, y) = (at.0, y + size * 1.35);
        }
        if let Some(outlined) = font.outline_glyph(id.with_scale_and_position(scale, ab_glyph::point(x, y))) {
            let bounds = outlined.px_bounds();
            outlined.draw(|gx, gy, coverage| {
                let (px, py) = (bounds.min.x as i64 + i64::from(gx), bounds.min.y as i64 + i64::from(gy));
                if let (Ok(px), Ok(py)) = (u32::try_from(px), u32::try_from(py)) {
                    if px < image.width() && py < image.height() {
                        let under = *image.get_pixel(px, py);
                        image.put_pixel(px, py, blend(under, colour, coverage));
                    }
                }
            });
        }
        x += advance;
    }
    y
}

fn blend(under: Rgba<u8>, over: Rgba<u8>, coverage: f32) -> Rgba<u8> {
    let mix = |a: u8, b: u8| (f32::from(a) * (1.0 - coverage) + f32::from(b) * coverage).round() as u8;
    Rgba([mix(under[0], over[0]), mix(under[1], over[1]), mix(under[2], over[2]), 0xff])
}

/// The QR code of `url`, `QR_SIDE` square at (`x`, `y`), with its quiet zone.
fn qr(image: &mut RgbaImage, url: &str, x: u32, y: u32) -> anyhow::Result<()> {
    let code = qrcode::QrCode::new(url.as_bytes())?;
    let modules = code.width() as u32;
    let quiet = 4;
    let module = QR_SIDE / (modules + 2 * quiet);
    let offset = (QR_SIDE - module * modules) / 2;
    for (at, colour) in code.to_colors().into_iter().enumerate() {
        if colour == qrcode::Color::Dark {
            let (column, row) = (at as u32 % modules, at as u32 / modules);
            fill(image, x + offset + column * module, y + offset + row * module, module, module, INK);
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every character a card can show has its glyph: those of the card's words and of every department's name.
    #[test]
    fn the_bundled_font_has_every_character_a_card_shows() {
        let font = FontRef::try_from_slice(FONT).unwrap();
        let catalog = crate::catalog::seed::catalog().unwrap();
        let names: String = catalog.departments.iter().map(|d| d.name.as_str()).collect();
        let card_words = include_str!("../../../app/src/rankings/card.rs");
        let missing: String =
            card_words.chars().chain(names.chars()).filter(|c| !c.is_control() && font.glyph_id(*c).0 == 0).collect();
        assert!(missing.is_empty(), "missing {missing:?}: run `cargo xtask gen-card-font`");
    }

    #[test]
    fn a_card_is_a_png_of_the_size_channels_show() {
        let card = Card {
            heading: "河北区政务服务部门月度考评".into(),
            title: "2026年10月考评结果（第1版）".into(),
            sections: vec![("综合得分前三名".into(), vec!["第1名 河北区商务局 95.0分".into()])],
            footer: "2026年11月9日公布".into(),
            url: "https://zsb.tjhb.example.cn/rankings/2026-10".into(),
        };
        let png = draw(&card).unwrap();
        let image = image::load_from_memory(&png).unwrap();
        assert_eq!((image.width(), image.height()), (1200, 630));
        // The heading band is the district's red; the words are drawn in it.
        let rgba = image.to_rgba8();
        assert_eq!(*rgba.get_pixel(4, 4), RED);
        let band_has_words =
            (0..1200).flat_map(|x| (0..112).map(move |y| (x, y))).any(|(x, y)| *rgba.get_pixel(x, y) == WHITE);
        assert!(band_has_words);
    }
}
