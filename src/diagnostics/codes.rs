//! The code table: every diagnostic code with what staff read about it (a Chinese title, what
//! it means, how to fix it, an example of the mistake and its fix). The [`Code`] enum, its
//! stable strings and [`CodeInfo`] are generated from this one list, and so is the quick-
//! reference card `docs/diagnostic-codes.md` ([`reference_card`]), which a test keeps equal to
//! this table. Add a code here, then regenerate the card.

/// What staff read about one code, on the quick-reference card and from `gongshi explain`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CodeInfo {
    /// The stable code (`PII001`).
    pub id: &'static str,
    /// 错误, 警告, or 错误或警告.
    pub severity: &'static str,
    /// What is wrong, in a few words.
    pub title: &'static str,
    /// What it means and why it matters.
    pub meaning: &'static str,
    /// How to fix it.
    pub fix: &'static str,
    /// The mistake as staff write it, and written right (empty when there is nothing to write).
    pub wrong: &'static str,
    pub right: &'static str,
}

macro_rules! code_table {
    ($(
        $(#[doc = $doc:literal])*
        $variant:ident = $id:literal, $severity:literal, $title:literal,
            meaning: $meaning:literal, fix: $fix:literal, wrong: $wrong:literal, right: $right:literal;
    )+) => {
        /// Every diagnostic code the checker can emit. Codes are stable: staff search for them
        /// in docs.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum Code {
            $($(#[doc = $doc])* $variant,)+
        }

        impl Code {
            /// Every code, in the table's order.
            pub const ALL: &'static [Code] = &[$(Code::$variant),+];

            pub fn as_str(self) -> &'static str {
                match self { $(Code::$variant => $id,)+ }
            }

            /// What staff read about the code.
            pub fn info(self) -> CodeInfo {
                match self {
                    $(Code::$variant => CodeInfo {
                        id: $id,
                        severity: $severity,
                        title: $title,
                        meaning: $meaning,
                        fix: $fix,
                        wrong: $wrong,
                        right: $right,
                    },)+
                }
            }
        }
    };
}

code_table! {
    /// The file could not be read.
    Io = "IO001", "错误", "文件读不出来或过大",
        meaning: "文件或目录读不出来，或者一个文件超过 4MB。",
        fix: "检查文件是否损坏；一个文件只写一个事项，图片等附件不要放进内容目录。",
        wrong: "", right: "";
    /// The file is not valid UTF-8.
    Encoding = "ENC001", "错误", "文件不是 UTF-8 编码",
        meaning: "文件用 GBK、GB2312 等编码保存，程序读不懂其中的汉字。",
        fix: "用编辑器“另存为”，编码选 UTF-8。",
        wrong: "", right: "";
    /// The file does not start with a `+++` front-matter block, or it is not closed.
    NoFrontMatter = "FM001", "错误", "缺少 +++ 包围的字段区",
        meaning: "文件第一行不是 `+++`，或者字段区没有用单独一行 `+++` 结束。",
        fix: "第一行写 `+++`，字段写完后再单独写一行 `+++`，正文写在后面。",
        wrong: "id = \"R-001-1\"", right: "+++\nid = \"R-001-1\"\n…\n+++";
    /// The front matter is not valid TOML.
    TomlSyntax = "FM002", "错误", "字段区写法有误",
        meaning: "字段区有一行程序读不懂：文字没加英文双引号、用了中文逗号或中文引号、括号没有成对等。同一个文件中的其他问题也会一并列出。",
        fix: "照提示改正这一行：每行写一个 `字段 = 值`，文字用英文双引号括起来，列表写成 [\"甲\", \"乙\"]，数字和日期不加引号。",
        wrong: "risks = [\"R-001-1\"，\"R-001-2\"]", right: "risks = [\"R-001-1\", \"R-001-2\"]";
    /// A key that the kind does not have.
    UnknownKey = "FM003", "错误", "未知字段",
        meaning: "字段名拼错了，或者这类内容没有这个字段。",
        fix: "照提示中列出的可用字段改正字段名，或者删掉这一行。",
        wrong: "titel = \"门店外摆放商品\"", right: "title = \"门店外摆放商品\"";
    /// A required key is missing.
    MissingField = "FM004", "错误", "缺少必填字段",
        meaning: "漏写了必填字段，或者必须至少填一项的列表是空的。",
        fix: "照 docs/content-format.md 中这类内容的字段表补上该字段。",
        wrong: "powers = []", right: "powers = [\"P-CF-001\"]";
    /// A value of the wrong type or outside a closed list of choices.
    InvalidValue = "FM005", "错误", "取值不对",
        meaning: "取值的类型不对（该写数字的写了文字等），或者不在可选值范围内。",
        fix: "文字加英文双引号，数字不加引号；选择类字段照提示中的可选值填写。",
        wrong: "level = \"很高\"", right: "level = \"高\"";
    /// A date that is not a real calendar date in `YYYY-MM-DD` form.
    InvalidDate = "FM006", "错误", "日期写法不对或日期不存在",
        meaning: "日期没有写成 2026-11-20 的格式（例如写成 2026/11/20、2026.11.20、2026年11月20日），或者这一天不存在。",
        fix: "日期写作 2026-11-20，不加引号，并核对这一天确实存在。",
        wrong: "decided = 2026/11/20", right: "decided = 2026-11-20";
    /// Two items of one kind share an id.
    DuplicateId = "ID001", "错误", "编号重复",
        meaning: "两个同类事项用了同一个编号。",
        fix: "给其中一个换新编号，文件名一起改。",
        wrong: "", right: "";
    /// An id with characters that cannot appear in a web address.
    InvalidId = "ID002", "错误", "编号中有不能用的字符",
        meaning: "编号会成为网址的一部分，只能用英文字母、数字和连字符。",
        fix: "编号只用英文字母、数字和连字符 -。",
        wrong: "id = \"R 001/1\"", right: "id = \"R-001-1\"";
    /// The file name does not match the id.
    FileNameMismatch = "ID003", "错误", "文件名与编号不一致",
        meaning: "文件名应当是“编号.md”；处罚决定还要放在作出决定那一年的文件夹里。",
        fix: "把文件改名为“编号.md”，或者移到正确的年份文件夹。",
        wrong: "decisions/2026/决定.md", right: "decisions/2026/SC-2026-0013.md";
    /// A reference to an item that does not exist.
    DanglingReference = "REF001", "错误", "引用的编号不存在",
        meaning: "引用的风险点、权责事项等编号不存在，多半是写错了一位。提示中会列出最接近的已有编号。",
        fix: "照提示改成正确的编号，或者先新建被引用的事项。",
        wrong: "risks = [\"R-001-3\"]", right: "risks = [\"R-001-2\"]";
    /// Raw HTML in markdown.
    RawHtml = "MD001", "错误", "正文里有 HTML",
        meaning: "正文中写了尖括号标签或 `<!-- -->` 注释，网站不会显示它们。",
        fix: "删掉标签，改用 Markdown 写法（## 小标题、- 列表、**加粗**）。",
        wrong: "<b>重要</b>", right: "**重要**";
    /// A link with a scheme that could run code (`javascript:` …).
    UnsafeLink = "MD002", "错误", "不安全的链接",
        meaning: "正文中的链接可能执行代码（如 javascript:）。",
        fix: "删除该链接，只链接 http、https 网址或本站页面。",
        wrong: "[点击](javascript:alert(1))", right: "[示例市人民政府](https://www.example.gov.cn)";
    /// Lists or quotes nested deeper than [`crate::content::markdown::MAX_NESTING`].
    DeepNesting = "MD003", "错误", "列表或引用嵌套太深",
        meaning: "列表或引用嵌套超过 8 层。",
        fix: "拆成几段或几个并列的列表。",
        wrong: "", right: "";
    /// Dates in the wrong order (published before decided, updated before effective).
    DateOrder = "DATE001", "错误", "日期先后顺序不对",
        meaning: "例如更新日期早于生效日期，公开日期或撤回日期早于决定日期。",
        fix: "核对两个日期，按实际日期改正。",
        wrong: "decided = 2026-03-05\npublished = 2026-03-01", right: "decided = 2026-03-05\npublished = 2026-03-09";
    /// A withdrawal that is missing, or present on a valid decision.
    Withdrawal = "WD001", "错误", "撤回信息有问题",
        meaning: "状态不是“有效”却没写 [withdrawal]，状态是“有效”却写了，或者撤回理由是空的。",
        fix: "照 docs/publishing.md 第八部分写撤回信息，或者删掉多写的 [withdrawal]。",
        wrong: "status = \"已撤销\"", right: "status = \"已撤销\"\n[withdrawal]\nchanged = 2026-04-30\ndate = 2026-05-08\nreason = \"经行政复议，撤销该处罚决定。\"";
    /// A `[repair]` (信用修复) that cannot be right: before the decision, in the future, before
    /// the minimum publication period of its class, or without its document or approver.
    Repair = "REP001", "错误", "信用修复信息有问题",
        meaning: "[repair] 的修复日期早于决定日期、晚于今天，或者早于该类处罚的最短公示期届满日（一般处罚3个月、严重处罚1年，见 site.toml 的 repair_min_months）；或者没有写修复决定的文号和批准机关。",
        fix: "按信用修复决定核对修复日期；最短公示期未满的不能修复，删除 [repair]；写明 document 和 approved_by。",
        wrong: "decided = 2026-03-02\n[repair]\nrepaired = 2026-04-01", right: "decided = 2026-03-02\n[repair]\nrepaired = 2026-06-15\ndocument = \"示城执信修〔2026〕第3号\"\napproved_by = \"示例市城市管理综合行政执法局\"";
    /// A 领域 or 行政相对人 value not declared in site.toml.
    Vocabulary = "VOC001", "错误", "不在词表中的领域或行政相对人",
        meaning: "领域或行政相对人的值不在 site.toml 的词表中。",
        fix: "照词表改正，或者经法制科同意后在 site.toml 中增加。",
        wrong: "domain = \"市容\"", right: "domain = \"市容环境\"";
    /// A decision whose procedure, outcome and penalties contradict each other.
    DecisionConsistency = "DEC001", "错误", "处罚决定前后矛盾",
        meaning: "例如不予处罚却列了处罚、从轻却没有列处罚、罚款没写金额、自然人填了信用代码、简易程序罚款超过法定限额。",
        fix: "照提示改正处罚、裁量结果或程序。",
        wrong: "outcome = \"不予处罚\"\n[[penalties]]\nkind = \"罚款\"", right: "outcome = \"不予处罚\"";
    /// A discretion benchmark grade whose fine range is inverted or out of order.
    BenchmarkRange = "BM001", "错误", "裁量基准的档次有问题",
        meaning: "没有档次、罚款下限高于上限、档次顺序不对或重复，或者罚款超出法定幅度。",
        fix: "按轻微、一般、较重、严重的顺序每档写一次，幅度在法定幅度之内。",
        wrong: "fine_min = 500\nfine_max = 100", right: "fine_min = 100\nfine_max = 500";
    /// A file in a place the content tree does not use.
    UnexpectedFile = "FILE001", "错误或警告", "文件放错了地方",
        meaning: "内容目录中出现了不该放在那里的文件或文件夹（包括符号链接），其中的内容不会发布。",
        fix: "把文件移到对应类别的文件夹，或者删除。",
        wrong: "content/决定.docx", right: "content/decisions/2026/SC-2026-0013.md";
    /// A problem in site.toml or synonyms.toml.
    Settings = "SITE001", "错误", "站点设置有问题",
        meaning: "site.toml 或 synonyms.toml 有问题，例如缺少必填项或数值不合理。",
        fix: "照提示改正 site.toml 或 synonyms.toml。",
        wrong: "", right: "";
    /// A placeholder left from `gongshi new`.
    Placeholder = "TODO001", "错误", "还有“待填写”",
        meaning: "gongshi new 生成的模板中还留着“待填写”，包括注释中的。",
        fix: "把“待填写”换成实际内容；用不到的选填字段整行删掉。",
        wrong: "number = \"待填写\"", right: "number = \"示城执罚决字〔2026〕第0013号\"";
    /// A working-day calendar file (`calendar/YYYY.toml`) with a wrong date.
    Calendar = "CAL001", "错误", "节假日安排文件有误",
        meaning: "calendar/ 中的文件名与年份不符、日期不在本年、结束早于开始、调休上班日不是周末或落在放假期间。",
        fix: "对照国务院办公厅通知原文改正。",
        wrong: "", right: "";
    /// A year the working-day calendar has no file for, so deadlines cannot be checked.
    CalendarMissing = "CAL002", "警告", "缺少某年的节假日安排（时限）",
        meaning: "缺少这一年的节假日安排文件，这一年的公开、撤回时限无法核对。",
        fix: "国务院办公厅公布安排后，照其他年份的格式添加 calendar/年份.toml（见 docs/publishing.md 第十部分）。",
        wrong: "", right: "";
    /// A year the working-day calendar has no file for, so the remedy dates decision pages
    /// show (last day for 复议 and 诉讼) cannot be counted: the pages leave them out.
    RemedyDatesUnknown = "CAL003", "警告", "缺少某年的节假日安排（救济期限）",
        meaning: "缺少这一年的节假日安排文件，处罚决定页面上的复议、诉讼截止日期无法按节假日顺延，页面只写按期限推算的届满日，并提示该日如为节假日则顺延。",
        fix: "添加 calendar/年份.toml。",
        wrong: "", right: "";
    /// A decision published later than the deadline in working days after it was made.
    PublishLate = "DL001", "警告", "公开超过时限",
        meaning: "处罚决定公开晚于 site.toml 中的公开时限（默认作出决定后 7 个工作日）。",
        fix: "按实际公开日期填写，不要改早；逾期原因在合并请求中说明，并报法制科。",
        wrong: "", right: "";
    /// A withdrawal recorded later than the deadline in working days after the change.
    WithdrawLate = "DL002", "警告", "撤回超过时限",
        meaning: "撤回晚于撤回时限（默认决定被变更、撤销等之后 3 个工作日）。",
        fix: "按实际撤回日期填写，不要改早；逾期原因在合并请求中说明，并报法制科。",
        wrong: "", right: "";
    /// 身份证号.
    IdNumber = "PII001", "错误", "身份证号",
        meaning: "疑似公民身份号码（18 位或 15 位），校验位写错的也算。",
        fix: "删除。",
        wrong: "当事人张某（身份证号330106199003074517）", right: "当事人张某";
    /// A mobile or landline number that is not one of the agency's own.
    Phone = "PII002", "错误", "电话号码",
        meaning: "手机号或固定电话。本机关在 site.toml、执法主体和权责事项中公布的电话不算。",
        fix: "删除；本机关对外公开的电话请在站点设置或执法主体中登记。",
        wrong: "联系电话13812345678", right: "（删除）";
    /// A bank card or account number.
    BankCard = "PII003", "错误", "银行卡号或账号",
        meaning: "银行卡号，或者“账号”“卡号”后面的银行账号。",
        fix: "删除。",
        wrong: "退款账号6222021234567890128", right: "（删除）";
    /// An email address that is not one of the agency's own.
    Email = "PII004", "错误", "电子邮箱",
        meaning: "个人电子邮箱。本机关公布的邮箱不算。",
        fix: "删除。",
        wrong: "邮箱zhangsan@163.com", right: "（删除）";
    /// A vehicle plate.
    Plate = "PII005", "错误", "车牌号",
        meaning: "完整的机动车号牌。",
        fix: "删除，或写成遮挡形式。",
        wrong: "浙A·12345", right: "浙A·***45";
    /// A home address.
    HomeAddress = "PII006", "错误", "住址",
        meaning: "自然人的住址、户籍地址、送达地址，或者带楼幢、单元、室号的详细地址。商户自己的经营场所、违法地点不算。",
        fix: "删除；违法地点只写到道路或区域。",
        wrong: "当事人住幸福路12号", right: "当事人在滨江区人民路经营";
    /// A natural-person party not written as surname + 某.
    PartyName = "PII007", "错误", "自然人当事人没有匿名",
        meaning: "当事人是自然人，却写了全名。",
        fix: "写成“姓+某”；个体工商户和单位写登记名称，并把 party_type 改为对应类型。",
        wrong: "party = \"张三\"", right: "party = \"张某\"";
    /// The full name of someone other than the party.
    PersonName = "PII008", "错误", "他人姓名",
        meaning: "当事人以外其他人（证人、邻居、店员、举报人等）的全名。",
        fix: "删除，或写成“姓+某”。",
        wrong: "证人王小明称", right: "证人王某称";
    /// A passport, travel-permit or other identity-document number (护照, 港澳通行证, 台胞证,
    /// 军官证 …).
    Passport = "PII009", "错误", "护照、通行证等证件号码",
        meaning: "护照、往来港澳通行证、港澳居民来往内地通行证、台胞证、军官证等证件号码。",
        fix: "删除。",
        wrong: "护照号码E12345678", right: "（删除）";
    /// A WeChat id.
    WeChat = "PII010", "错误", "微信号",
        meaning: "个人微信号。",
        fix: "删除。",
        wrong: "微信号zhang_san88", right: "（删除）";
    /// A QQ number.
    Qq = "PII011", "错误", "QQ号",
        meaning: "个人 QQ 号。",
        fix: "删除。",
        wrong: "QQ号28374651", right: "（删除）";
    /// A vehicle identification number (车架号).
    Vin = "PII012", "错误", "车辆识别代号",
        meaning: "车辆识别代号（车架号、VIN）。",
        fix: "删除。",
        wrong: "车架号LSVHU1K10FL609354", right: "（删除）";
    /// A real-property certificate number (不动产权证书, 房产证, 土地证).
    PropertyCert = "PII013", "错误", "不动产权证号",
        meaning: "不动产权证书号、房屋所有权证号、土地使用证号。",
        fix: "删除。",
        wrong: "不动产权证号浙（2021）杭州市不动产权第0123456号", right: "（删除）";
    /// Health status (illness, disability, pregnancy, treatment).
    Health = "PII014", "错误", "健康状况",
        meaning: "个人的疾病、残疾、怀孕、住院、治疗等健康信息。",
        fix: "删除；需要说明裁量理由时概括写。",
        wrong: "当事人患有糖尿病，请求从轻处罚", right: "当事人因家庭特殊困难请求从轻处罚";
    /// Details about a minor (age with school or class).
    Minor = "PII015", "错误", "未成年人信息",
        meaning: "未成年人的年龄、出生日期、学校、年级、班级等信息。",
        fix: "删除。",
        wrong: "其子（12岁，就读于示例市第二小学五年级）", right: "（删除）";
    /// The name of a relative of the party (其妻张丽华).
    RelativeName = "PII016", "错误", "亲属姓名",
        meaning: "当事人亲属（配偶、子女、父母等）的全名。",
        fix: "删除，或写成“姓+某”。",
        wrong: "当事人之妻张丽华到场", right: "当事人之妻王某到场";
    /// A citation of a law the statute table does not list.
    UnknownLaw = "LAW001", "错误", "条文表中没有这部法律法规",
        meaning: "引用的法律、法规、规章不在 statutes.toml 中：可能是名称写错（多写了“中华人民共和国”、书名号，或者写了简称），也可能是还没有核对过原文的法律。",
        fix: "名称照 statutes.toml 写；确需引用新的法律法规，请法制科核对原文后先加入 statutes.toml。",
        wrong: "law = \"《中华人民共和国行政处罚法》\"", right: "law = \"行政处罚法\"";
    /// A citation of an article the statute table does not list for that law.
    UnknownArticle = "LAW002", "错误", "条文表中没有这一条",
        meaning: "法律在条文表中，但没有这一条（或款、项）：条款序号可能写错，或者条文表漏列了。提示中给出条文表中最接近的条款。",
        fix: "核对条款序号，款、项写全角括号“第（二）项”；条文表漏列的，请法制科核对原文后补入。",
        wrong: "article = \"第36条第2项\"", right: "article = \"第三十六条第（二）项\"";
    /// A citation of a law that another has replaced, for something done after the change.
    SupersededLaw = "LAW003", "错误", "引用的法律已被取代",
        meaning: "这部法律已经被新的法律取代（例如 2026 年 8 月 15 日起大气污染防治法等被生态环境法典取代）。处罚决定按作出时有效的法律判断；清单事项按现在有效的法律判断。",
        fix: "改为引用现行法律中对应的条款。处罚决定的违法行为发生在取代之前、依照从旧兼从轻仍适用旧法的，保留旧法，并在法律依据中写明行政处罚法第三十七条。",
        wrong: "", right: "";
    /// A quoted excerpt that is not the article's text.
    ExcerptMismatch = "LAW004", "错误", "条文摘录与原文不一致",
        meaning: "text 中的摘录与条文表中核对过的原文不一致：多字、少字、改字都会误导公众。",
        fix: "照 statutes.toml 中的原文摘录，一字不改；省略的部分写“……”。",
        wrong: "", right: "";
    /// A benchmark grade's fine range outside the statutory range.
    GradeOutsideStatute = "BM002", "错误", "裁量档次超出法定幅度",
        meaning: "裁量基准某一档的罚款上下限超出了 [[statutory]] 写明的法定处罚幅度：按这一档处罚就违法。",
        fix: "把这一档的 fine_min、fine_max 改到法定幅度之内；个人、单位幅度不同的，分别写 fine_min_individual 等字段。",
        wrong: "", right: "";
    /// A benchmark's statutory range that is not the one the statute table records, or no
    /// statutory range at all.
    StatutoryRange = "BM003", "错误", "法定处罚幅度没写或写错",
        meaning: "裁量基准没有写明法定处罚幅度（[[statutory]]），或者写的幅度、处罚种类与条文表记录的原文不一致。",
        fix: "为处罚依据条款写一段 [[statutory]]：当事人类型、法律、条款、处罚种类和法定罚款上下限，照条文原文填写；个人、单位幅度不同的各写一段。",
        wrong: "[[statutory]]\nparty = \"任何\"\nlaw = \"城市道路管理条例\"\narticle = \"第四十二条\"\npenalties = [\"罚款\"]\nfine_min = 0\nfine_max = 50000",
        right: "[[statutory]]\nparty = \"任何\"\nlaw = \"城市道路管理条例\"\narticle = \"第四十二条\"\npenalties = [\"罚款\"]\nfine_min = 0\nfine_max = 20000";
    /// A benchmark's earlier versions out of date order, or overlapping.
    BenchmarkVersions = "BM004", "错误", "裁量基准的历史版本日期不对",
        meaning: "[[versions]] 记录裁量基准此前的版本，每个版本的 until 是下一个版本开始施行的日期：必须晚于基准的生效日期（effective），按日期先后排列，不能重叠。",
        fix: "按从早到晚的顺序写 [[versions]]，每个 until 晚于前一个；第一个 until 晚于 effective。",
        wrong: "effective = 2024-01-01\n\n[[versions]]\nuntil = 2026-08-15\n\n[[versions]]\nuntil = 2025-06-01",
        right: "effective = 2024-01-01\n\n[[versions]]\nuntil = 2025-06-01\n\n[[versions]]\nuntil = 2026-08-15";
    /// A decision under a benchmark that does not name the grade it applied.
    MissingGrade = "DEC002", "错误", "处罚决定没有写适用的裁量档次",
        meaning: "处罚决定关联了裁量基准，但没有写明适用哪一档（grade），无法核对罚款是否在该档之内。",
        fix: "写 grade = \"一般\"（轻微、一般、较重、严重之一）。",
        wrong: "benchmarks = [\"B-001\"]", right: "benchmarks = [\"B-001\"]\ngrade = \"一般\"";
    /// A fine outside the applied grade's range without a lawful 减轻.
    FineOutsideGrade = "DEC003", "错误", "罚款超出所适用的档次",
        meaning: "罚款金额不在所适用档次的幅度内，又没有依法减轻处罚的理由。",
        fix: "核对档次和金额；依法减轻处罚的，裁量结果写“减轻”并写明行政处罚法第三十二条的具体项。",
        wrong: "", right: "";
    /// A fine outside the statutory range.
    FineOutsideStatute = "DEC004", "错误", "罚款超出法定幅度",
        meaning: "罚款高于处罚依据条款规定的上限；或者低于法定下限却不是减轻处罚；或者写了减轻处罚，金额却没有低于法定下限。",
        fix: "按条文表中的法定幅度核对金额和裁量结果；个体工商户按 site.toml 的 individual_business_as 适用个人或单位的幅度。",
        wrong: "", right: "";
    /// 从轻 or 减轻 without a statutory ground (行政处罚法 第三十条至第三十二条).
    MitigationGround = "DEC005", "错误", "从轻、减轻没有法定理由",
        meaning: "裁量结果是从轻或减轻，但法律依据中没有行政处罚法第三十条、第三十一条或者第三十二条的具体项。",
        fix: "在 basis 中写明适用的条款（如第三十二条第（一）项）并在正文写明事实；没有法定理由的，裁量结果写“一般”。",
        wrong: "", right: "";
    /// A penalty kind the applicable article does not provide for.
    PenaltyKindNotAllowed = "DEC006", "错误", "处罚种类不是该条规定的",
        meaning: "决定给予的处罚种类（如警告、没收违法所得）不在处罚依据条款规定的种类之内。",
        fix: "只写该条规定的处罚种类；责令改正等不是处罚，不写在 penalties 里。",
        wrong: "", right: "";
    /// A fine above what the lighter of the two benchmark versions allows (从旧兼从轻).
    FineAboveLighterVersion = "DEC007", "错误", "罚款超过从旧兼从轻应当适用的档次",
        meaning: "违法行为发生后裁量基准修改了：依照行政处罚法第三十七条，适用违法行为发生时的版本，新的版本处罚较轻的适用新的版本。罚款高于这两个版本中较轻的那一个对所适用档次规定的上限。",
        fix: "核对违法行为发生日期（acted）和所适用的档次，按较轻的版本确定罚款数额。",
        wrong: "", right: "";
    /// An exemption linked to a risk point (or applied to a decision) it does not cover.
    ExemptionScope = "EXM001", "错误", "免罚事项不适用于这一项",
        meaning: "风险点或处罚决定关联的免罚、从轻减轻事项，没有把这个风险点列在自己的 risks 中：公众会以为这种行为也能免罚。",
        fix: "核对该事项的适用条件：不适用的，从 exemptions 中删除；确实适用的，在该事项的 risks 中加入这个风险点。",
        wrong: "", right: "";
    /// A setting only sample sites may use.
    SampleOnly = "SITE002", "错误", "示例站点专用的设置",
        meaning: "sample_as_of 只能用于示例站点：真实站点的公示期限必须按实际日期计算。",
        fix: "删除 sample_as_of（示例站点才同时写 sample_data = true）。",
        wrong: "", right: "";
    /// A real site without the identification its footer must carry.
    FooterIdentification = "SITE003", "警告", "页脚缺少政府网站标识",
        meaning: "真实站点（sample_data = false）的 site.toml 没有写主办单位、网站标识码、ICP备案编号、公安机关备案号或“我为政府网站找错”网址，页面底部就缺少这些政府网站必须有的标识。",
        fix: "按核发的编号在 site.toml 中写 host、site_code、icp_record、psb_record 和 error_report_url；不得编造编号。",
        wrong: "", right: "";
    /// A permit guide that belongs to a power item which is not a 行政许可.
    GuidePower = "GUIDE001", "错误", "办事指南的权责事项不是行政许可",
        meaning: "办事指南的 power 指向的权责事项不是“行政许可”类：公众会把处罚、检查事项当成可以申请的许可。",
        fix: "power 填写权责清单中对应的行政许可事项编码（P-XK-…）；清单中还没有的，先建立该许可事项。",
        wrong: "power = \"P-CF-025\"", right: "power = \"P-XK-004\"";
    /// A guide's promised time limit is longer than its statutory one.
    GuideTimeLimit = "GUIDE002", "错误", "承诺时限超过法定时限",
        meaning: "办事指南的承诺办理时限（promised_days）长于法定办理时限（time_limit_days）。承诺只能在法定时限内压缩，不能延长。",
        fix: "核对两个数字：承诺时限不得超过法定时限；法定时限按行政许可法第四十二条和特别规定填写。",
        wrong: "time_limit_days = 20\npromised_days = 25", right: "time_limit_days = 20\npromised_days = 5";
    /// An inspection item whose power item is not a 行政检查.
    InspectionPower = "INSP001", "错误", "涉企行政检查事项的权责事项不是行政检查",
        meaning: "检查事项的 power 指向的权责事项不是“行政检查”类：检查只能行使权责清单中公布的行政检查职权。",
        fix: "power 填写权责清单中对应的行政检查事项编码（P-JC-…）；清单中还没有的，先建立该检查事项。",
        wrong: "power = \"P-CF-001\"", right: "power = \"P-JC-001\"";
    /// An inspection item's yearly ceiling is not a positive number, or has no stated source.
    InspectionLimit = "INSP002", "错误", "年度频次上限不是正数或者没有写明来源",
        meaning: "检查事项的年度频次上限（max_per_year）必须是大于 0 的整数，并在 max_basis 中写明由谁、依据什么确定；否则企业无法知道一年最多被检查几次。",
        fix: "max_per_year 写同一对象每年最多检查的次数；max_basis 写明上限的来源（主管部门公布的上限，或者本局自定及其依据）。",
        wrong: "max_per_year = 0\nmax_basis = \"\"", right: "max_per_year = 2\nmax_basis = \"本局依据……自定\"";
    /// A stated total of a year's inspection results is not the sum of its rows.
    InspectionTotals = "INSP003", "错误", "检查结果的合计不等于各行之和",
        meaning: "检查结果汇总中 [[totals]] 的某个数字不等于对应行（同一实施主体的行，或者全部行）相加的结果。",
        fix: "重新相加各行，改正合计或者改正有误的行。",
        wrong: "[[totals]]\ninspections = 1280", right: "[[totals]]\ninspections = 1281";
    /// A register row uses a key no column declares, so the public would never see it.
    RegisterColumn = "REG001", "错误", "清单的行用了未声明的列",
        meaning: "事项清单（registers/）某一行的字段名不在 columns 中，这一格不会显示在页面上。",
        fix: "把这个字段加入 columns（写明表头），或者改成已有列的字段名。",
        wrong: "columns = [{ key = \"item\", label = \"事项\" }]\n[[rows]]\nitme = \"查封\"", right: "[[rows]]\nitem = \"查封\"";
    /// A row of intents.toml or referrals.toml that search cannot use: a target that names
    /// nothing, a repeated key, an empty phrase list.
    AnswerTable = "ANS001", "错误", "问法表或职责边界表有问题",
        meaning: "intents.toml 中 prefer 写的类别、清单、页面或小节不存在，说法太短，编号重复；或者 referrals.toml 中编号不能用作锚点、重复，没有可用的群众说法。",
        fix: "按文件开头的说明填写；页面小节要在页面标题后写 {#锚点}。",
        wrong: "prefer = [\"remedies#复议\"]", right: "prefer = [\"remedies#review\"]";
}

impl Code {
    /// Where the quick-reference card explains the code: the path printed with every
    /// diagnostic (`docs/diagnostic-codes.md#pii001`).
    pub fn doc_ref(self) -> String {
        format!("{CARD_PATH}#{}", self.as_str().to_ascii_lowercase())
    }
}

/// The quick-reference card's path in the repository.
pub const CARD_PATH: &str = "docs/diagnostic-codes.md";

/// One code's entry on the card, and what `gongshi explain` prints.
pub fn entry(code: Code) -> String {
    let i = code.info();
    let mut s = format!(
        "## {}\n\n**{}**（{}）\n\n- 是什么意思：{}\n- 怎样改：{}\n",
        i.id, i.title, i.severity, i.meaning, i.fix
    );
    if !i.wrong.is_empty() {
        s.push_str("- 例子：\n\n  错误的写法：\n\n  ```\n");
        for line in i.wrong.lines() {
            s.push_str(&format!("  {line}\n"));
        }
        s.push_str("  ```\n\n  改正后：\n\n  ```\n");
        for line in i.right.lines() {
            s.push_str(&format!("  {line}\n"));
        }
        s.push_str("  ```\n");
    }
    s
}

/// The quick-reference card, `docs/diagnostic-codes.md`, generated from the table.
pub fn reference_card() -> String {
    let mut s = String::from(
        "# 检查代码速查卡\n\n\
         <!-- 本文件由程序根据 src/diagnostics/codes.rs 中的代码表生成，请勿手工修改。\
         改了代码表后运行 GONGSHI_UPDATE_DOCS=1 cargo test --test integration diagnostics 重新生成。 -->\n\n\
         `gongshi check` 和预览页面顶部列出的每条检查结果都带一个代码，例如：\n\n\
         ```\ncontent/decisions/2026/SC-2026-0013.md:12:5: 错误[PII002]: 疑似电话号码“13812345678”，不得公开（提示：…；说明见 docs/diagnostic-codes.md#pii002）\n```\n\n\
         下面按代码列出每种问题是什么意思、怎样改，并各举一例。在命令行中也可以运行 `gongshi explain 代码`（例如 `gongshi explain PII002`）查看同样的说明。\
         “错误”必须改正，否则不能发布；“警告”不阻止发布，但要核实原因。\n\n\
         | 代码 | 严重程度 | 问题 |\n|---|---|---|\n",
    );
    for &c in Code::ALL {
        let i = c.info();
        s.push_str(&format!(
            "| [{}](#{}) | {} | {} |\n",
            i.id,
            i.id.to_ascii_lowercase(),
            i.severity,
            i.title
        ));
    }
    for &c in Code::ALL {
        s.push('\n');
        s.push_str(&entry(c));
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_is_unique_and_explained_in_chinese() {
        let mut seen = std::collections::HashSet::new();
        for &c in Code::ALL {
            let i = c.info();
            assert!(seen.insert(i.id), "{} twice", i.id);
            assert_eq!(i.id, c.as_str());
            for text in [i.title, i.meaning, i.fix] {
                assert!(
                    text.chars()
                        .any(|ch| ('\u{4e00}'..='\u{9fff}').contains(&ch)),
                    "{}",
                    i.id
                );
            }
            assert_eq!(i.wrong.is_empty(), i.right.is_empty(), "{}", i.id);
            assert!(
                matches!(i.severity, "错误" | "警告" | "错误或警告"),
                "{}",
                i.id
            );
        }
        assert_eq!(
            Code::PersonName.doc_ref(),
            "docs/diagnostic-codes.md#pii008"
        );
    }
}
