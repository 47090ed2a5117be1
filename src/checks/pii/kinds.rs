//! The categories of personal data the scanner reports ([`PiiKind`]): one per category that
//! the courts' 2016 rules on publishing judgments (art. 10) and PIPL art. 28 name, each with
//! the name staff know it by and what to do about a finding.

/// What kind of personal data a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum PiiKind {
    /// 身份证号, also with a wrong check digit (a typo'd ID is still an ID).
    IdNumber,
    /// Mobile or landline.
    Phone,
    /// Bank card or account number.
    BankCard,
    Email,
    /// Vehicle plate.
    Plate,
    /// Home address.
    Address,
    /// The name of someone other than the party and their relatives (witness, neighbour …).
    PersonName,
    /// Passport, travel-permit and other identity-document numbers (护照, 港澳通行证, 台胞证,
    /// 军官证 …).
    Passport,
    /// A WeChat id.
    WeChat,
    /// A QQ number.
    Qq,
    /// A vehicle identification number (车架号).
    Vin,
    /// Real-property certificate numbers (不动产权证书, 房产证, 土地证).
    PropertyCert,
    /// A relative of the party named after a kinship word (其妻张丽华).
    Relative,
    /// Health status: illness, disability, pregnancy, treatment.
    Health,
    /// Details about a minor: age with school or class.
    Minor,
}

impl PiiKind {
    /// Every kind, in declaration order.
    pub const ALL: [PiiKind; 15] = [
        PiiKind::IdNumber,
        PiiKind::Phone,
        PiiKind::BankCard,
        PiiKind::Email,
        PiiKind::Plate,
        PiiKind::Address,
        PiiKind::PersonName,
        PiiKind::Passport,
        PiiKind::WeChat,
        PiiKind::Qq,
        PiiKind::Vin,
        PiiKind::PropertyCert,
        PiiKind::Relative,
        PiiKind::Health,
        PiiKind::Minor,
    ];

    /// The kind's name as staff know it.
    pub fn label(self) -> &'static str {
        match self {
            PiiKind::IdNumber => "身份证号",
            PiiKind::Phone => "电话号码",
            PiiKind::BankCard => "银行卡号",
            PiiKind::Email => "电子邮箱",
            PiiKind::Plate => "车牌号",
            PiiKind::Address => "详细住址",
            PiiKind::PersonName => "他人姓名",
            PiiKind::Passport => "护照、通行证等证件号码",
            PiiKind::WeChat => "微信号",
            PiiKind::Qq => "QQ号",
            PiiKind::Vin => "车辆识别代号",
            PiiKind::PropertyCert => "不动产权证号",
            PiiKind::Relative => "亲属姓名",
            PiiKind::Health => "健康状况",
            PiiKind::Minor => "未成年人信息",
        }
    }

    /// What a civil servant should do about a finding of this kind.
    pub fn hint(self) -> &'static str {
        match self {
            PiiKind::IdNumber => "公开的内容不得包含身份证号（写错一位的也算），请删除",
            PiiKind::Phone => {
                "公开的内容不得包含个人电话号码，请删除；本机关对外公开的电话请在站点设置或机关信息中登记"
            }
            PiiKind::BankCard => "公开的内容不得包含银行卡号或账号，请删除",
            PiiKind::Email => {
                "公开的内容不得包含个人电子邮箱，请删除；本机关对外公开的邮箱请在站点设置或机关信息中登记"
            }
            PiiKind::Plate => {
                "公开的内容不得包含完整的车牌号，请删除，或把中间几位改成*，如“浙A·***45”"
            }
            PiiKind::Address => {
                "公开的内容不得包含个人住址、户籍地址或送达地址，请删除；违法地点只写到道路或区域，如“滨江区人民路”"
            }
            PiiKind::PersonName => {
                "除当事人外，不得公开其他人的姓名；确需提及时写成“姓+某”，如“张某”"
            }
            PiiKind::Passport => "公开的内容不得包含护照、港澳台通行证等证件号码，请删除",
            PiiKind::WeChat => "公开的内容不得包含个人微信号，请删除",
            PiiKind::Qq => "公开的内容不得包含个人QQ号，请删除",
            PiiKind::Vin => "公开的内容不得包含车辆识别代号（车架号），请删除",
            PiiKind::PropertyCert => "公开的内容不得包含不动产权证书号、房产证号或土地证号，请删除",
            PiiKind::Relative => "不得公开当事人亲属的姓名，请删除，或写成“姓+某”，如“其妻王某”",
            PiiKind::Health => {
                "公开的内容不得包含个人的疾病、残疾、怀孕、住院等健康信息，请删除；需要说明裁量理由时概括写，如“因家庭特殊困难”"
            }
            PiiKind::Minor => {
                "公开的内容不得包含未成年人的任何信息（姓名、年龄、学校、班级等），请删除"
            }
        }
    }

    /// Short ASCII code, as in the planted corpus: `id`, `phone`, `bank`, `email`, `plate`,
    /// `address`, `name`, `passport`, `wechat`, `qq`, `vin`, `property`, `relative`, `health`,
    /// `minor`.
    pub fn code(self) -> &'static str {
        match self {
            PiiKind::IdNumber => "id",
            PiiKind::Phone => "phone",
            PiiKind::BankCard => "bank",
            PiiKind::Email => "email",
            PiiKind::Plate => "plate",
            PiiKind::Address => "address",
            PiiKind::PersonName => "name",
            PiiKind::Passport => "passport",
            PiiKind::WeChat => "wechat",
            PiiKind::Qq => "qq",
            PiiKind::Vin => "vin",
            PiiKind::PropertyCert => "property",
            PiiKind::Relative => "relative",
            PiiKind::Health => "health",
            PiiKind::Minor => "minor",
        }
    }

    /// The kind with this [`code`](Self::code).
    pub fn from_code(code: &str) -> Option<PiiKind> {
        PiiKind::ALL.into_iter().find(|k| k.code() == code)
    }
}
