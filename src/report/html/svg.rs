//! A few SVG primitives for the report's charts: rectangles, lines, text
//! and polylines on an integer grid, each shape with an optional `<title>`
//! (shown on hover, no script needed).

use crate::render::html::escape;
use std::fmt::Write;

/// One SVG picture being drawn.
pub struct Svg {
    width: i64,
    height: i64,
    label: String,
    body: String,
}

impl Svg {
    /// A picture of this size; `label` is what a screen reader says.
    pub fn new(width: i64, height: i64, label: &str) -> Svg {
        Svg { width, height, label: label.to_string(), body: String::new() }
    }

    pub fn rect(&mut self, x: i64, y: i64, w: i64, h: i64, fill: &str, title: Option<&str>) {
        let (w, h) = (w.max(1), h.max(1));
        let _ = write!(self.body, "<rect x=\"{x}\" y=\"{y}\" width=\"{w}\" height=\"{h}\" fill=\"{fill}\">");
        self.title(title);
        self.body.push_str("</rect>\n");
    }

    pub fn line(&mut self, (x1, y1): (i64, i64), (x2, y2): (i64, i64), stroke: &str, dashed: bool) {
        let dash = if dashed { " stroke-dasharray=\"5 4\"" } else { "" };
        let _ = writeln!(
            self.body,
            "<line x1=\"{x1}\" y1=\"{y1}\" x2=\"{x2}\" y2=\"{y2}\" stroke=\"{stroke}\" stroke-width=\"1.5\"{dash}/>"
        );
    }

    /// Text at a point; `anchor` is `start`, `middle` or `end`.
    pub fn text(&mut self, x: i64, y: i64, anchor: &str, size: i64, fill: &str, text: &str) {
        let _ = writeln!(
            self.body,
            "<text x=\"{x}\" y=\"{y}\" text-anchor=\"{anchor}\" font-size=\"{size}\" fill=\"{fill}\" stroke=\"#fff\" stroke-width=\"3\" paint-order=\"stroke\">{}</text>",
            escape(text)
        );
    }

    pub fn polyline(&mut self, points: &[(i64, i64)], stroke: &str) {
        let pts: Vec<String> = points.iter().map(|(x, y)| format!("{x},{y}")).collect();
        let _ = writeln!(
            self.body,
            "<polyline points=\"{}\" fill=\"none\" stroke=\"{stroke}\" stroke-width=\"2\" stroke-linejoin=\"round\"/>",
            pts.join(" ")
        );
    }

    fn title(&mut self, title: Option<&str>) {
        if let Some(t) = title {
            let _ = write!(self.body, "<title>{}</title>", escape(t));
        }
    }

    pub fn finish(self) -> String {
        format!(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {w} {h}\" width=\"{w}\" height=\"{h}\" role=\"img\" aria-label=\"{}\">\n{}</svg>\n",
            escape(&self.label),
            self.body,
            w = self.width,
            h = self.height
        )
    }
}

/// `value` of `range` mapped onto `pixels`, in integers (`range > 0`).
pub fn scale(value: i128, range: i128, pixels: i64) -> i64 {
    if range <= 0 {
        return 0;
    }
    (value.clamp(i128::from(i64::MIN / 4), i128::from(i64::MAX / 4)) * i128::from(pixels) / range) as i64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shapes_are_escaped_and_sized() {
        let mut s = Svg::new(100, 50, "a <chart>");
        s.rect(1, 2, 0, 3, "red", Some("incident A&B"));
        s.text(5, 6, "start", 10, "black", "99.9% < 100%");
        let out = s.finish();
        assert!(out.contains("aria-label=\"a &lt;chart&gt;\""));
        assert!(out.contains("width=\"1\" height=\"3\""), "a zero-width rectangle is drawn one pixel wide");
        assert!(out.contains("<title>incident A&amp;B</title>"));
        assert!(out.contains(">99.9% &lt; 100%</text>"));
    }

    #[test]
    fn scaling_is_integer_and_bounded() {
        assert_eq!(scale(50, 100, 300), 150);
        assert_eq!(scale(1, 3, 100), 33);
        assert_eq!(scale(5, 0, 100), 0);
    }
}
