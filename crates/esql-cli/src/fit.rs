//! Fitting a table to the terminal: how wide each column may be.
//!
//! The rule keeps short columns whole: the space left after the borders is
//! shared out in turn, narrowest column first; a column whose natural width
//! fits in its fair share keeps it, and the columns left split what remains
//! evenly. When that share is narrower than [`MIN_COLUMN`], no box fits and
//! the caller shows the records vertically instead.

use unicode_width::UnicodeWidthStr;

/// The narrowest a truncated column may become before the table switches to
/// the vertical view.
pub const MIN_COLUMN: usize = 6;

/// Columns at most this wide are kept whole first.
pub const SHORT_COLUMN: usize = 24;

/// Display width of the widest line of `text`.
pub fn text_width(text: &str) -> usize {
    text.lines().map(UnicodeWidthStr::width).max().unwrap_or(0)
}

/// The widths the columns get in a box of at most `total` terminal columns,
/// given each column's natural width; `None` when even the narrowest useful
/// widths do not fit (show the records vertically).
pub fn column_widths(natural: &[usize], total: usize) -> Option<Vec<usize>> {
    // A box of n columns spends 3n + 1 characters on borders and padding.
    let chrome = natural.len() * 3 + 1;
    let room = total.checked_sub(chrome)?;
    // Short columns (dates, addresses, names) stay whole when the long
    // ones can still get a useful width next to them.
    let short: usize = natural.iter().filter(|&&w| w <= SHORT_COLUMN).sum();
    let long = natural.iter().filter(|&&w| w > SHORT_COLUMN).count();
    if long > 0 && short + long * MIN_COLUMN <= room {
        let wide: Vec<usize> = natural
            .iter()
            .copied()
            .filter(|&w| w > SHORT_COLUMN)
            .collect();
        let mut shared = share(&wide, room - short)?.into_iter();
        return Some(
            natural
                .iter()
                .map(|&w| {
                    if w <= SHORT_COLUMN {
                        w
                    } else {
                        shared.next().unwrap_or(MIN_COLUMN)
                    }
                })
                .collect(),
        );
    }
    share(natural, room)
}

/// Water-filling of `room` between columns of natural widths `natural`.
fn share(natural: &[usize], room: usize) -> Option<Vec<usize>> {
    let mut left = room;
    let mut widths = natural.to_vec();
    let mut order: Vec<usize> = (0..natural.len()).collect();
    order.sort_by_key(|&i| natural.get(i).copied().unwrap_or(0));
    let mut pending = order.len();
    let mut squeezed = Vec::new();
    for &i in &order {
        let want = natural.get(i).copied().unwrap_or(0);
        let share = left / pending.max(1);
        if want <= share {
            left -= want;
            pending -= 1;
        } else {
            squeezed.push(i);
        }
    }
    if squeezed.is_empty() {
        return Some(widths);
    }
    let share = left / squeezed.len();
    if share < MIN_COLUMN {
        return None;
    }
    let mut extra = left - share * squeezed.len();
    for i in squeezed {
        if let Some(w) = widths.get_mut(i) {
            *w = share + usize::from(extra > 0);
            extra = extra.saturating_sub(1);
        }
    }
    Some(widths)
}

/// `text` cut to `width` display columns, each line on its own, ending with
/// `…` where something was cut.
pub fn truncate(text: &str, width: usize) -> String {
    text.split('\n')
        .map(|line| truncate_line(line, width))
        .collect::<Vec<_>>()
        .join("\n")
}

fn truncate_line(line: &str, width: usize) -> String {
    if line.width() <= width {
        return line.to_string();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in line.chars() {
        let w = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if used + w + 1 > width {
            break;
        }
        used += w;
        out.push(c);
    }
    out.push('…');
    out
}

/// `text` broken into lines of at most `width` display columns (existing
/// line breaks kept).
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let width = width.max(1);
    let mut lines = Vec::new();
    for line in text.split('\n') {
        let mut current = String::new();
        let mut used = 0;
        for c in line.chars() {
            let w = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
            if used + w > width && !current.is_empty() {
                lines.push(std::mem::take(&mut current));
                used = 0;
            }
            used += w;
            current.push(c);
        }
        lines.push(current);
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn everything_fits_keeps_natural_widths() {
        assert_eq!(column_widths(&[5, 10, 3], 80), Some(vec![5, 10, 3]));
    }

    #[test]
    fn short_columns_stay_whole_and_long_ones_share() {
        // 80 - 13 of borders = 67: 4 and 6 stay whole, 57 is left for two.
        let w = column_widths(&[4, 200, 6, 300], 80).unwrap();
        assert_eq!(w[0], 4);
        assert_eq!(w[2], 6);
        assert_eq!(w[1] + w[3], 57);
        assert!(w[1].abs_diff(w[3]) <= 1);
    }

    #[test]
    fn short_columns_win_over_an_even_share() {
        // 80 - 19 = 61: the five short columns take 42, the long one 19.
        let w = column_widths(&[24, 5, 7, 2, 4, 150], 80).unwrap();
        assert_eq!(w, vec![24, 5, 7, 2, 4, 19]);
    }

    #[test]
    fn too_many_columns_give_none() {
        assert_eq!(column_widths(&[20; 20], 80), None);
    }

    #[test]
    fn truncation_marks_the_cut() {
        assert_eq!(truncate("abcdefgh", 5), "abcd…");
        assert_eq!(truncate("abc", 5), "abc");
        assert_eq!(truncate("日本語日本", 5), "日本…");
        assert_eq!(text_width("日本"), 4);
    }

    #[test]
    fn wrapping_breaks_long_lines() {
        assert_eq!(wrap("abcdefg", 3), vec!["abc", "def", "g"]);
        assert_eq!(wrap("ab\ncd", 5), vec!["ab", "cd"]);
    }
}
