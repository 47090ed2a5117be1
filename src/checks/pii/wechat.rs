//! WeChat ids (微信号): an id after 微信/VX (or before 为微信号), and any `wxid_` id.

use super::labels::{CONNECTIVES, Labels, value_start};
use super::*;

static LABELS: LazyLock<Labels> =
    LazyLock::new(|| Labels::new("微信 微信号 微信号码 VX vx Vx V信 v信 wx WX"));

pub(super) fn scan_wechat(t: &Chars, out: &mut Vec<Span>) {
    let n = t.c.len();
    let mut i = 0;
    while i < n {
        // wxid_… is a WeChat id wherever it is.
        if t.c[i] == 'w'
            && t.starts_with(i, &['w', 'x', 'i', 'd', '_'])
            && let Some(end) = wechat_id(t, i)
        {
            out.push(Span {
                start: i,
                end,
                kind: PiiKind::WeChat,
            });
            i = end;
            continue;
        }
        if let Some(label) = LABELS.ending_at(t, i)
            && !(t.c[label].is_ascii_alphabetic() && t.before(label).is_ascii_alphanumeric())
        {
            let p = value_start(t, i + 1, &format!("{CONNECTIVES}均"), 6);
            if let Some(end) = wechat_id(t, p) {
                out.push(Span {
                    start: p,
                    end,
                    kind: PiiKind::WeChat,
                });
                i = end;
                continue;
            }
        }
        // “kaochuan_laozhao”为微信号: the label after the id.
        if t.c[i].is_ascii_alphabetic()
            && !t.before(i).is_ascii_alphanumeric()
            && let Some(end) = wechat_id(t, i)
        {
            let mut q = end;
            while matches!(t.at(q), '”' | '"' | '\'' | ' ') {
                q += 1;
            }
            if ['为', '是'].contains(&t.at(q)) && t.starts_with(q + 1, &['微', '信']) {
                out.push(Span {
                    start: i,
                    end,
                    kind: PiiKind::WeChat,
                });
            }
            i = end;
            continue;
        }
        i += 1;
    }
}

/// A WeChat id at `p`: a letter, then 5 to 19 letters, digits, `_` or `-` (`wxid_` ids up to
/// 30), standing alone (not part of an e-mail address or a longer word). An id of letters only
/// must be at least 8 lower-case letters, so that `WeChat` or an English word is not one.
fn wechat_id(t: &Chars, p: usize) -> Option<usize> {
    if !t.at(p).is_ascii_alphabetic() || t.before(p).is_ascii_alphanumeric() || t.before(p) == '@' {
        return None;
    }
    let is_id = |c: char| c.is_ascii_alphanumeric() || matches!(c, '_' | '-');
    let mut e = p;
    while is_id(t.at(e)) {
        e += 1;
    }
    while e > p && t.c[e - 1] == '-' {
        e -= 1;
    }
    let id = &t.c[p..e];
    let max = if t.starts_with(p, &['w', 'x', 'i', 'd', '_']) {
        30
    } else {
        20
    };
    let marked = id
        .iter()
        .any(|c| c.is_ascii_digit() || matches!(c, '_' | '-'));
    let plain = id.len() >= 8 && id.iter().all(char::is_ascii_lowercase);
    let ok = (6..=max).contains(&id.len())
        && (marked || plain)
        && !matches!(t.at(e), '@' | '.' if t.at(e + 1).is_ascii_alphanumeric())
        && t.at(e) != '@';
    ok.then_some(e)
}

#[cfg(test)]
mod tests {
    use super::super::test_support::*;
    use super::*;

    #[test]
    fn wechat_ids() {
        one("微信：zhang_san88", PiiKind::WeChat, "zhang_san88");
        one("VX：chen2019jh", PiiKind::WeChat, "chen2019jh");
        one(
            "微信（ID：sunhao_1122）提交",
            PiiKind::WeChat,
            "sunhao_1122",
        );
        one(
            "视频号、微信号均为xiaopeng_bbq，",
            PiiKind::WeChat,
            "xiaopeng_bbq",
        );
        one(
            "以“kaochuan_laozhao”为微信号发布",
            PiiKind::WeChat,
            "kaochuan_laozhao",
        );
        one(
            "收款账户wxid_8oeql51s13w2。",
            PiiKind::WeChat,
            "wxid_8oeql51s13w2",
        );
        one("微信号fengxiaomei", PiiKind::WeChat, "fengxiaomei");
    }

    #[test]
    fn words_after_wechat_are_not_ids() {
        nothing("微信（WeChat）公众号、微信群、微信支付");
        assert_eq!(kinds("通过微信zhang@163.com"), vec![PiiKind::Email]);
        nothing("型号KFR-35GW，编号XDS-GX-1583");
    }
}
