//! Spreadsheets laid out the way agencies' real ones are, generated here: a provincial
//! 权责清单 export (title row, a header over two rows with merged cells, a row of column
//! numbers, section rows, a blank line, a 备注 column, notes at the end), an agency 裁量基准
//! table (the violation and its basis merged down its grade rows), a 免罚清单, a risk list and a
//! case system's decision export saved by Excel on Chinese Windows (GBK CSV). Each has rows
//! that cannot be mapped, at known cells.

use std::path::Path;

use rust_xlsxwriter::{Format, FormatAlign, FormatBorder, Workbook, Worksheet};

fn formats() -> (Format, Format, Format) {
    let title = Format::new()
        .set_bold()
        .set_font_size(16)
        .set_align(FormatAlign::Center);
    let head = Format::new()
        .set_bold()
        .set_border(FormatBorder::Thin)
        .set_text_wrap();
    let cell = Format::new().set_border(FormatBorder::Thin).set_text_wrap();
    (title, head, cell)
}

/// Writes a row; short numbers (序号, column numbers) as numbers, the way Excel holds them.
fn row(ws: &mut Worksheet, r: u32, cells: &[&str], f: &Format) {
    for (c, v) in cells.iter().enumerate() {
        if let Some(n) = v.parse::<f64>().ok().filter(|_| v.len() < 6) {
            ws.write_number_with_format(r, c as u16, n, f).unwrap();
        } else if v.is_empty() {
            ws.write_blank(r, c as u16, f).unwrap();
        } else {
            ws.write_string_with_format(r, c as u16, *v, f).unwrap();
        }
    }
}

pub const POWER_TITLE: &str = "某某市城市管理综合行政执法局权责清单（行政处罚类）";

/// 权责清单.xlsx: rows 1–4 title, header over two rows (依据 and 责任事项 merged above their
/// parts), column numbers; D-column bad type at row 9 and a basis without 《》 at row 11.
pub fn powers_xlsx(path: &Path) {
    let (title, head, cell) = formats();
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("行政处罚").unwrap();
    ws.merge_range(0, 0, 0, 9, POWER_TITLE, &title).unwrap();
    // Header: 序号 事项编码 事项名称 职权类型 | 依据: 设定依据 实施依据 | 责任事项: 责任事项内容 追责情形 | 实施主体 备注
    for (c, h) in [
        (0, "序号"),
        (1, "事项编码"),
        (2, "事项名称"),
        (3, "权力类型"),
        (8, "实施主体"),
        (9, "备注"),
    ] {
        ws.merge_range(1, c, 2, c, h, &head).unwrap();
    }
    ws.merge_range(1, 4, 1, 5, "依据", &head).unwrap();
    ws.merge_range(1, 6, 1, 7, "责任事项", &head).unwrap();
    for (c, h) in [
        (4, "设定依据"),
        (5, "实施依据"),
        (6, "责任事项内容"),
        (7, "追责情形"),
    ] {
        ws.write_string_with_format(2, c, h, &head).unwrap();
    }
    row(
        ws,
        3,
        &["1", "2", "3", "4", "5", "6", "7", "8", "9", "10"],
        &cell,
    );
    ws.merge_range(4, 0, 4, 9, "一、市容环境卫生", &cell)
        .unwrap();
    let agency = "某某市城市管理综合行政执法局";
    let duties = "1.立案责任：对发现的违法行为进行初步核实，符合立案条件的，按规定立案。\n2.调查取证责任：两名以上执法人员出示执法证件，全面、客观、公正地调查，收集证据。\n3.告知责任：作出处罚决定前，告知当事人拟作出处罚的内容及事实、理由、依据。\n4.决定责任：根据调查结果和裁量基准作出决定，制作行政处罚决定书。";
    let blame = "1.对符合立案条件的不予立案，造成不良后果的；2.违反法定程序实施行政处罚的；3.擅自改变处罚种类、幅度的";
    row(
        ws,
        5,
        &[
            "1",
            "330217001000",
            "对擅自在街道两侧和公共场地堆放物料、搭建设施的行政处罚",
            "行政处罚",
            "《城市市容和环境卫生管理条例》第三十六条第（二）项",
            "",
            duties,
            blame,
            agency,
            "原第001项",
        ],
        &cell,
    );
    row(
        ws,
        6,
        &[
            "2",
            "330217002000",
            "对在城市建筑物、设施以及树木上涂写、刻画或者未经批准张挂、张贴宣传品的行政处罚",
            "行政处罚",
            "《城市市容和环境卫生管理条例》第十七条",
            "《城市市容和环境卫生管理条例》第三十四条第（三）项",
            duties,
            blame,
            agency,
            "",
        ],
        &cell,
    );
    // Row 8 is blank; row 9 has a type no list knows.
    row(
        ws,
        8,
        &[
            "3",
            "330217003000",
            "对违法行为的行政奖励",
            "行政奖励",
            "《城市市容和环境卫生管理条例》第三十六条",
            "",
            duties,
            blame,
            agency,
            "类型写错",
        ],
        &cell,
    );
    row(
        ws,
        9,
        &[
            "4",
            "330217004000",
            "对擅自占用、挖掘城市道路的行政处罚",
            "行政处罚",
            "《城市道路管理条例》第四十二条第（一）项",
            "",
            duties,
            blame,
            agency,
            "",
        ],
        &cell,
    );
    row(
        ws,
        10,
        &[
            "5",
            "330217005000",
            "对未按规定处置建筑垃圾的行政处罚",
            "行政处罚",
            "城市建筑垃圾管理规定第二十六条",
            "",
            duties,
            blame,
            agency,
            "依据没有书名号",
        ],
        &cell,
    );
    ws.merge_range(
        12,
        0,
        12,
        9,
        "注：1.本清单依据省权力清单管理系统导出；2.“备注”栏为内部说明。",
        &cell,
    )
    .unwrap();
    ws.merge_range(
        13,
        0,
        13,
        9,
        "填表单位：某某市城市管理综合行政执法局",
        &cell,
    )
    .unwrap();
    wb.save(path).unwrap();
}

/// A benchmark as the table lists it: number, violation, violated rule, penalty basis, and
/// (grade, circumstances, penalty) rows.
type Benchmark<'a> = (
    &'a str,
    &'a str,
    &'a str,
    &'a str,
    &'a [(&'a str, &'a str, &'a str)],
);

/// 裁量基准.xlsx: the violation, its basis and number merged down its grade rows; fines only in
/// words; row 11 a grade no benchmark has.
pub fn benchmarks_xlsx(path: &Path) {
    let (title, head, cell) = formats();
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.merge_range(0, 0, 0, 7, "某某市城市管理行政处罚裁量基准", &title)
        .unwrap();
    for (c, h) in [
        (0, "序号"),
        (1, "违法行为"),
        (4, "违法程度"),
        (5, "适用情形"),
        (6, "处罚标准"),
        (7, "备注"),
    ] {
        ws.merge_range(1, c, 2, c, h, &head).unwrap();
    }
    ws.merge_range(1, 2, 1, 3, "法律依据", &head).unwrap();
    ws.write_string_with_format(2, 2, "违法依据", &head)
        .unwrap();
    ws.write_string_with_format(2, 3, "处罚依据", &head)
        .unwrap();
    let items: [Benchmark; 3] = [
        (
            "1",
            "擅自在街道两侧和公共场地堆放物料、搭建设施",
            "《城市市容和环境卫生管理条例》第十四条",
            "《城市市容和环境卫生管理条例》第三十六条第（二）项",
            &[
                (
                    "轻微",
                    "首次违法，占用面积在2平方米以下，当场改正",
                    "不予处罚，责令改正",
                ),
                (
                    "一般",
                    "经责令改正后在期限内改正，或者占用面积在2平方米以上",
                    "责令限期清理，处100元以上500元以下罚款",
                ),
                (
                    "较重",
                    "拒不改正，或者占用面积在10平方米以上",
                    "责令限期清理，处500元以上1000元以下罚款",
                ),
            ],
        ),
        (
            "2",
            "擅自占用城市道路",
            "《城市道路管理条例》第二十七条",
            "《城市道路管理条例》第四十二条",
            &[
                (
                    "一般",
                    "占用面积在10平方米以下，及时改正",
                    "责令限期改正，处1000元以上5000元以下罚款",
                ),
                (
                    "严重",
                    "占用面积在10平方米以上，或者拒不改正",
                    "责令限期改正，处5000元以上2万元以下罚款",
                ),
            ],
        ),
        (
            "3",
            "在城市建筑物、设施以及树木上涂写、刻画",
            "《城市市容和环境卫生管理条例》第十七条",
            "《城市市容和环境卫生管理条例》第三十四条第（三）项",
            &[("特别恶劣", "多次涂写", "处罚款")],
        ),
    ];
    let mut r = 3;
    for (n, title_, violates, basis, grades) in items {
        let first = r;
        for (g, when, penalty) in grades.iter() {
            row(ws, r, &["", "", "", "", g, when, penalty, ""], &cell);
            r += 1;
        }
        for (c, v) in [(0u16, n), (1, title_), (2, violates), (3, basis)] {
            if r - first > 1 {
                ws.merge_range(first, c, r - 1, c, v, &cell).unwrap();
            } else {
                ws.write_string_with_format(first, c, v, &cell).unwrap();
            }
        }
    }
    ws.merge_range(
        r + 1,
        0,
        r + 1,
        7,
        "说明：罚款幅度以法律法规规定为准。",
        &cell,
    )
    .unwrap();
    wb.save(path).unwrap();
}

/// 免罚清单.xlsx: title row, 序号, conditions numbered in one cell, 是/否, a 处理方式 column, 备注;
/// row 6 says 需要 in a way no one writes.
pub fn exemptions_xlsx(path: &Path, power: &str) {
    let (title, head, cell) = formats();
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.merge_range(0, 0, 0, 9, "某某市城市管理领域轻微违法行为免罚清单", &title)
        .unwrap();
    row(
        ws,
        1,
        &[
            "序号",
            "违法行为",
            "类型",
            "法律依据",
            "适用条件",
            "是否需签署承诺书",
            "处理方式",
            "权责事项编码",
            "领域",
            "备注",
        ],
        &head,
    );
    row(
        ws,
        2,
        &[
            "1",
            "首次在门店外摆放商品、堆放物料",
            "首违不罚",
            "《城市市容和环境卫生管理条例》第三十六条第（二）项；《中华人民共和国行政处罚法》第三十三条第一款",
            "1.首次被发现；2.在责令改正期限内改正；3.未造成危害后果",
            "是",
            "执法人员当场说明违反的规定，责令当事人改正；当事人签署承诺书并按期改正的，不予处罚。",
            power,
            "市容环境",
            "",
        ],
        &cell,
    );
    row(
        ws,
        3,
        &[
            "2",
            "临街店铺招牌轻微破损未及时修复",
            "轻微免罚",
            "《城市市容和环境卫生管理条例》第十一条；《中华人民共和国行政处罚法》第三十三条第一款",
            "（1）破损面积较小（2）责令后三日内修复",
            "否",
            "责令限期修复，按期修复的不予处罚。",
            power,
            "户外广告",
            "新增",
        ],
        &cell,
    );
    row(
        ws,
        4,
        &[
            "3",
            "施工工地少量物料临时堆放在围挡外",
            "从轻",
            "《城市市容和环境卫生管理条例》第三十六条第（二）项；《中华人民共和国行政处罚法》第三十二条",
            "①主动消除违法行为危害后果；②配合调查",
            "否",
            "依法从轻处罚。",
            power,
            "市容环境",
            "",
        ],
        &cell,
    );
    row(
        ws,
        5,
        &[
            "4",
            "夜间少量噪声",
            "首违免罚",
            "《中华人民共和国噪声污染防治法》第八十七条",
            "首次被发现",
            "视情况",
            "责令改正。",
            power,
            "噪声污染防治",
            "承诺书一栏写错",
        ],
        &cell,
    );
    ws.merge_range(7, 0, 7, 9, "备注：本清单自2025年1月1日起施行。", &cell)
        .unwrap();
    wb.save(path).unwrap();
}

/// 风险点.csv in GBK, as Excel saves “CSV (逗号分隔)” on Chinese Windows: a title line, the
/// header, rows, a blank line, a note; row 5 names an 行政相对人 the site does not have.
pub fn risks_gbk_csv(path: &Path, power: &str) {
    let lines = [
        "某某市城市管理法律风险防控清单,,,,,,,,,,,".to_string(),
        "序号,风险点名称,领域,适用对象,风险等级,表现形式,法律后果,防控措施,对应权责事项,违反条款,处罚依据,备注".to_string(),
        format!("1,门店外摆放商品、堆放物料（店外经营）,市容环境,沿街商户、餐饮,高,在门店外的人行道上摆放商品、桌椅,责令改正，可以并处罚款,\"1.在店内经营；2.进货后及时搬进店内\",{power},《城市市容和环境卫生管理条例》第十四条,《城市市容和环境卫生管理条例》第三十六条第（二）项,"),
        format!("2,未经批准设置户外招牌,户外广告,沿街商户,中风险,擅自在建筑物外墙设置招牌,责令限期拆除，可以并处罚款,\"（1）设置前先申请（2）按批准的规格设置\",{power},,《城市市容和环境卫生管理条例》第三十四条第（三）项,"),
        String::new(),
        format!("3,在人行道上摆摊,市容环境,网红博主,高,在人行道摆摊,责令改正,不在人行道摆摊,{power},,《城市市容和环境卫生管理条例》第三十六条第（二）项,对象写错"),
        "注：风险等级分为高、中、低三级。,,,,,,,,,,,".to_string(),
    ];
    let text = lines.join("\r\n") + "\r\n";
    let (gbk, _, unmappable) = encoding_rs::GBK.encode(&text);
    assert!(!unmappable);
    std::fs::write(path, gbk).unwrap();
}

/// 处罚决定.csv in GBK from a case system: 万元 amounts, an 证件号码 column (never imported),
/// a party type column; row 4 a natural person under a full name, row 6 an amount in words.
pub fn decisions_gbk_csv(path: &Path, agency_name: &str) {
    let lines = [
        "行政处罚决定书文号,当事人类型,当事人名称,统一社会信用代码,证件号码,违法行为类型,违法事实,处罚依据,处罚类别,罚款金额（万元）,处罚决定日期,处罚机关,领域".to_string(),
        format!("某城执罚决字〔2026〕第0012号,个体工商户,某某市张某小吃店,92330200MA0000012X,,擅自在街道两侧堆放物料影响市容,\"当事人在店门外人行道上堆放桌椅和杂物，占用面积约6平方米。\n经责令改正后仍未清理。\",《城市市容和环境卫生管理条例》第三十六条第（二）项,罚款,0.03,2026-03-05,{agency_name},市容环境"),
        format!("某城执罚决字〔2026〕第0013号,自然人,李某,,330102199001011234,在城市建筑物上涂写,当事人在人民路沿街建筑物外墙涂写广告。,《城市市容和环境卫生管理条例》第三十四条第（三）项,警告,,2026/3/9,{agency_name},市容环境"),
        format!("某城执罚决字〔2026〕第0014号,自然人,王小明,,330102199001015678,在城市建筑物上涂写,当事人在解放路涂写。,《城市市容和环境卫生管理条例》第三十四条第（三）项,警告,,2026-03-10,{agency_name},市容环境"),
        format!("某城执罚决字〔2026〕第0015号,法人或其他组织,某某建设工程有限公司,91330200MA0000015Y,,擅自占用城市道路,当事人未经批准占用城市道路堆放建筑材料。,《城市道路管理条例》第四十二条,罚款,0.5,2026年3月12日,{agency_name},市政设施"),
        format!("某城执罚决字〔2026〕第0016号,法人或其他组织,某某商贸有限公司,91330200MA0000016Z,,擅自占用城市道路,当事人占用道路。,《城市道路管理条例》第四十二条,罚款,伍仟元,2026-03-13,{agency_name},市政设施"),
    ];
    let text = lines.join("\r\n") + "\r\n";
    let (gbk, _, unmappable) = encoding_rs::GBK.encode(&text);
    assert!(!unmappable);
    std::fs::write(path, gbk).unwrap();
}

/// The benchmark table saved as a UTF-8 CSV with a byte-order mark (Excel's “CSV UTF-8”):
/// merged cells become blanks under the first grade row.
pub fn benchmarks_utf8_csv(path: &Path, power: &str) {
    let lines = [
        "\u{feff}某某市城市管理行政处罚裁量基准,,,,,,,".to_string(),
        "编号,违法行为,关联权责事项,违法依据,处罚依据,裁量阶次,具体情形,处罚标准".to_string(),
        format!(
            "B-101,占用城市绿地,{power},《城市绿化条例》第十九条,《城市绿化条例》第二十七条,情节轻微,占用面积较小并及时恢复,责令限期退还，处500元以上1000元以下罚款"
        ),
        ",,,,,情节较重,占用面积较大,责令限期退还，处1000元以上5000元以下罚款".to_string(),
        String::new(),
        format!(
            "B-102,损毁城市树木,{power},《城市绿化条例》第二十条,《城市绿化条例》第二十六条,一般,损毁树木1株,责令赔偿，处罚款"
        ),
    ];
    std::fs::write(path, lines.join("\n") + "\n").unwrap();
}
