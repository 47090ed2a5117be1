//! Names of people other than the party (他人姓名): a name is looked for only after a role word
//! (证人, 店员, 法定代表人 …); jieba vetoes candidates that are dictionary words.

use super::*;

pub(super) struct Surnames {
    pub(super) single: HashSet<char>,
    pub(super) compound: HashSet<[char; 2]>,
}

pub(super) static SURNAMES: LazyLock<Surnames> = LazyLock::new(|| {
    let mut single = HashSet::new();
    let mut compound = HashSet::new();
    for line in include_str!("surnames.txt").lines() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let c: Vec<char> = line.chars().collect();
        match c[..] {
            [a] => {
                single.insert(a);
            }
            [a, b] => {
                compound.insert([a, b]);
            }
            _ => {}
        }
    }
    Surnames { single, compound }
});

/// Role words after which a name may follow.
const CUES: &str = "证人 见证人 证明人 在场人 在场人员 目击者 现场目击者 邻居 邻人 店员 营业员 收银员 服务员 员工 雇员 工人 \
    工友 厨师 保安 保洁员 门卫 快递员 外卖员 司机 驾驶员 驾驶人 车主 负责人 法定代表人 法人代表 经营者 实际经营人 \
    实际控制人 投资人 股东 合伙人 委托代理人 代理人 联系人 经办人 投诉人 被投诉人 举报人 被举报人 受害人 被害人 报案人 \
    申请人 被申请人 第三人 利害关系人 客户 顾客 业主 房东 房主 户主 租户 承租人 出租人 摊主 店主 雇主 同事 朋友 路人 \
    居民 村民 当事人 监护人 被监护人 未成年人 学生 施工人员 工作人员 值班人员 翻译人员 翻译 同住人 同住的 姓名";

/// Kinship words: a name after one is a relative's (亲属姓名), reported as its own kind.
const KIN: &str = "妻子 丈夫 配偶 爱人 老伴 老公 老婆 媳妇 前妻 前夫 未婚妻 未婚夫 儿子 女儿 子女 儿媳 女婿 孙子 孙女 外孙 外孙女 \
    父亲 母亲 继父 继母 养父 养母 岳父 岳母 公公 婆婆 外公 外婆 爷爷 奶奶 祖父 祖母 哥哥 姐姐 弟弟 妹妹 嫂子 弟媳 \
    姐夫 妹夫 兄弟 姐妹 叔叔 伯伯 伯父 叔父 姑姑 姑妈 舅舅 舅妈 姨妈 侄子 侄女 外甥 外甥女 堂兄 堂弟 堂哥 堂姐 堂妹 \
    表哥 表弟 表姐 表妹 亲属 家属 亲戚 之妻 之夫 之子 之女 之孙 之父 之母 之兄 之弟 之姐 之妹 其妻 其夫 其子 其女 其父 其母 其兄 其弟 其姐 其妹 其孙";

/// Role words that may be followed by 为/是 before the name (法定代表人为张三).
const LINK_CUES: &str = "配偶 法定代表人 法人代表 负责人 联系人 经办人 委托代理人 代理人 经营者 实际经营人 实际控制人 投资人 \
    业主 房东 房主 户主 车主 监护人 承租人 出租人 当事人 姓名";

struct Cues {
    /// The last characters of cue words, tested first.
    last: CharSet,
    /// Cue words by their last character.
    by_last: HashMap<char, Vec<Vec<char>>>,
    link: HashSet<Vec<char>>,
    kin: HashSet<Vec<char>>,
}

static CUE_TABLE: LazyLock<Cues> = LazyLock::new(|| {
    let mut by_last: HashMap<char, Vec<Vec<char>>> = HashMap::new();
    for w in word_list(CUES).into_iter().chain(word_list(KIN)) {
        by_last.entry(*w.last().expect("cue")).or_default().push(w);
    }
    for v in by_last.values_mut() {
        v.sort_by_key(|w| std::cmp::Reverse(w.len()));
    }
    Cues {
        last: CharSet::new(by_last.keys().copied()),
        by_last,
        link: word_list(LINK_CUES).into_iter().collect(),
        kin: word_list(KIN).into_iter().collect(),
    }
});

/// Characters that do not occur in given names: function words, and words of procedure and
/// place that follow a role word in decisions (当事人于当日, 经营者应当, 负责人表示).
pub(super) static BAD_GIVEN: LazyLock<HashSet<char>> = LazyLock::new(|| {
    char_set(
        "的 了 着 过 均 则 亦 到 在 于 对 向 从 自 与 和 及 或 并 且 而 但 却 等 是 为 系 有 无 不 没 未 也 都 就 又 再 已 曾 要 会 能 可 以 \
         其 之 所 此 该 这 那 个 们 人 者 某 日 月 年 时 分 秒 号 元 米 称 说 表 示 因 由 按 依 据 经 即 后 前 上 下 内 外 处 罚 \
         款 违 规 责 令 改 拆 除 执 法 请 当 应 将 把 被 让 给 吗 呢 吧 啊 哪 谁 什 么 怎 样 些 每 各 另 位 次 部 门 单 机 关 \
         府 局 队 站 点 件 条 项 第 批 准 申 诉 讼 议 审 核 查 检 测 拒 绝 认 识 记 录 签 署 提 交 施 工 设 置 占 用 路 街 区 \
         市 县 省 乡 村 店 铺 面 理 营 务 作 产 品 物 料 车 辆 午 晚 早 夜 今 昨 场 地 况 问 题 知 告 随 仍 只 还 才 便 很 最 \
         更 太 非 证 具 份 名 称 式 面 额 费 收 付 缴 纳 欠 告 诫 止 停 擅 拆 未 经 许 可 及 时 理 整 改 配 合 调 查 询 \
         问 笔 录 现 场 照 片 视 频 节 期 同 意 签 字 确 认 陈 述 申 辩 听 证 复 议 起 诉 讼 执 行 决",
    )
});

/// Characters that end a name by themselves (all of them also in `BAD_GIVEN`).
pub(super) static FOLLOW1: LazyLock<HashSet<char>> = LazyLock::new(|| {
    char_set(
        "在 于 称 说 因 将 等 的 与 和 及 系 是 为 到 从 向 对 把 被 已 也 都 曾 均 未 不 没 并 就 又 即 则 拒 之 所 了 仍 还 亦 便",
    )
});

/// Words that typically follow a name (证人张三表示).
static FOLLOW2: LazyLock<HashSet<[char; 2]>> = LazyLock::new(|| {
    "表示 承认 驾驶 驾车 经营 陈述 证实 证明 作证 反映 投诉 举报 提出 提供 提交 出具 出示 拨打 报警 报案 确认 同意 居住 \
     住在 住址 现住 介绍 告知 告诉 持有 签字 签名 签署 当场 当即 当日 当天 随即 随后 多次 离开 看到 看见 发现 目睹 负责 \
     一直 一起 一同 一家 家中 家住 家属 夫妇 夫妻 父子 母子 本人 自述 自称 见到 听到 要求 请求 委托 雇用 雇佣 租用 \
     承租 出租 身份 年龄 电话 手机 联系 住所 户籍 核对 核实 签收 陪同 代为 前来 前往 接受 领取 \
     辨认 指认 参与 参加 认可 另案 全程 在场 均在 代为 帮助 协助 负责 出资 曾经 年事 系该"
        .split_whitespace()
        .filter_map(|w| {
            let c: Vec<char> = w.chars().collect();
            (c.len() == 2).then(|| [c[0], c[1]])
        })
        .collect()
});

/// A one-character "given name" that is really a title or kinship word (王总, 李工, 张姐).
static TITLE1: LazyLock<HashSet<char>> = LazyLock::new(|| {
    char_set(
        "总 工 姐 哥 叔 婶 姨 伯 爷 奶 嫂 某 氏 老 师 董 局 处 科 所 队 主 经 女 先 姓 家 父 母 妈 爸 娘 兄 弟 妹 宝 少 生 士",
    )
});

/// Two-character titles after a surname (张先生, 李师傅).
static TITLE2: LazyLock<HashSet<Vec<char>>> = LazyLock::new(|| {
    word_list(
        "先生 女士 小姐 师傅 师父 老板 老师 经理 队长 主任 科长 处长 所长 局长 站长 书记 医生 同学 同志 律师 会计 总监 \
         董事 阿姨 大爷 大妈 大姐 大哥 大叔 大娘 大婶 老太 老汉 老伯 某某 警官 教授 院长 校长 厂长 村长 组长 班长 店长 \
         总经 工长 主管 部长 社长 行长 园长 馆长 会长 家人 一家 姓氏",
    )
    .into_iter()
    .collect()
});

static JIEBA: LazyLock<Jieba> = LazyLock::new(Jieba::new);

/// Jieba tags of given names that are not names: adverbs, prepositions, conjunctions,
/// particles, pronouns, numerals, measure words, locality words. (Not time words: 国庆 is a
/// common given name; 当日, 上午 and the like are caught by `BAD_GIVEN`.)
const NON_NAME_TAGS: [&str; 11] = ["d", "p", "c", "u", "r", "m", "q", "f", "ad", "uj", "ul"];

/// Jieba tags that a whole candidate may have and still be a name: person, place and
/// organisation names (江波, 白洋 are words too).
const NAME_LIKE_TAGS: [&str; 4] = ["nr", "ns", "nt", "nz"];

/// Whether jieba knows `word` as one word with a tag for which `pred` holds.
fn dictionary_word(word: &str, pred: impl Fn(&str) -> bool) -> bool {
    let tags = JIEBA.tag(word, false);
    matches!(tags[..], [ref one] if one.word == word && pred(one.tag))
}

/// Whether a candidate (surname + given name) is a common word rather than a name. jieba's
/// dictionary tags many two-character words as person names (张贴, 师傅, 查明, 周转), so a
/// two-character candidate that is in the dictionary at all is taken for a word; a longer one
/// only when its tag is not that of a name.
fn is_common_word(name: &str, given: &str, given_len: usize) -> bool {
    let name_is_word = if given_len == 1 && name.chars().count() == 2 {
        dictionary_word(name, |_| true)
    } else {
        dictionary_word(name, |tag| {
            !NAME_LIKE_TAGS.iter().any(|n| tag.starts_with(n))
        })
    };
    // A doubled given name (娜娜, 多多, 婷婷) is a name whatever jieba tags the pair.
    let doubled = given_len == 2 && given.chars().next() == given.chars().nth(1);
    name_is_word
        || (given_len == 2
            && !doubled
            && dictionary_word(given, |tag| NON_NAME_TAGS.contains(&tag)))
}

enum NameAt {
    /// A name ending here.
    Found(usize),
    /// A public name ending here.
    Allowed(usize),
    None,
}

/// A surname + given name starting at `p` (see [`scan`]); `agrees` has the last word on a
/// candidate ending at the given index.
///
/// After a kinship word (`kin`) a three-character name needs no boundary after it: what
/// follows 其弟, 外甥 or 前妻 is a name far more often than after 当事人, and the verbs that
/// follow it (合伙, 当晚, 现居住) are too many to list.
fn name_at(
    t: &Chars,
    p: usize,
    allowed: &Allowed,
    kin: bool,
    agrees: impl Fn(usize) -> bool,
) -> NameAt {
    let mut surname_lens = Vec::with_capacity(2);
    if SURNAMES.compound.contains(&[t.at(p), t.at(p + 1)]) {
        surname_lens.push(2);
    }
    if SURNAMES.single.contains(&t.at(p)) {
        surname_lens.push(1);
    }
    for sl in surname_lens {
        let gs = p + sl;
        for gl in [2, 1] {
            let given = &t.c[gs.min(t.c.len())..(gs + gl).min(t.c.len())];
            if given.len() != gl || !given.iter().all(|&c| is_han(c)) {
                continue;
            }
            if given[0] == '某' || given.iter().any(|c| BAD_GIVEN.contains(c)) {
                continue;
            }
            if (gl == 1 && TITLE1.contains(&given[0])) || (gl == 2 && TITLE2.contains(given)) {
                continue;
            }
            let e = gs + gl;
            let next = t.at(e);
            if gl == 2 && FOLLOW2.contains(&[given[1], next]) {
                continue;
            }
            let boundary = e >= t.c.len()
                || (kin && gl == 2)
                || !is_han(next)
                || FOLLOW1.contains(&next)
                || FOLLOW2.contains(&[next, t.at(e + 1)]);
            if !boundary {
                continue;
            }
            let name = t.string(p, e);
            if allowed.names.contains(&name) {
                return NameAt::Allowed(e);
            }
            let given: String = given.iter().collect();
            if is_common_word(&name, &given, gl) || !agrees(e) {
                continue;
            }
            return NameAt::Found(e);
        }
    }
    NameAt::None
}

pub(super) fn scan_names(t: &Chars, allowed: &Allowed, out: &mut Vec<Span>) {
    let cues = &*CUE_TABLE;
    for i in 0..t.c.len() {
        if !cues.last.contains(t.c[i]) {
            continue;
        }
        let Some(words) = cues.by_last.get(&t.c[i]) else {
            continue;
        };
        let Some(cue) = words
            .iter()
            .find(|w| i + 1 >= w.len() && t.c[i + 1 - w.len()..=i] == w[..])
        else {
            continue;
        };
        let cue_start = i + 1 - cue.len();
        let mut p = i + 1;
        if matches!(t.at(p), ':' | ' ') {
            p += 1;
            while t.at(p) == ' ' {
                p += 1;
            }
        } else if matches!(t.at(p), '为' | '是') && cues.link.contains(cue) {
            p += 1;
        }
        let kind = if cues.kin.contains(cue) {
            PiiKind::Relative
        } else {
            PiiKind::PersonName
        };
        let mut first = true;
        loop {
            let cue_span = first.then_some((cue_start, i + 1));
            let kin = kind == PiiKind::Relative;
            let e = match name_at(t, p, allowed, kin, |e| jieba_agrees(t, cue_span, p, e)) {
                NameAt::Found(e) => {
                    out.push(Span {
                        start: p,
                        end: e,
                        kind,
                    });
                    e
                }
                NameAt::Allowed(e) => e,
                NameAt::None => break,
            };
            first = false;
            // 证人张三、李四称: the next name in a list.
            if matches!(t.at(e), '、' | '和' | '及' | '与' | ',') {
                p = e + 1;
            } else {
                break;
            }
        }
    }
}

/// Surnames that are also everyday function words (向 "towards", 于 "at", 曾 "once", 方 …):
/// a name with one of these must also end where jieba ends a word (not 向联系人, 向/联系人).
static AMBIGUOUS_SURNAMES: LazyLock<HashSet<char>> = LazyLock::new(|| {
    char_set(
        "向 于 曾 方 常 时 全 应 成 安 文 明 高 万 从 任 和 平 关 尚 丰 满 连 强 花 海 单 解 计 宁",
    )
});

/// Whether jieba, cutting the text around a candidate, agrees that the role word stands on its
/// own: no longer word swallows it (居民楼), and it starts or ends a word, or the name starts
/// one (not so for 邻居 in 相邻居民楼, cut 相邻/居民楼). jieba often joins a role's last
/// character to the surname (投诉/人马/琴, 房/东吴/琴), so any one of those boundaries will
/// do. With an ambiguous surname the name must also end a word. `cue` is `None` for the
/// second name of a list.
fn jieba_agrees(
    t: &Chars,
    cue: Option<(usize, usize)>,
    name_start: usize,
    name_end: usize,
) -> bool {
    let ambiguous = AMBIGUOUS_SURNAMES.contains(&t.c[name_start]);
    let Some((cue_start, cue_end)) = cue else {
        return !ambiguous
            || words(t, name_start.saturating_sub(2), name_end)
                .iter()
                .any(|w| w.1 == name_end);
    };
    let words = words(t, cue_start.saturating_sub(4), name_end);
    let ends = |b: usize| words.iter().any(|w| w.1 == b);
    let swallowed = words.iter().any(|&(a, b)| a <= cue_start && b > cue_end);
    let stands = cue_start == 0 || ends(cue_start) || ends(cue_end) || ends(name_start);
    !swallowed && stands && (!ambiguous || ends(name_end))
}

/// The words (character spans) as jieba cuts `c[from..name_end + 2]`.
fn words(t: &Chars, from: usize, name_end: usize) -> Vec<(usize, usize)> {
    let to = (name_end + 2).min(t.c.len());
    let window = t.string(from, to);
    JIEBA
        .cut(&window, false)
        .iter()
        .map(|w| (w.start + from, w.end + from))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::super::test_support::*;
    use super::*;

    #[test]
    fn names_after_role_words() {
        one("证人王小明称", PiiKind::PersonName, "王小明");
        one("证人：王小明。", PiiKind::PersonName, "王小明");
        one("邻居 李华在场", PiiKind::PersonName, "李华");
        one("房东欧阳娜娜表示", PiiKind::PersonName, "欧阳娜娜");
        one("法定代表人为陈建国，", PiiKind::PersonName, "陈建国");
        one("驾驶人冯伟承认", PiiKind::PersonName, "冯伟");
        one("当事人张三于2023年", PiiKind::PersonName, "张三");
        one("投诉人郑晓燕反映", PiiKind::PersonName, "郑晓燕");
        one("由经办人何静核对", PiiKind::PersonName, "何静");
        one("联系人：韩梅梅", PiiKind::PersonName, "韩梅梅");
        one("当事人之母赵秀梅在场", PiiKind::Relative, "赵秀梅");
        one("当事人的老公王建军表示", PiiKind::Relative, "王建军");
        assert_eq!(
            found("证人钱小红、孙丽在场", &none()),
            vec![
                (PiiKind::PersonName, "钱小红"),
                (PiiKind::PersonName, "孙丽")
            ]
        );
    }

    #[test]
    fn role_words_followed_by_other_words_are_not_names() {
        nothing("当事人对上述事实无异议");
        nothing("当事人于2023年3月5日、当事人于当日、当事人于上午9时");
        nothing("当事人未在期限内改正");
        nothing("经营者应当履行义务");
        nothing("负责人表示配合");
        nothing("驾驶人员应当密闭运输");
        nothing("当事人管理的门店、当事人为单位的、当事人为方便经营、当事人为施工单位");
        nothing("当事人严格按照要求、当事人全部清除、当事人马上停止");
        nothing("相邻居民楼窗户、负责人民路街道、联系人向联系人明确");
        nothing("业主张贴的告示、当事人张贴的广告、司机师傅称、房东方面表示、司机关闭了");
    }

    #[test]
    fn anonymised_names_titles_and_public_names_are_not_reported() {
        nothing("当事人张某、证人欧阳某、邻居张某某称");
        nothing("证人王先生称，店主李师傅表示，房东刘女士，司机王某");
        nothing("证人张某三"); // not anonymised, but 某 as a given name is not a name we can read
        let mut a = Allowed::default();
        a.name("李明");
        assert_eq!(found("经办人李明核对", &a), vec![]);
        assert_eq!(
            found("经办人李明、王五核对", &a),
            vec![(PiiKind::PersonName, "王五")]
        );
    }

    #[test]
    fn anonymised_name_forms() {
        for yes in ["张某", "欧阳某", "张某某", "欧阳某某", "禤某"] {
            assert!(is_anonymised_name(yes), "{yes}");
        }
        for no in [
            "张三",
            "某某",
            "张",
            "张某三",
            "某",
            "",
            "欧阳",
            "A某",
            "张某某某",
            "张三某",
        ] {
            assert!(!is_anonymised_name(no), "{no}");
        }
    }

    // ---- the whole ----------------------------------------------------------------------
}
