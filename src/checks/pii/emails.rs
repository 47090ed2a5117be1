//! E-mail addresses (电子邮箱), except the agency's own.

use super::*;

pub(super) fn scan_emails(t: &Chars, allowed: &Allowed, out: &mut Vec<Span>) {
    let is_local = |c: char| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '%' | '+' | '-');
    let is_domain = |c: char| c.is_ascii_alphanumeric() || matches!(c, '.' | '-');
    for (i, &ch) in t.c.iter().enumerate() {
        if ch != '@' {
            continue;
        }
        let mut l = i;
        while l > 0 && is_local(t.c[l - 1]) {
            l -= 1;
        }
        while l < i && matches!(t.c[l], '.' | '_' | '%' | '+' | '-') {
            l += 1;
        }
        if l == i {
            continue;
        }
        let mut r = i + 1;
        while is_domain(t.at(r)) {
            r += 1;
        }
        while r > i + 1 && matches!(t.c[r - 1], '.' | '-') {
            r -= 1;
        }
        let domain = t.string(i + 1, r);
        let labels: Vec<&str> = domain.split('.').collect();
        let ok = labels.len() >= 2
            && labels
                .iter()
                .all(|l| !l.is_empty() && !l.starts_with('-') && !l.ends_with('-'))
            && labels
                .last()
                .is_some_and(|tld| tld.len() >= 2 && tld.bytes().all(|b| b.is_ascii_alphabetic()));
        if ok && !allowed.emails.contains(&t.string(l, r).to_lowercase()) {
            out.push(Span {
                start: l,
                end: r,
                kind: PiiKind::Email,
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::*;
    use super::*;

    #[test]
    fn emails() {
        one("邮箱zhangsan@163.com。", PiiKind::Email, "zhangsan@163.com");
        one(
            "邮箱：li.si_1990@qq.com；",
            PiiKind::Email,
            "li.si_1990@qq.com",
        );
        one(
            "E-mail:user+tag@sub.mail.example.org.",
            PiiKind::Email,
            "user+tag@sub.mail.example.org",
        );
        one("邮箱kefu＠example.com", PiiKind::Email, "kefu＠example.com");
        nothing("@某某 a@b 微博@城管 user@localhost");
        let mut a = Allowed::default();
        a.email("GongKai@cgzf.example.gov.cn");
        assert_eq!(found("gongkai@CGZF.example.gov.cn", &a), vec![]);
        assert_eq!(found("gongkai2@cgzf.example.gov.cn", &a).len(), 1);
    }

    // ---- 车牌号 ----------------------------------------------------------------------------
}
