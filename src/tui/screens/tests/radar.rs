//! Tests of the radar screen code.

use ratatui::Terminal;
use ratatui::backend::TestBackend;

use super::*;

fn close(a: (f64, f64), b: (f64, f64)) -> bool {
    (a.0 - b.0).abs() < 1e-9 && (a.1 - b.1).abs() < 1e-9
}

#[test]
fn spokes_start_at_the_top_and_go_clockwise() {
    assert!(close(point(0, 4, Some(4.0), 4), (0.0, 1.0)));
    assert!(close(point(1, 4, Some(4.0), 4), (1.0, 0.0)));
    assert!(close(point(2, 4, Some(2.0), 4), (0.0, -0.5)));
    assert!(close(point(3, 4, Some(1.0), 4), (-0.25, 0.0)));
    // Not rated: the centre; out of range values stay on the wheel.
    assert!(close(point(5, 11, None, 4), (0.0, 0.0)));
    assert!(close(point(0, 11, Some(9.0), 4), (0.0, 1.0)));
    let (x, y) = point(3, 11, Some(2.5), 4);
    assert!((x.hypot(y) - 2.5 / 4.0).abs() < 1e-9);
    assert!(
        x > 0.0 && y < 0.0,
        "the fourth of eleven is right of and below the centre"
    );
}

#[test]
fn polygons_close_and_dotted_lines_keep_their_step() {
    let corners = polygon(&[Some(4.0), None, Some(2.0)], 4);
    assert_eq!(corners.len(), 3);
    assert!(close(corners[1], (0.0, 0.0)));
    let sides = edges(&corners);
    assert_eq!(sides.len(), 3);
    assert!(close(sides[2].1, corners[0]));
    let dots = dotted((0.0, 0.0), (1.0, 0.0), 0.3);
    assert_eq!(dots.len(), 5);
    assert!(close(dots[0], (0.0, 0.0)) && close(dots[4], (1.0, 0.0)));
    assert!(dots.windows(2).all(|w| (w[1].0 - w[0].0) <= 0.3));
    assert_eq!(dotted((0.0, 0.0), (0.0, 0.0), 0.0).len(), 2);
}

#[test]
fn radar_only_with_three_areas_and_room() {
    assert!(use_radar(11, 120, 37));
    assert!(use_radar(3, 100, 21));
    assert!(!use_radar(2, 120, 37), "two spokes make no polygon");
    assert!(!use_radar(11, 80, 21), "80 columns: bars");
    assert!(!use_radar(11, 120, 15), "too low");
}

#[test]
fn the_chart_looks_round_and_leaves_room_for_text() {
    let body = Rect::new(0, 1, 120, 37);
    let chart = chart_rect(body);
    assert_eq!(chart.width - 2, 2 * (chart.height - 2));
    assert!(body.width - chart.width >= TEXT_MIN);
    assert!(chart.height <= body.height && chart.y == 1);
    let inner = Rect::new(10, 5, 20, 10);
    assert_eq!(cell(inner, (0.0, 0.0)), Some((20, 10)));
    assert_eq!(cell(inner, (-EXTENT, EXTENT)), Some((10, 5)));
    assert_eq!(cell(inner, (EXTENT, -EXTENT)), Some((29, 14)));
    assert_eq!(cell(inner, (2.0, 0.0)), None);
}

#[test]
fn draws_spokes_rings_both_polygons_and_labels() {
    let wheel = Wheel {
        titles: (1..=5).map(|i| format!("Area {i}")).collect(),
        current: vec![Some(4.0), Some(3.0), Some(2.0), None, Some(1.0)],
        date: "2026-03-10".into(),
        previous: Some(("2026-03-04".into(), vec![Some(2.0); 5])),
        scale: "1 Emerging to 4 Strength".into(),
        levels: 4,
    };
    let mut terminal = Terminal::new(TestBackend::new(50, 24)).expect("terminal");
    terminal
        .draw(|f| render(f, f.area(), &wheel, &Theme::MONO, "The wheel"))
        .expect("draw");
    let text: String = terminal
        .backend()
        .buffer()
        .content()
        .iter()
        .map(|c| c.symbol())
        .collect();
    assert!(text.contains("The wheel"));
    for needle in ["●", "•", "1", "5"] {
        assert!(text.contains(needle), "{needle} missing");
    }
    assert!(text.chars().any(|c| ('\u{2801}'..='\u{28ff}').contains(&c)));

    let text = |lines: Vec<TextLine>| lines.iter().map(|l| format!("{l}\n")).collect::<String>();
    let key = text(key_lines(&wheel, &Theme::MONO, 50));
    assert!(key.contains("•• previous, 2026-03-04"), "{key}");
    assert!(
        key.contains("4 Area 4") && key.contains("not rated (was 2.0)"),
        "{key}"
    );
    let bars = text(bar_lines(&wheel, &Theme::MONO, 50));
    assert!(bars.contains("Area 1 4.0 ■■■■  (was 2.0)"), "{bars}");
    assert!(
        bars.contains("Area 4   – ····  not rated (was 2.0)"),
        "{bars}"
    );
}
