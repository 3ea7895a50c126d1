//! Photos residents send, made safe to keep (shared ground): recognised by their content (JPEG, PNG or WebP,
//! whatever the name or type says), decoded within pixel and memory limits, turned upright by their EXIF
//! orientation, shrunk to a size a handler can read, and re-encoded as JPEG, so EXIF (GPS, camera, time) is gone.
//! Only the re-encoded image is ever kept. Server-only.

use image::codecs::jpeg::JpegEncoder;
use image::{DynamicImage, ImageDecoder, ImageError, ImageFormat, ImageReader, Limits, RgbImage};
use std::io::Cursor;

/// The most a resident may send in one photo.
pub const MAX_BYTES: usize = 12 * 1024 * 1024;
/// Wider or taller than this is refused before decoding (a "decompression bomb" says it is huge in a few bytes).
const MAX_SIDE: u32 = 12_000;
/// Decoding may take no more memory than this.
const MAX_ALLOC: u64 = 512 * 1024 * 1024;
/// Kept at most this wide and tall: enough to read a meter or a crack, small enough for a phone on 3G.
pub const LONGEST_SIDE: u32 = 1600;
const QUALITY: u8 = 82;

/// A photo as kept: JPEG, upright, without metadata.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Photo {
    pub jpeg: Vec<u8>,
    pub width: u32,
    pub height: u32,
}

/// Why a file cannot be taken, for the resident.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum Unusable {
    #[error("只能上传JPG、PNG或WebP格式的照片。")]
    NotAPhoto,
    #[error("照片太大了：每张不超过12MB。")]
    TooLarge,
    #[error("照片的像素太多（长边超过12000像素），请换一张或截图后上传。")]
    TooManyPixels,
    #[error("这张照片打不开，可能已经损坏，请换一张。")]
    Broken,
}

/// Re-encodes a photo off the async threads (decoding a large photo takes a CPU for a while).
pub async fn re_encoded(bytes: Vec<u8>) -> Result<Photo, Unusable> {
    tokio::task::spawn_blocking(move || re_encode(&bytes)).await.unwrap_or(Err(Unusable::Broken))
}

/// Checks, decodes and re-encodes `bytes`.
pub fn re_encode(bytes: &[u8]) -> Result<Photo, Unusable> {
    if bytes.len() > MAX_BYTES {
        return Err(Unusable::TooLarge);
    }
    let format = image::guess_format(bytes).map_err(|_| Unusable::NotAPhoto)?;
    if !matches!(format, ImageFormat::Jpeg | ImageFormat::Png | ImageFormat::WebP) {
        return Err(Unusable::NotAPhoto);
    }
    let mut reader = ImageReader::with_format(Cursor::new(bytes), format);
    let mut limits = Limits::default();
    (limits.max_image_width, limits.max_image_height, limits.max_alloc) =
        (Some(MAX_SIDE), Some(MAX_SIDE), Some(MAX_ALLOC));
    reader.limits(limits);
    let mut decoder = reader.into_decoder().map_err(refusal)?;
    let orientation = decoder.orientation().unwrap_or(image::metadata::Orientation::NoTransforms);
    let mut image = DynamicImage::from_decoder(decoder).map_err(refusal)?;
    image.apply_orientation(orientation);
    if image.width().max(image.height()) > LONGEST_SIDE {
        image = image.resize(LONGEST_SIDE, LONGEST_SIDE, image::imageops::FilterType::Triangle);
    }
    let rgb = on_white(&image);
    let mut jpeg = Vec::new();
    JpegEncoder::new_with_quality(&mut jpeg, QUALITY).encode_image(&rgb).map_err(|_| Unusable::Broken)?;
    Ok(Photo { jpeg, width: rgb.width(), height: rgb.height() })
}

fn refusal(error: ImageError) -> Unusable {
    match error {
        ImageError::Limits(_) => Unusable::TooManyPixels,
        ImageError::Unsupported(_) => Unusable::NotAPhoto,
        _ => Unusable::Broken,
    }
}

/// JPEG has no transparency: a transparent screenshot's background becomes white, not black.
fn on_white(image: &DynamicImage) -> RgbImage {
    if !image.color().has_alpha() {
        return image.to_rgb8();
    }
    let rgba = image.to_rgba8();
    RgbImage::from_fn(rgba.width(), rgba.height(), |x, y| {
        let [r, g, b, a] = rgba.get_pixel(x, y).0;
        let blend = |c: u8| ((u16::from(c) * u16::from(a) + 255 * (255 - u16::from(a))) / 255) as u8;
        image::Rgb([blend(r), blend(g), blend(b)])
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use image::{ImageEncoder, Rgba, RgbaImage};

    fn png(width: u32, height: u32, pixel: [u8; 4]) -> Vec<u8> {
        let image = RgbaImage::from_pixel(width, height, Rgba(pixel));
        let mut bytes = Vec::new();
        image::codecs::png::PngEncoder::new(&mut bytes)
            .write_image(&image, width, height, image::ExtendedColorType::Rgba8)
            .unwrap();
        bytes
    }

    /// A JPEG as a phone makes it: an EXIF segment right after the start marker, with the orientation (6: the
    /// camera was turned, show it rotated 90° clockwise) and a GPS position.
    fn phone_jpeg(width: u32, height: u32) -> Vec<u8> {
        let mut plain = Vec::new();
        JpegEncoder::new(&mut plain)
            .encode_image(&RgbImage::from_pixel(width, height, image::Rgb([90, 120, 200])))
            .unwrap();
        let mut tiff: Vec<u8> = b"II*\0\x08\0\0\0".to_vec();
        tiff.extend([2, 0]); // two entries
        tiff.extend([0x12, 0x01, 3, 0, 1, 0, 0, 0, 6, 0, 0, 0]); // Orientation = 6
        tiff.extend([0x25, 0x88, 4, 0, 1, 0, 0, 0, 38, 0, 0, 0]); // GPS IFD at offset 38
        tiff.extend([0, 0, 0, 0]); // no next IFD
        tiff.extend([1, 0]); // the GPS IFD: one entry
        tiff.extend([0x01, 0x00, 2, 0, 2, 0, 0, 0, b'N', 0, 0, 0]); // GPSLatitudeRef = "N"
        tiff.extend([0, 0, 0, 0]);
        let mut app1 = b"Exif\0\0".to_vec();
        app1.extend(&tiff);
        let mut jpeg = plain[..2].to_vec();
        jpeg.extend([0xFF, 0xE1]);
        jpeg.extend(((app1.len() + 2) as u16).to_be_bytes());
        jpeg.extend(&app1);
        jpeg.extend(&plain[2..]);
        jpeg
    }

    #[test]
    fn a_phones_jpeg_is_turned_upright_and_kept_without_its_exif() {
        let sent = phone_jpeg(40, 20);
        assert!(sent.windows(4).any(|w| w == b"Exif"), "the test photo carries EXIF");
        let kept = re_encode(&sent).unwrap();
        assert_eq!((kept.width, kept.height), (20, 40), "rotated as its orientation says");
        assert!(!kept.jpeg.windows(4).any(|w| w == b"Exif"));
        assert_eq!(image::guess_format(&kept.jpeg).unwrap(), ImageFormat::Jpeg);
    }

    #[test]
    fn a_large_photo_is_shrunk_to_the_longest_side_and_a_transparent_one_lands_on_white() {
        let kept = re_encode(&png(3200, 800, [0, 0, 0, 0])).unwrap();
        assert_eq!((kept.width, kept.height), (1600, 400));
        let decoded = image::load_from_memory(&kept.jpeg).unwrap().to_rgb8();
        assert!(decoded.get_pixel(10, 10).0.iter().all(|&c| c > 240), "white, not black");
    }

    #[test]
    fn only_jpeg_png_and_webp_are_taken_whatever_the_file_says() {
        assert_eq!(re_encode(b"GIF89a\x01\0\x01\0\0\0\0;"), Err(Unusable::NotAPhoto));
        assert_eq!(re_encode(b"<script>alert(1)</script>"), Err(Unusable::NotAPhoto));
        assert_eq!(re_encode(b"%PDF-1.7"), Err(Unusable::NotAPhoto));
        let mut truncated = png(50, 50, [1, 2, 3, 255]);
        truncated.truncate(60);
        assert_eq!(re_encode(&truncated), Err(Unusable::Broken));
    }

    #[test]
    fn an_image_claiming_more_pixels_than_allowed_is_refused_before_decoding() {
        assert_eq!(re_encode(&png(12_001, 1, [0, 0, 0, 255])), Err(Unusable::TooManyPixels));
        assert_eq!(re_encode(&vec![0xFF; MAX_BYTES + 1]), Err(Unusable::TooLarge));
    }
}
