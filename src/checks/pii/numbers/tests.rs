//! The number detectors' cases: ID numbers (typos included), phones, bank cards and accounts,
//! and their lookalikes.

use super::super::test_support::*;
use super::*;

#[test]
fn id_numbers() {
    one(
        "身份证号110105199003071239，",
        PiiKind::IdNumber,
        "110105199003071239",
    );
    one(
        "身份证号：33010619850312001X。",
        PiiKind::IdNumber,
        "33010619850312001X",
    );
    one(
        "33010619850312001x",
        PiiKind::IdNumber,
        "33010619850312001x",
    );
    one(
        "旧证330106850312001号码",
        PiiKind::IdNumber,
        "330106850312001",
    );
    one(
        "号码 110105 19900307 1239 已核实",
        PiiKind::IdNumber,
        "110105 19900307 1239",
    );
    one(
        "证号１１０１０５１９９００３０７１２３９",
        PiiKind::IdNumber,
        "１１０１０５１９９００３０７１２３９",
    );
    one(
        "id_number = \"440304197812245616\"",
        PiiKind::IdNumber,
        "440304197812245616",
    );
}

#[test]
fn id_lookalikes_are_not_id_numbers() {
    // Impossible dates, a year out of range, a province that does not exist.
    nothing("110105199013071235"); // month 13
    nothing("110105200102291232"); // 2001-02-29
    nothing("110105189003071234");
    nothing("990105199003071238");
    // Part of a longer alphanumeric run.
    nothing("A110105199003071239");
    nothing("1101051990030712391");
    nothing("110105199003071239B");
    nothing("SC-110105199003071239");
    // 统一社会信用代码, a 15-digit 工商注册号, dates.
    nothing("统一社会信用代码91990104MAHXLWT55Q");
    nothing("统一社会信用代码92990102MAR4YXYP6T，");
    nothing("注册号330106600123455");
    nothing("2023年3月5日、2023-03-05、20230305");
    assert!(valid_credit_code("91990104MAHXLWT55Q"));
}

// ---- 电话号码 --------------------------------------------------------------------------

#[test]
fn mobiles() {
    one("电话13812345678。", PiiKind::Phone, "13812345678");
    one("电话138 1234 5678。", PiiKind::Phone, "138 1234 5678");
    one("电话138-1234-5678", PiiKind::Phone, "138-1234-5678");
    one("电话+86 13812345678", PiiKind::Phone, "+86 13812345678");
    one("电话+8613812345678", PiiKind::Phone, "+8613812345678");
    one("电话86-138-1234-5678", PiiKind::Phone, "86-138-1234-5678");
    one("Tel:19912345678", PiiKind::Phone, "19912345678");
    one(
        "１３８１２３４５６７８",
        PiiKind::Phone,
        "１３８１２３４５６７８",
    );
    assert_eq!(
        kinds("13512345678/13612345679"),
        vec![PiiKind::Phone, PiiKind::Phone]
    );
}

#[test]
fn landlines() {
    one("电话0571-87654321。", PiiKind::Phone, "0571-87654321");
    one("电话0571 87654321", PiiKind::Phone, "0571 87654321");
    one("电话057187654321", PiiKind::Phone, "057187654321");
    one("电话01065123456", PiiKind::Phone, "01065123456");
    one("电话(0571)87654321", PiiKind::Phone, "(0571)87654321");
    one("电话（0571）8765-4321", PiiKind::Phone, "（0571）8765-4321");
    one("电话(0571) 8765 4321", PiiKind::Phone, "(0571) 8765 4321");
    one("电话010-6512345-808", PiiKind::Phone, "010-6512345-808");
    one(
        "电话0571-87654321转806。",
        PiiKind::Phone,
        "0571-87654321转806",
    );
    one("电话021-6432123", PiiKind::Phone, "021-6432123");
}

#[test]
fn phone_lookalikes_are_not_phones() {
    nothing("12345政务服务便民热线、12319城管热线");
    nothing("电话138****5678");
    nothing("电话1381234567"); // 10 digits
    nothing("电话138123456789"); // 12 digits
    nothing("电话12812345678"); // 12x is not a mobile prefix
    nothing("执法证号33010012345");
    nothing("执法证号示0100001");
    nothing("编号SC-2023-0008、P-CF-015、R-015-1，文号浙建〔2022〕5号");
    nothing("示城执罚决字〔2023〕第0008号");
    nothing("罚款11500元，人民币2000元，1,000,000元");
    nothing("邮编310000，2023-03-05，20230305，3.5平方米，约340米，5%");
    nothing("设备A13812345678、3.13812345678、HK-13812345678-01");
    nothing("客服电话400-800-1234");
    nothing("电话0571-0123456"); // a local number does not start with 0
}

#[test]
fn allowed_phones_compare_digits() {
    let mut a = Allowed::default();
    a.phone("0000-12319001");
    a.phone("(0571) 8888 1234");
    a.phone("+86 138 0000 1111");
    assert_eq!(found("监督电话0000-12319001", &a), vec![]);
    assert_eq!(
        found("电话0571-88881234、057188881234、（0571）8888-1234", &a),
        vec![]
    );
    assert_eq!(found("电话0571-88881234转801", &a), vec![]);
    assert_eq!(found("电话13800001111、+8613800001111", &a), vec![]);
    assert_eq!(
        found("电话0571-88881235", &a),
        vec![(PiiKind::Phone, "0571-88881235")]
    );
}

// ---- 银行卡号 --------------------------------------------------------------------------

#[test]
fn bank_cards() {
    one(
        "卡号6222021234567890128。",
        PiiKind::BankCard,
        "6222021234567890128",
    );
    one(
        "卡号4367421234567896",
        PiiKind::BankCard,
        "4367421234567896",
    );
    one(
        "卡号6222 0212 3456 7890 128",
        PiiKind::BankCard,
        "6222 0212 3456 7890 128",
    );
    one(
        "卡号4367-4212-3456-7896",
        PiiKind::BankCard,
        "4367-4212-3456-7896",
    );
    one(
        "账号95588012345678903",
        PiiKind::BankCard,
        "95588012345678903",
    );
    one(
        "bank_account = \"520023123456789015\"",
        PiiKind::BankCard,
        "520023123456789015",
    );
}

#[test]
fn typo_ids_and_wrapped_numbers() {
    // A wrong check character is a typo in a real ID.
    one(
        "身份证号110105199003071238。",
        PiiKind::IdNumber,
        "110105199003071238",
    );
    one(
        "证件号码332528-19610703-7292。",
        PiiKind::IdNumber,
        "332528-19610703-7292",
    );
    // Line breaks inside a number, as pasted.
    one("手机178\n71345148，", PiiKind::Phone, "178\n71345148");
    one("电话027-\n67815065，", PiiKind::Phone, "027-\n67815065");
    one(
        "身份证号2301031974\n07259292，",
        PiiKind::IdNumber,
        "2301031974\n07259292",
    );
    one(
        "卡号6214834464\n312351811",
        PiiKind::BankCard,
        "6214834464\n312351811",
    );
    // Dotted mobiles, em dashes, country codes.
    one("电话195.5313.2640，", PiiKind::Phone, "195.5313.2640");
    one("电话0898—68156563，", PiiKind::Phone, "0898—68156563");
    one("电话+86-451-6256206（", PiiKind::Phone, "+86-451-6256206");
    one("手机(+86)19599176365，", PiiKind::Phone, "(+86)19599176365");
    one("手机0086 17660467887", PiiKind::Phone, "0086 17660467887");
}

#[test]
fn ids_in_other_groupings_and_cards_after_a_bank_name() {
    one(
        "身份号码为 1101051990 0307 1239。",
        PiiKind::IdNumber,
        "1101051990 0307 1239",
    );
    one(
        "退还至建行卡6217 0012 3456 7890。",
        PiiKind::BankCard,
        "6217 0012 3456 7890",
    );
}

#[test]
fn spaced_hyphens_and_accounts_that_look_like_phones() {
    one("电话：0571 - 8888 1234", PiiKind::Phone, "0571 - 8888 1234");
    one(
        "工商银行账户 6222 0000 1111 2222 333",
        PiiKind::BankCard,
        "6222 0000 1111 2222 333",
    );
    nothing("编号0000 1111 2222"); // 00 is not an area code
}

#[test]
fn labelled_accounts_need_no_luhn_digit() {
    one(
        "账号：12020012989677412",
        PiiKind::BankCard,
        "12020012989677412",
    );
    one(
        "账号19-007657253930707。",
        PiiKind::BankCard,
        "19-007657253930707",
    );
    one(
        "账号3305 8249 6122 8937 7816",
        PiiKind::BankCard,
        "3305 8249 6122 8937 7816",
    );
    nothing("缴款通知书编号99010336721776568898");
    nothing("账号12345"); // too short for an account
}

#[test]
fn bank_lookalikes_are_not_cards() {
    nothing("编号6222021234567890127"); // fails Luhn, and no account label
    nothing("缴款识别码2023000112345678901"); // Luhn-valid, but cards do not start with 2
    nothing("统一社会信用代码913301072679379809"); // all digits, Luhn-valid, a credit code
    nothing("编号6222 0212 3456 78"); // too short
    nothing("尾号8888");
    assert!(luhn("913301072679379809") && valid_credit_code("913301072679379809"));
    // An ID number that also passes Luhn is reported once, as an ID number.
    assert_eq!(kinds("110105199003071239"), vec![PiiKind::IdNumber]);
}

// ---- 电子邮箱 --------------------------------------------------------------------------
