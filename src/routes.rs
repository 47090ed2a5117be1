//! Every site address and every public name of a place on the site, spelled once.
//!
//! This is the bottom layer: every module may import it and it imports nothing of the crate.
//! A list has one public name ([`Place::title`]) used as its page title, in breadcrumbs, in
//! links and in data-set titles; the navigation bar shows a shorter form of the same name
//! ([`Place::nav`]). Item addresses are functions of the id. The tidy test fails when an
//! address literal appears anywhere else in `src/`.

/// A place on the site with its own address and public name: a list, a guide, a tool.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Place {
    /// The address, ending in `/` (a directory page) or a file name.
    pub path: &'static str,
    /// The one public name: page title, breadcrumb, link text.
    pub title: &'static str,
    /// The short form in the navigation bar.
    pub nav: &'static str,
    /// What the place is for, in one or two plain sentences: the lead under its title and
    /// the text search matches it by.
    pub about: &'static str,
}

impl Place {
    const fn new(path: &'static str, title: &'static str, nav: &'static str) -> Place {
        Place {
            path,
            title,
            nav,
            about: "",
        }
    }

    const fn about(self, about: &'static str) -> Place {
        Place { about, ..self }
    }

    /// This place as a breadcrumb: (label, address).
    pub fn crumb(&self) -> (String, String) {
        (self.title.to_string(), self.path.to_string())
    }
}

pub const HOME: Place = Place::new("/", "首页", "首页");
/// 法律风险防控清单.
pub const RISKS: Place = Place::new("/risks/", "法律风险防控清单", "风险防控清单")
    .about("经营、生活中哪些做法违反城市管理规定：每一项写明表现形式、法律后果、罚款和怎样做才合规，按领域和风险等级排列。经营前先查一查。");
/// 经营前自查: risks by type of business, printable.
pub const SELF_CHECK: Place = Place::new("/self-check/", "经营前自查", "经营前自查");
/// 办事指南: how to get the permits the risk list says are needed.
pub const GUIDES: Place = Place::new("/guides/", "办事指南", "办事指南")
    .about("想占道施工、挖路、设招牌、砍树、处置建筑垃圾，先办许可：谁可以申请、要什么材料、到哪里办、多少个工作日、收不收费、依据是什么。");
/// 涉企行政检查事项清单, with the year's plan and results.
pub const INSPECTIONS: Place = Place::new("/inspections/", "涉企行政检查事项清单", "涉企检查")
    .about("执法局可以对企业和商户检查什么：每一项写明检查依据、检查标准、检查方式、检查对象、每年最多检查几次，以及年度检查计划和检查结果。清单以外的检查不得实施。");
/// 权责清单.
pub const POWERS: Place = Place::new("/powers/", "权责清单", "权责清单")
    .about("执法局依法可以做什么、必须做什么：每一项行政处罚、行政强制、行政检查、行政许可的依据、实施主体、责任和追责情形。");
/// 包容免罚清单 and 从轻减轻清单 (两轻一免), one list.
pub const EXEMPTIONS: Place = Place::new("/exemptions/", "包容免罚与从轻减轻清单", "免罚从轻清单")
    .about("第一次违法、轻微违法并及时改正的，哪些可以不罚（包容免罚清单），哪些可以从轻、减轻处罚（从轻减轻清单），各自要满足什么条件。");
/// 行政处罚裁量基准.
pub const BENCHMARKS: Place = Place::new("/benchmarks/", "行政处罚裁量基准", "裁量基准")
    .about("罚款标准：每一类违法行为按情节轻重分档，写明每一档罚多少、什么情形算哪一档。");
/// 行政处罚决定公开.
pub const DECISIONS: Place = Place::new("/decisions/", "行政处罚决定公开", "处罚决定")
    .about("已经作出的行政处罚决定：按文号、年份、月份、领域、违法行为查询；当事人是个人的，姓名等个人信息已经隐去。");
/// 典型案例.
pub const CASES: Place = Place::new("/cases/", "典型案例", "典型案例")
    .about("以案释法：别人遇到的问题和处理结果，看看怎样避免自己踩坑。");
/// 执法主体 and 事前公开.
pub const AGENCIES: Place = Place::new("/agencies/", "执法主体与事前公开", "执法主体").about(
    "执法机关的名称、地址、电话、职责、执法依据、执法程序、执法人员名单和执法证号、投诉监督渠道。",
);
/// 权利救济指南: the staff-written page with id [`REMEDIES_PAGE_ID`] plus every channel.
pub const REMEDIES: Place = Place::new("/remedies/", "权利救济指南", "权利救济");
/// 我的罚单: a party's own dates (pay, 加处罚款, 复议, 诉讼, publication and 信用修复) from the day
/// they received a decision. The build writes the empty form; the server answers the filled one.
pub const TICKET: Place = Place::new("/ticket/", "我的罚单：算一算我的期限", "我的罚单")
    .about("收到处罚决定书或者事先告知书后，填上日期和金额，算出缴纳罚款、加处罚款、申请行政复议、提起行政诉讼的最后一天，以及处罚信息公示多久、什么时候可以申请信用修复。");
/// The same timeline as a calendar file (same query parameters as [`TICKET`]).
pub const TICKET_ICS: &str = "/ticket/ticket.ics";
/// What the server needs to answer [`TICKET`] without the content: calendar, agencies, periods.
pub const TICKET_RULES: &str = "/ticket/rules.json";
/// The ticket page for a query string (already encoded).
pub fn ticket_for(query: &str) -> String {
    format!("{}?{query}", TICKET.path)
}
/// The calendar file for a query string (already encoded).
pub fn ticket_ics_for(query: &str) -> String {
    format!("{TICKET_ICS}?{query}")
}
/// 信用中国, where 信用修复 is applied for.
pub const CREDIT_CHINA: &str = "https://www.creditchina.gov.cn/";
/// 我要举报: how to report a violation (the staff-written page with id `report`).
pub const REPORT: Place = Place::new("/report/", "我要举报违法行为", "我要举报")
    .about("发现占道经营、违法建设、噪声扰民、乱倒垃圾等城市管理违法行为，打什么电话、在哪里举报、要说清什么、多久有答复、没人管怎么办。");
/// 投诉执法人员: how to complain about an officer (the page with id `complain`).
pub const COMPLAIN: Place = Place::new("/complain/", "投诉执法人员", "投诉执法人员")
    .about("执法人员态度恶劣、不出示执法证、乱罚款、不开罚款收据等，向谁投诉、怎样核对执法证、投诉以后会怎样。");
/// 职责边界: matters the agency does not handle, and who does.
pub const REFERRALS: Place = Place::new("/referrals/", "不归城管管的事找谁", "职责边界")
    .about("遛狗不拴绳、邻居吵闹、过期食品、拖欠工资等不归城市管理执法部门管的事，该找哪个部门、打什么电话、依据什么规定。");
/// 音像记录事项清单 (a register at its own place).
pub const AV_RECORDING: Place = Place::new("/av-recording/", "音像记录事项清单", "音像记录")
    .about("哪些执法活动要全程录音录像，哪些只记录关键环节，用什么设备记录。");
/// 重大执法决定法制审核目录 (a register at its own place).
pub const LEGAL_REVIEW: Place =
    Place::new("/legal-review/", "重大执法决定法制审核目录", "法制审核目录")
        .about("哪些执法决定在作出之前必须经过法制审核，审核什么、由谁审核。");
/// 网站地图: every list and page of the site, as HTML.
pub const SITE_MAP: Place = Place::new("/sitemap/", "网站地图", "网站地图");
/// 执法统计.
pub const STATISTICS: Place = Place::new("/statistics/", "执法统计", "执法统计");
/// 开放数据与订阅: every download and feed.
pub const OPEN_DATA: Place = Place::new("/open-data/", "开放数据与订阅", "开放数据");
/// The search results page as built (the shell the server fills in); see [`SEARCH`].
pub const SEARCH_SHELL: Place = Place::new("/search/", "搜索", "搜索");
/// The page answered for an unknown address.
pub const NOT_FOUND: Place = Place::new("/404.html", "页面不存在", "页面不存在");

/// The navigation bar, in order.
pub const NAV: [&Place; 12] = [
    &HOME,
    &RISKS,
    &SELF_CHECK,
    &GUIDES,
    &POWERS,
    &INSPECTIONS,
    &EXEMPTIONS,
    &BENCHMARKS,
    &DECISIONS,
    &CASES,
    &AGENCIES,
    &REMEDIES,
];

/// Id of the free page whose body becomes the remedies guide at [`REMEDIES`].
pub const REMEDIES_PAGE_ID: &str = "remedies";

/// Free pages that have a place of their own (a short address, a name in links and menus)
/// instead of `/pages/{id}/`.
pub const PAGE_PLACES: [(&str, &Place); 3] = [
    (REMEDIES_PAGE_ID, &REMEDIES),
    ("report", &REPORT),
    ("complain", &COMPLAIN),
];

// Item pages.

pub fn risk(id: &str) -> String {
    format!("{}{id}/", RISKS.path)
}
pub fn power(id: &str) -> String {
    format!("{}{id}/", POWERS.path)
}
pub fn exemption(id: &str) -> String {
    format!("{}{id}/", EXEMPTIONS.path)
}
pub fn benchmark(id: &str) -> String {
    format!("{}{id}/", BENCHMARKS.path)
}
pub fn decision(id: &str) -> String {
    format!("{}{id}/", DECISIONS.path)
}
pub fn guide(id: &str) -> String {
    format!("{}{id}/", GUIDES.path)
}
/// An inspection item (`JC-I-001`) or a year's plan or results (`plan-2026`).
pub fn inspection(id: &str) -> String {
    format!("{}{id}/", INSPECTIONS.path)
}
/// Registers that have a place of their own (a short address and a public name).
pub const REGISTER_PLACES: [(&str, &Place); 2] = [
    ("av-recording", &AV_RECORDING),
    ("legal-review", &LEGAL_REVIEW),
];
/// The place of a register, if it has one.
pub fn register_place(id: &str) -> Option<&'static Place> {
    REGISTER_PLACES
        .iter()
        .find(|(r, _)| *r == id)
        .map(|(_, place)| *place)
}
/// A register: at its place when it has one ([`REGISTER_PLACES`]), else under `/registers/`.
pub fn register(id: &str) -> String {
    match register_place(id) {
        Some(place) => place.path.to_string(),
        None => format!("/registers/{id}/"),
    }
}
pub fn case(id: &str) -> String {
    format!("{}{id}/", CASES.path)
}
pub fn agency(id: &str) -> String {
    format!("{}{id}/", AGENCIES.path)
}
/// Anchors of an agency page's sections that answer questions of their own.
pub const AGENCY_STAFF_ANCHOR: &str = "staff";
pub const AGENCY_SUPERVISION_ANCHOR: &str = "supervision";

/// A free page: at its place when it has one ([`PAGE_PLACES`]), else under `/pages/`.
pub fn page(id: &str) -> String {
    match PAGE_PLACES.iter().find(|(page, _)| *page == id) {
        Some((_, place)) => place.path.to_string(),
        None => format!("/pages/{id}/"),
    }
}

// Decision browsing.

pub fn decision_year(year: i32, page: usize) -> String {
    paged(&format!("{}{year}/", DECISIONS.path), page)
}
/// Decisions of one month: `/decisions/2026/03/`.
pub fn decision_month(year: i32, month: u32, page: usize) -> String {
    paged(&format!("{}{year}/{month:02}/", DECISIONS.path), page)
}
/// Decisions sharing one value of a dimension: `/decisions/by/domain/shirong-huanjing/`.
pub fn decisions_by(dimension: &str, slug: &str, page: usize) -> String {
    paged(&format!("{}by/{dimension}/{slug}/", DECISIONS.path), page)
}
/// Page `page` of a paginated list whose first page is `base`.
pub fn paged(base: &str, page: usize) -> String {
    if page <= 1 {
        base.to_string()
    } else {
        format!("{base}page/{page}/")
    }
}

/// 经营前自查 for one business type; `slug` is the audience's toneless pinyin.
pub fn self_check(slug: &str) -> String {
    format!("{}{slug}/", SELF_CHECK.path)
}

// Search.

/// The search form's target and the server's route for the results page.
pub const SEARCH: &str = "/search";
/// Everything machine-facing the server answers (not crawled).
pub const API: &str = "/api/";
/// The JSON search API.
pub const SEARCH_API: &str = "/api/search";
/// Liveness and the index being served.
pub const HEALTH: &str = "/healthz";
/// A results page for a query: `q` goes in as given (percent-encode it where it must be).
pub fn search_for(q: &str) -> String {
    format!("{SEARCH}?q={q}")
}

// 长者模式 (large text): the server sets a cookie and goes back.

pub const ELDER_ON: &str = "/mode/elder";
pub const ELDER_OFF: &str = "/mode/standard";

// Page feedback: "这个页面有帮助吗？" on every page posts here (the one POST the server takes).

pub const FEEDBACK: &str = "/feedback";

// The staff preview (`serve --watch`) only.

/// Server-sent events: the build generation, for reloading the open page.
pub const PREVIEW_EVENTS: &str = "/__preview/events";
/// The reload script.
pub const PREVIEW_SCRIPT: &str = "/__preview/live.js";
/// The diagnostics panel's stylesheet.
pub const PREVIEW_STYLE: &str = "/__preview/preview.css";
/// The quick-reference card of diagnostic codes (docs/diagnostic-codes.md), which the panel's
/// codes link to (`#pii002`).
pub const PREVIEW_CODES: &str = "/__preview/codes";

// Files.

/// The stylesheet.
pub const STYLESHEET: &str = "/static/style.css";
/// The search API's description.
pub const OPENAPI: &str = "/static/openapi.json";
/// Where the feeds live (the server gives them the Atom media type).
pub const FEEDS_DIR: &str = "/feeds";
/// The Atom feed that follows one page (a list, a browse page, an agency, a business type):
/// `/decisions/by/domain/shironghuanjing/` → `/feeds/decisions/by/domain/shironghuanjing.xml`.
pub fn feed_of(page: &str) -> String {
    format!("{FEEDS_DIR}{}.xml", page.trim_end_matches('/'))
}
/// Atom feed of a search (the server answers it for any query): `?q=…` and filters as on
/// the results page.
pub const SEARCH_FEED: &str = "/api/search.atom";
/// Atom feed of newly published decisions.
pub const FEED_DECISIONS: Place =
    Place::new("/feeds/decisions.xml", DECISIONS.title, DECISIONS.nav);
/// Atom feed of changes to the risk, power, exemption and benchmark lists.
pub const FEED_CHANGES: Place = Place::new("/feeds/changes.xml", "清单动态调整", "清单动态调整");
pub const SITEMAP: &str = "/sitemap.xml";
pub const ROBOTS: &str = "/robots.txt";
/// Part `n` (from 1) of a sitemap too long for one file.
pub fn sitemap_part(n: usize) -> String {
    format!("/sitemaps/{n}.xml")
}
/// An open-data file: `data("risks", "json")`, `data("risks", "schema.json")`, `data("risks", "csv")`.
pub fn data(list: &str, ext: &str) -> String {
    format!("/data/{list}.{ext}")
}
/// A site address made absolute with `site.base_url` (for feeds, sitemaps and data).
pub fn absolute(base_url: &str, path: &str) -> String {
    format!("{}{path}", base_url.trim_end_matches('/'))
}
/// The file a page at `address` is written to under the site root: `risks/R-1/index.html`.
pub fn file_of(address: &str) -> String {
    let trimmed = address.trim_start_matches('/');
    if trimmed.is_empty() || trimmed.ends_with('/') {
        format!("{trimmed}index.html")
    } else {
        trimmed.to_string()
    }
}

// Slugs.

/// An ASCII address segment for a Chinese label: toneless pinyin, syllables of a word run
/// together, words joined by `-` (市容环境 → `shironghuanjing`); ASCII letters and digits
/// kept, everything else a separator.
pub fn slug(label: &str) -> String {
    use pinyin::ToPinyin;
    let mut out = String::new();
    let mut sep = false;
    for (c, p) in label.chars().zip(label.to_pinyin()) {
        let piece = match p {
            // ü has no ASCII letter: written v, as pinyin keyboards type it (绿化 → lvhua).
            Some(p) => p.plain().replace('ü', "v"),
            None if c.is_ascii_alphanumeric() => c.to_ascii_lowercase().to_string(),
            None => {
                sep = !out.is_empty();
                continue;
            }
        };
        if sep {
            out.push('-');
            sep = false;
        }
        out.push_str(&piece);
    }
    if out.is_empty() { "item".into() } else { out }
}

/// Slugs for labels in order: deterministic, ASCII and unique; a label whose slug is taken
/// gets `-2`, `-3` …. Give the labels in a stable order so addresses do not move.
pub fn unique_slugs<S: AsRef<str>>(labels: &[S]) -> Vec<String> {
    let mut taken = std::collections::HashSet::new();
    labels
        .iter()
        .map(|label| {
            let base = slug(label.as_ref());
            let mut s = base.clone();
            let mut n = 1;
            while !taken.insert(s.clone()) {
                n += 1;
                s = format!("{base}-{n}");
            }
            s
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_ascii_pinyin_with_v_for_u_umlaut() {
        assert_eq!(slug("市容环境"), "shironghuanjing");
        assert_eq!(slug("园林绿化"), "yuanlinlvhua");
        assert!(slug("女装店、旅馆").is_ascii());
    }

    #[test]
    fn a_pages_feed_sits_under_feeds_with_the_same_path() {
        assert_eq!(feed_of("/risks/"), "/feeds/risks.xml");
        assert_eq!(
            feed_of("/decisions/by/domain/shironghuanjing/"),
            "/feeds/decisions/by/domain/shironghuanjing.xml"
        );
    }
}
