//! `cargo xtask gen-data`: writes `server/seed/catalog.json`, the district's departments, 763 service items and
//! 133 places. Deterministic: the same generator always writes the same bytes, so the output is checked in and a
//! diff of it is reviewable. Names follow Tianjin's published 事项实施清单; the quantities follow the source document.

use serde_json::{json, Value};

pub const ITEM_COUNT: usize = 763;
pub const UNMANNED_COUNT: usize = 131;
const COMMUNITY_COUNT: usize = 118;

/// splitmix64: tiny, deterministic, good enough to vary plausible details.
pub(crate) struct Rng(pub(crate) u64);
impl Rng {
    pub(crate) fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    pub(crate) fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
    fn pick<'a>(&mut self, items: &'a [&'a str]) -> &'a str {
        items[self.below(items.len() as u64) as usize]
    }
}

struct Dept {
    id: &'static str,
    name: &'static str,
    /// (former name, renamed on) — departments were reorganised in 2019; ids survive that.
    former: &'static [(&'static str, &'static str)],
    phone: &'static str,
    /// Responsibility-list review date; the 2017-12/2018-01 ones are the stale entries the source document names.
    reviewed_on: &'static str,
    duties: &'static [&'static str],
    items: &'static [Base],
}

/// One kind of service; `variants` expand it into the separately listed items (新办/变更/注销 …).
struct Base {
    name: &'static str,
    kind: u8,
    /// "P" natural person, "L" legal person.
    audience: &'static str,
    topics: &'static [&'static str],
    variants: &'static [&'static str],
    /// Promised limit in working days; 0 = 即办件.
    promised: u16,
    statutory: u16,
    /// "W" working days, "D" calendar days (statutory limit).
    unit: &'static str,
    materials: &'static [&'static str],
    fee: Option<(&'static str, &'static str, &'static str)>,
    /// Simple enough for a self-service kiosk (无人审批 / 一证通办 candidates).
    kiosk: bool,
    bookable: bool,
}

macro_rules! base {
    ($name:expr, $kind:expr, $aud:expr, [$($t:expr),*], $v:expr, $p:expr, $s:expr, $u:expr, [$($m:expr),*], $fee:expr, $kiosk:expr, $book:expr) => {
        Base { name: $name, kind: $kind, audience: $aud, topics: &[$($t),*], variants: $v, promised: $p,
               statutory: $s, unit: $u, materials: &[$($m),*], fee: $fee, kiosk: $kiosk, bookable: $book }
    };
}

const STREET_VARIANTS: &[&str] = &[
    "（光复道街）",
    "（望海楼街）",
    "（鸿顺里街）",
    "（新开河街）",
    "（铁东路街）",
    "（建昌道街）",
    "（宁园街）",
    "（王串场街）",
    "（江都路街）",
    "（月牙河街）",
];
const NOFEE: Option<(&str, &str, &str)> = None;
const LIC0: &str = "（新办）";
const LIC1: &str = "（变更）";
const LIC2: &str = "（延续）";
const LIC3: &str = "（注销）";

// A table, one service per line: rustfmt would spread it over thousands.
#[rustfmt::skip]
static DEPTS: &[Dept] = &[
    Dept { id: "public-security", name: "天津市公安局河北分局", former: &[], phone: "022-26281110", reviewed_on: "2017-12-28",
        duties: &["负责辖区户籍管理和居民身份证管理工作", "负责辖区治安管理、流动人口和出租房屋管理", "负责辖区道路交通安全管理的有关工作", "负责辖区消防以外的公共安全管理", "承办区政府交办的其他事项"],
        items: &[
            base!("居民身份证换领", 7, "P", ["travel"], &[""], 20, 60, "D", ["居民身份证", "户口簿", "近期免冠照片回执"], Some(("居民身份证工本费", "20元", "津价费〔2004〕127号")), true, true),
            base!("居民身份证补领", 7, "P", ["travel"], &[""], 20, 60, "D", ["户口簿", "近期免冠照片回执"], Some(("居民身份证工本费", "40元", "津价费〔2004〕127号")), true, true),
            base!("临时居民身份证申领", 7, "P", ["travel"], &[""], 0, 3, "D", ["户口簿", "近期免冠照片"], Some(("临时居民身份证工本费", "10元", "津价费〔2004〕127号")), false, true),
            base!("居民身份证异地受理", 7, "P", ["travel"], &[""], 30, 60, "D", ["原居民身份证", "近期免冠照片回执"], Some(("居民身份证工本费", "20元", "津价费〔2004〕127号")), false, true),
            base!("出生登记", 7, "P", ["birth"], &["", "（非婚生育）", "（国外出生）"], 0, 3, "W", ["出生医学证明", "父母双方居民身份证", "父母双方户口簿", "结婚证"], NOFEE, false, true),
            base!("户口迁移", 7, "P", ["housing"], &["（投靠亲属）", "（购房落户）", "（人才引进）", "（毕业生落户）", "（夫妻投靠）", "（父母投靠子女）"], 5, 20, "W", ["户口簿", "居民身份证", "房屋产权证明", "关系证明"], NOFEE, false, true),
            base!("户口注销", 7, "P", ["after-death"], &["（死亡）", "（出国定居）", "（入伍）"], 0, 3, "W", ["户口簿", "居民死亡医学证明（推断）书"], NOFEE, false, true),
            base!("户籍证明开具", 20, "P", [], &["（亲属关系）", "（户口变动）", "（注销户口）"], 0, 1, "W", ["居民身份证", "户口簿"], NOFEE, true, false),
            base!("居住证申领", 7, "P", ["housing"], &["", "（换领）", "（补领）"], 15, 15, "D", ["居民身份证", "居住登记凭证", "近期免冠照片"], NOFEE, true, true),
            base!("无犯罪记录证明开具", 20, "P", ["employment"], &[""], 3, 7, "W", ["居民身份证", "委托书（代办时）"], NOFEE, true, false),
            base!("户口簿补领", 7, "P", [], &["", "（换领）"], 3, 10, "W", ["居民身份证", "户主书面申请"], NOFEE, true, true),
            base!("姓名变更登记", 7, "P", [], &["（未成年人）", "（成年人）"], 10, 30, "W", ["户口簿", "居民身份证", "变更姓名申请"], NOFEE, false, true),
            base!("机动车驾驶证业务", 20, "P", ["travel"], &["（期满换证）", "（遗失补证）", "（提交身体条件证明）"], 0, 1, "W", ["居民身份证", "机动车驾驶证", "身体条件证明"], Some(("机动车驾驶证工本费", "10元", "价费字〔1992〕240号")), true, false),
            base!("犬只登记", 10, "P", [], &["", "（年检）", "（注销）"], 5, 20, "W", ["居民身份证", "犬只免疫证明", "犬只照片"], NOFEE, false, true),
            base!("旅馆业特种行业许可", 1, "L", ["operate"], &[LIC0, LIC1, LIC2, LIC3], 15, 20, "W", ["营业执照", "法定代表人身份证明", "经营场所证明", "安全防范设施说明"], NOFEE, false, true),
            base!("公章刻制备案", 10, "L", ["start"], &[""], 0, 1, "W", ["营业执照", "法定代表人身份证明"], NOFEE, true, false),
            base!("边境管理区通行证申领", 7, "P", ["travel"], &[""], 5, 15, "W", ["居民身份证", "近期免冠照片"], Some(("边境管理区通行证工本费", "10元", "价费字〔1992〕240号")), false, true),
            base!("暂住人员居住登记", 10, "P", ["housing"], &["", "（变更）", "（注销）"], 0, 3, "W", ["居民身份证", "住所证明"], NOFEE, true, false),
            base!("机动车登记业务", 10, "P", ["travel"], &["（注册登记）", "（转移登记）", "（变更登记）", "（抵押登记）", "（注销登记）", "（补领号牌）", "（补领行驶证）"], 0, 5, "W", ["居民身份证", "机动车登记证书", "机动车行驶证"], Some(("机动车号牌工本费", "100元", "发改价格〔2004〕2831号")), false, true),
            base!("保安员证核发", 1, "P", ["employment"], &["", "（补发）"], 10, 15, "W", ["居民身份证", "近期免冠照片", "考试合格证明"], NOFEE, false, true),
            base!("大型群众性活动安全许可", 1, "L", ["operate"], &["（1000人以上5000人以下）", "（5000人以上）"], 7, 7, "D", ["申请书", "安全工作方案", "场地使用证明"], NOFEE, false, true),
        ] },
    Dept { id: "civil-affairs", name: "河北区民政局", former: &[], phone: "022-26289233", reviewed_on: "2026-06-18",
        duties: &["负责婚姻登记管理和婚俗改革", "负责城乡居民最低生活保障、特困人员救助供养和临时救助", "负责养老服务体系建设和高龄老人津贴发放", "负责社会组织登记和监督管理", "负责殡葬管理和惠民殡葬政策落实", "负责儿童福利和未成年人保护工作"],
        items: &[
            base!("结婚登记", 7, "P", ["marriage"], &["", "（涉外）", "（涉港澳台）", "（华侨）"], 0, 1, "W", ["居民身份证", "户口簿", "近期半身免冠合影照片", "本人无配偶以及与对方当事人没有直系血亲和三代以内旁系血亲关系的签字声明"], NOFEE, false, true),
            base!("离婚登记", 7, "P", ["marriage"], &["", "（涉外）"], 30, 30, "D", ["居民身份证", "户口簿", "结婚证", "离婚协议书"], NOFEE, false, true),
            base!("补领婚姻登记证", 7, "P", ["marriage"], &["（结婚证）", "（离婚证）"], 0, 1, "W", ["居民身份证", "户口簿", "近期半身免冠照片"], NOFEE, true, true),
            base!("婚姻登记档案查询", 20, "P", ["marriage"], &[""], 0, 1, "W", ["居民身份证"], NOFEE, true, false),
            base!("最低生活保障申请", 5, "P", ["elderly"], &["", "（单人户）", "（变更）", "（停发）"], 20, 30, "W", ["居民身份证", "户口簿", "家庭经济状况核对授权书", "收入证明"], NOFEE, false, true),
            base!("特困人员救助供养", 5, "P", ["elderly"], &["（认定）", "（终止）"], 20, 30, "W", ["居民身份证", "户口簿", "家庭经济状况核对授权书"], NOFEE, false, true),
            base!("临时救助申请", 5, "P", [], &["", "（急难型）"], 10, 30, "W", ["居民身份证", "困难情况说明"], NOFEE, false, true),
            base!("高龄老人津贴申领", 5, "P", ["elderly"], &[""], 10, 20, "W", ["居民身份证", "户口簿", "银行账户"], NOFEE, true, true),
            base!("老年人优待证办理", 20, "P", ["elderly", "travel"], &["", "（补办）"], 0, 5, "W", ["居民身份证", "近期免冠照片"], NOFEE, true, true),
            base!("惠民殡葬补贴申领", 5, "P", ["after-death"], &[""], 10, 20, "W", ["逝者居民身份证", "火化证明", "申领人居民身份证"], NOFEE, true, true),
            base!("社会团体登记", 1, "L", ["start", "close"], &["（成立）", "（变更）", "（注销）"], 20, 60, "D", ["登记申请书", "章程草案", "验资报告", "负责人身份证明"], NOFEE, false, true),
            base!("民办非企业单位登记", 1, "L", ["start", "close"], &["（成立）", "（变更）", "（注销）"], 20, 60, "D", ["登记申请书", "章程草案", "场所使用权证明", "验资报告"], NOFEE, false, true),
            base!("养老机构备案", 10, "L", ["operate"], &["", "（变更）"], 5, 20, "W", ["营业执照", "养老机构备案书", "消防验收证明"], NOFEE, false, true),
            base!("收养登记", 7, "P", ["birth"], &["", "（解除）"], 30, 30, "D", ["居民身份证", "户口簿", "收养申请书", "体检证明"], NOFEE, false, true),
            base!("困境儿童基本生活补贴申领", 5, "P", ["education"], &[""], 15, 30, "W", ["儿童户口簿", "监护人居民身份证", "困境情况证明"], NOFEE, false, true),
            base!("居民死亡殡葬服务", 20, "P", ["after-death"], &["（遗体接运）", "（火化）", "（骨灰寄存）"], 0, 1, "W", ["居民死亡医学证明（推断）书", "逝者居民身份证", "经办人居民身份证"], Some(("基本殡葬服务费", "按项目收取", "津发改价管〔2020〕88号")), false, true),
            base!("社区养老服务驿站助餐登记", 20, "P", ["elderly"], &[""], 0, 3, "W", ["居民身份证"], NOFEE, true, false),
            base!("经济困难老年人养老服务补贴申领", 5, "P", ["elderly"], &["", "（失能）"], 15, 30, "W", ["居民身份证", "户口簿", "家庭经济状况核对授权书"], NOFEE, false, true),
            base!("地名命名更名备案", 10, "L", [], &["（命名）", "（更名）"], 15, 30, "W", ["申请书", "方案说明"], NOFEE, false, false),
        ] },
    Dept { id: "hrss", name: "河北区人力资源和社会保障局", former: &[], phone: "022-24455891", reviewed_on: "2018-01-12",
        duties: &["负责就业创业、职业技能培训工作", "负责企业职工养老、失业、工伤保险经办工作", "负责劳动关系协调和劳动保障监察", "负责劳动人事争议调解仲裁"],
        items: &[
            base!("社会保障卡申领", 20, "P", ["social-insurance"], &["", "（未成年人）", "（电子社保卡）"], 10, 20, "W", ["居民身份证", "近期免冠照片"], NOFEE, true, true),
            base!("社会保障卡补换", 20, "P", ["social-insurance"], &["（补领）", "（换领）", "（挂失）", "（解挂）"], 0, 10, "W", ["居民身份证"], Some(("社会保障卡补卡工本费", "20元", "津发改价管〔2019〕168号")), true, true),
            base!("失业保险金申领", 5, "P", ["employment", "social-insurance"], &[""], 10, 15, "W", ["居民身份证", "解除劳动合同证明"], NOFEE, true, true),
            base!("就业创业证申领", 20, "P", ["employment"], &["", "（补领）"], 0, 5, "W", ["居民身份证", "近期免冠照片"], NOFEE, true, true),
            base!("基本养老金申领", 5, "P", ["elderly", "social-insurance"], &["（企业职工）", "（城乡居民）", "（灵活就业）"], 15, 30, "W", ["居民身份证", "社会保障卡", "人事档案"], NOFEE, false, true),
            base!("灵活就业人员参保登记", 20, "P", ["employment", "social-insurance"], &["", "（停保）"], 0, 5, "W", ["居民身份证"], NOFEE, true, true),
            base!("职业技能培训补贴申领", 5, "P", ["employment"], &[""], 20, 30, "W", ["居民身份证", "职业资格证书", "培训合格证明"], NOFEE, false, true),
            base!("劳动人事争议仲裁申请", 10, "P", ["employment"], &[""], 5, 5, "D", ["仲裁申请书", "居民身份证", "劳动关系证明"], NOFEE, false, true),
            base!("工伤认定申请", 7, "P", ["employment", "social-insurance"], &[""], 45, 60, "D", ["工伤认定申请表", "劳动关系证明", "医疗诊断证明"], NOFEE, false, true),
            base!("养老保险关系转移接续", 20, "P", ["social-insurance"], &["（转入）", "（转出）"], 15, 45, "W", ["居民身份证", "参保缴费凭证"], NOFEE, false, true),
            base!("社会保险参保缴费记录查询打印", 20, "P", ["social-insurance"], &["（个人）", "（单位）"], 0, 1, "W", ["居民身份证"], NOFEE, true, false),
            base!("企业社会保险登记", 10, "L", ["start", "close"], &["", "（变更）", "（注销）"], 0, 5, "W", ["营业执照", "法定代表人身份证明"], NOFEE, true, false),
            base!("一次性创业补贴申领", 5, "P", ["employment"], &[""], 20, 30, "W", ["居民身份证", "营业执照", "就业创业证"], NOFEE, false, true),
            base!("劳务派遣经营许可", 1, "L", ["operate"], &[LIC0, LIC1, LIC2, LIC3], 15, 20, "W", ["营业执照", "注册资本证明", "经营场所证明", "劳务派遣管理制度"], NOFEE, false, true),
            base!("职业技能等级证书查询", 20, "P", ["employment"], &[""], 0, 1, "W", ["居民身份证"], NOFEE, true, false),
            base!("就业困难人员认定", 7, "P", ["employment"], &["", "（公益性岗位申请）"], 10, 20, "W", ["居民身份证", "就业创业证"], NOFEE, false, true),
            base!("高校毕业生就业见习补贴申领", 5, "L", ["employment", "operate"], &[""], 20, 30, "W", ["见习协议", "见习人员名册"], NOFEE, false, false),
            base!("人力资源服务许可", 1, "L", ["operate"], &[LIC0, LIC1, LIC2, LIC3], 15, 20, "W", ["申请书", "营业执照", "专职工作人员证明"], NOFEE, false, true),
            base!("企业职工档案管理", 20, "P", ["employment"], &["（存档）", "（转出）", "（查阅）", "（出具证明）"], 0, 5, "W", ["居民身份证", "调档函"], NOFEE, false, true),
        ] },
    Dept { id: "medical-security", name: "河北区医疗保障局", former: &[], phone: "022-26348810", reviewed_on: "2026-09-02",
        duties: &["负责基本医疗保险、生育保险和医疗救助经办", "负责医保定点医药机构协议管理", "负责医保基金监督管理"],
        items: &[
            base!("城乡居民基本医疗保险参保登记", 20, "P", ["health", "social-insurance"], &["", "（新生儿）", "（大学生）"], 0, 5, "W", ["居民身份证", "户口簿"], NOFEE, true, true),
            base!("异地就医备案", 20, "P", ["health", "travel"], &["（异地安置）", "（异地长期居住）", "（临时外出就医）"], 0, 3, "W", ["社会保障卡", "居住证明或承诺书"], NOFEE, true, false),
            base!("门诊慢特病待遇认定", 7, "P", ["health"], &[""], 15, 30, "W", ["社会保障卡", "诊断证明", "病历资料"], NOFEE, false, true),
            base!("医疗费用手工报销", 5, "P", ["health"], &["（门诊）", "（住院）", "（异地就医）"], 20, 30, "W", ["社会保障卡", "医疗费用发票", "费用明细清单", "出院小结"], NOFEE, false, true),
            base!("生育医疗费用报销", 5, "P", ["birth", "health"], &[""], 15, 30, "W", ["社会保障卡", "医疗费用发票", "出生医学证明"], NOFEE, false, true),
            base!("医疗救助申请", 5, "P", ["health"], &[""], 15, 30, "W", ["居民身份证", "医疗费用发票", "困难证明"], NOFEE, false, true),
            base!("医保关系转移接续", 20, "P", ["social-insurance", "health"], &["（转入）", "（转出）"], 10, 45, "W", ["居民身份证", "参保凭证"], NOFEE, true, false),
            base!("医保定点医药机构申请", 10, "L", ["operate"], &["（医疗机构）", "（零售药店）"], 30, 90, "D", ["执业许可证", "营业执照", "信息系统说明"], NOFEE, false, true),
        ] },
    Dept { id: "health", name: "河北区卫生健康委员会", former: &[("河北区卫生和计划生育委员会", "2019-01-20")], phone: "022-26270120", reviewed_on: "2018-01-05",
        duties: &["负责辖区医疗机构和医务人员执业管理", "负责生育登记和人口监测", "负责公共卫生监督", "负责计划生育家庭奖励扶助政策落实"],
        items: &[
            base!("生育登记", 20, "P", ["birth"], &["（一孩）", "（二孩）", "（三孩）"], 0, 1, "W", ["夫妻双方居民身份证", "结婚证"], NOFEE, true, false),
            base!("出生医学证明办理", 7, "P", ["birth"], &["（首次签发）", "（补发）", "（换发）"], 0, 10, "W", ["父母双方居民身份证", "分娩记录"], NOFEE, false, true),
            base!("医师执业注册", 1, "P", ["employment"], &["（首次）", "（变更）", "（注销）"], 10, 20, "W", ["医师资格证书", "居民身份证", "体检证明"], NOFEE, false, true),
            base!("护士执业注册", 1, "P", ["employment"], &["（首次）", "（延续）", "（变更）", "（注销）"], 10, 20, "W", ["护士执业资格考试成绩合格证明", "居民身份证", "体检证明"], NOFEE, false, true),
            base!("医疗机构执业登记", 1, "L", ["start", "operate"], &[LIC0, LIC1, LIC2, LIC3], 20, 45, "D", ["设置医疗机构批准书", "营业执照", "房屋产权证明"], NOFEE, false, true),
            base!("诊所备案", 10, "L", ["start"], &["", "（变更）"], 0, 5, "W", ["诊所备案信息表", "执业人员资格证书"], NOFEE, false, true),
            base!("公共场所卫生许可", 1, "L", ["operate"], &[LIC0, LIC1, LIC2, LIC3], 10, 20, "W", ["营业执照", "卫生管理制度", "从业人员健康证明"], NOFEE, false, true),
            base!("计划生育家庭特别扶助金申领", 5, "P", ["elderly"], &[""], 20, 30, "W", ["居民身份证", "独生子女父母光荣证", "子女死亡或伤残证明"], NOFEE, false, true),
            base!("独生子女父母奖励", 5, "P", ["elderly"], &["（年老奖励）", "（一次性奖励）"], 20, 30, "W", ["居民身份证", "独生子女父母光荣证"], NOFEE, true, true),
            base!("放射诊疗许可", 1, "L", ["operate"], &[LIC0, LIC1, LIC2, LIC3], 20, 20, "W", ["放射诊疗许可申请表", "设备清单", "辐射防护评价报告"], NOFEE, false, true),
            base!("母婴保健技术服务执业许可", 1, "L", ["operate"], &[LIC0, LIC1, LIC2, LIC3], 20, 20, "W", ["申请书", "执业许可证", "人员资质证明"], NOFEE, false, true),
            base!("预防接种证补办", 20, "P", ["birth", "education"], &["", "（入托入学查验）"], 0, 3, "W", ["儿童户口簿", "监护人居民身份证"], NOFEE, true, true),
            base!("健康证明办理", 20, "P", ["employment"], &["（食品从业人员）", "（公共场所从业人员）"], 5, 10, "W", ["居民身份证", "体检表"], Some(("体检费", "按项目收取", "津发改价管〔2018〕215号")), false, true),
        ] },
    Dept { id: "market-regulation", name: "河北区市场监督管理局", former: &[("河北区市场和质量监督管理委员会", "2019-01-20")], phone: "022-24463315", reviewed_on: "2017-12-28",
        duties: &["负责市场主体登记注册", "负责食品安全监督管理", "负责药品零售、医疗器械经营使用环节监督管理", "负责特种设备安全监察", "负责价格监督检查和消费者权益保护"],
        items: &[
            base!("个体工商户设立登记", 1, "P", ["start"], &["", "（经营者为外国人）"], 0, 15, "W", ["经营者居民身份证", "经营场所使用证明"], NOFEE, true, true),
            base!("个体工商户变更登记", 1, "P", ["operate"], &["（经营范围）", "（经营场所）", "（经营者姓名）", "（名称）"], 0, 15, "W", ["营业执照正副本", "变更证明材料"], NOFEE, true, true),
            base!("个体工商户注销登记", 1, "P", ["close"], &["", "（简易注销）"], 0, 15, "W", ["营业执照正副本", "注销登记申请书"], NOFEE, true, true),
            base!("有限责任公司设立登记", 1, "L", ["start"], &["", "（一人有限公司）", "（外商投资）"], 1, 15, "W", ["公司登记申请书", "公司章程", "股东主体资格证明", "法定代表人任职文件", "住所使用证明"], NOFEE, true, true),
            base!("公司变更登记", 1, "L", ["operate"], &["（名称）", "（住所）", "（法定代表人）", "（注册资本）", "（经营范围）", "（股东）", "（章程备案）"], 1, 15, "W", ["公司登记申请书", "股东会决议", "营业执照正副本"], NOFEE, true, true),
            base!("公司注销登记", 1, "L", ["close"], &["", "（简易注销）"], 1, 15, "W", ["注销登记申请书", "清算报告", "营业执照正副本"], NOFEE, false, true),
            base!("农民专业合作社登记", 1, "L", ["start", "close"], &["（设立）", "（变更）", "（注销）"], 1, 15, "W", ["登记申请书", "合作社章程", "成员名册"], NOFEE, false, true),
            base!("食品经营许可", 1, "L", ["operate"], &[LIC0, LIC1, LIC2, LIC3], 10, 20, "W", ["食品经营许可申请书", "营业执照", "经营场所平面图", "食品安全管理制度"], NOFEE, false, true),
            base!("小餐饮登记", 1, "P", ["operate"], &[LIC0, LIC1, LIC2, LIC3], 10, 15, "W", ["登记申请表", "经营者居民身份证", "从业人员健康证明"], NOFEE, false, true),
            base!("食品小作坊登记", 1, "P", ["operate"], &[LIC0, LIC1, LIC2, LIC3], 10, 15, "W", ["登记申请表", "生产场所证明", "从业人员健康证明"], NOFEE, false, true),
            base!("药品零售企业许可", 1, "L", ["operate"], &["（新办）", "（变更）", "（换证）", "（注销）"], 15, 30, "W", ["许可申请表", "执业药师注册证", "经营场所证明"], NOFEE, false, true),
            base!("第二类医疗器械经营备案", 10, "L", ["operate"], &["", "（变更）"], 0, 5, "W", ["备案表", "营业执照", "质量管理制度"], NOFEE, true, false),
            base!("特种设备使用登记", 10, "L", ["operate"], &["（电梯）", "（锅炉）", "（压力容器）", "（起重机械）", "（场（厂）内专用机动车辆）"], 5, 15, "W", ["使用登记表", "产品合格证", "监督检验证明"], NOFEE, false, true),
            base!("营业执照补领", 10, "L", ["operate"], &["", "（换发）"], 0, 5, "W", ["补领申请书", "遗失声明"], NOFEE, true, false),
            base!("企业名称自主申报", 20, "L", ["start"], &[""], 0, 1, "W", ["申请人身份证明"], NOFEE, true, false),
            base!("动产抵押登记", 7, "L", ["operate"], &["（设立）", "（变更）", "（注销）"], 0, 3, "W", ["抵押合同", "动产抵押登记书"], NOFEE, false, false),
            base!("食品生产许可", 1, "L", ["operate"], &[LIC0, LIC1, LIC2, LIC3], 15, 20, "W", ["许可申请书", "营业执照", "生产场所平面图", "工艺流程图"], NOFEE, false, true),
            base!("计量器具强制检定", 20, "L", ["operate"], &["（加油机）", "（电子秤）", "（血压计）"], 10, 20, "W", ["检定申请", "器具清单"], Some(("检定费", "按器具收取", "津价费〔2010〕5号")), false, true),
            base!("消费投诉举报", 20, "P", [], &["（投诉）", "（举报）"], 7, 7, "W", ["投诉人居民身份证", "消费凭证"], NOFEE, true, false),
            base!("股权出质登记", 7, "L", ["operate"], &["（设立）", "（变更）", "（注销）"], 0, 3, "W", ["出质登记申请书", "质押合同"], NOFEE, true, false),
        ] },
    Dept { id: "housing", name: "河北区住房和建设委员会", former: &[("河北区建设管理委员会", "2019-02-15")], phone: "022-26285410", reviewed_on: "2018-01-24",
        duties: &["负责住房保障和公共租赁住房管理", "负责建筑工程施工许可和质量安全监督", "负责物业管理和老旧小区改造", "负责房屋安全和既有住宅加装电梯工作"],
        items: &[
            base!("公共租赁住房申请", 5, "P", ["housing"], &["（资格审核）", "（配租）", "（退出）"], 20, 45, "W", ["居民身份证", "户口簿", "家庭收入证明", "住房情况证明"], NOFEE, false, true),
            base!("住房租赁补贴申领", 5, "P", ["housing"], &["", "（年度复核）"], 20, 45, "W", ["居民身份证", "户口簿", "租赁合同"], NOFEE, false, true),
            base!("建筑工程施工许可", 1, "L", ["operate"], &["（新办）", "（变更）", "（延期）"], 3, 7, "W", ["施工许可申请表", "建设工程规划许可证", "施工合同", "质量安全监督手续"], NOFEE, false, true),
            base!("商品房预售许可", 1, "L", ["operate"], &["", "（变更）"], 10, 10, "W", ["预售许可申请表", "土地使用权证", "建设工程规划许可证", "施工进度证明"], NOFEE, false, true),
            base!("既有住宅加装电梯备案", 10, "P", ["housing", "elderly"], &[""], 10, 20, "W", ["业主同意书", "设计方案", "结构安全评估报告"], NOFEE, false, true),
            base!("房屋安全鉴定申请", 20, "P", ["housing"], &[""], 15, 30, "W", ["房屋产权证明", "鉴定申请书"], NOFEE, false, true),
            base!("物业服务企业项目备案", 10, "L", ["operate"], &["", "（退出）"], 5, 20, "W", ["物业服务合同", "营业执照"], NOFEE, false, false),
            base!("城市房屋拆迁补偿咨询", 20, "P", ["housing"], &[""], 0, 5, "W", ["房屋产权证明"], NOFEE, false, true),
            base!("建设工程竣工验收备案", 10, "L", ["operate"], &[""], 3, 15, "D", ["竣工验收报告", "规划验收认可文件", "消防验收证明"], NOFEE, false, true),
            base!("房屋租赁登记备案", 10, "P", ["housing"], &["", "（变更）", "（注销）"], 0, 3, "W", ["居民身份证", "房屋租赁合同", "房屋产权证明"], NOFEE, true, false),
            base!("老旧小区改造意见征询", 20, "P", ["housing"], &[""], 10, 20, "W", ["房屋产权证明"], NOFEE, false, false),
            base!("建筑业企业资质", 1, "L", ["operate"], &["（首次）", "（增项）", "（延续）", "（变更）"], 20, 20, "W", ["申请表", "营业执照", "人员证书", "业绩证明"], NOFEE, false, true),
        ] },
    Dept { id: "education", name: "河北区教育局", former: &[], phone: "022-24457310", reviewed_on: "2026-08-20",
        duties: &["负责义务教育入学和学籍管理", "负责学生资助工作", "负责教师资格认定和教师队伍建设", "负责民办教育和校外培训机构监管"],
        items: &[
            base!("小学入学登记", 20, "P", ["education"], &["", "（随迁子女）", "（户籍在津）"], 15, 30, "W", ["适龄儿童户口簿", "监护人居民身份证", "房屋产权证明或租赁合同"], NOFEE, false, true),
            base!("初中入学登记", 20, "P", ["education"], &["", "（随迁子女）"], 15, 30, "W", ["学生户口簿", "小学毕业证明"], NOFEE, false, true),
            base!("学生转学", 20, "P", ["education"], &["（区内）", "（跨区）", "（跨省）"], 10, 20, "W", ["转学申请表", "户口簿", "学籍证明"], NOFEE, false, true),
            base!("家庭经济困难学生资助", 5, "P", ["education"], &["（学前）", "（义务教育）", "（普通高中）"], 20, 30, "W", ["资助申请表", "家庭经济困难证明"], NOFEE, false, false),
            base!("教师资格认定", 7, "P", ["employment", "education"], &["（幼儿园）", "（小学）", "（初级中学）"], 30, 60, "W", ["居民身份证", "学历证书", "普通话水平测试等级证书", "体检证明"], NOFEE, false, true),
            base!("民办学校办学许可", 1, "L", ["start", "operate"], &["（筹设）", "（正式设立）", "（变更）", "（终止）"], 30, 90, "D", ["申办报告", "章程", "资产来源证明", "校舍证明"], NOFEE, false, true),
            base!("校外培训机构审批", 1, "L", ["start", "operate"], &["（设立）", "（变更）", "（终止）"], 20, 60, "W", ["申请书", "章程", "场所证明", "师资情况"], NOFEE, false, true),
            base!("学历证明书补办", 20, "P", ["education"], &["（初中）", "（小学）"], 5, 10, "W", ["居民身份证", "补办申请"], NOFEE, true, false),
            base!("幼儿园入园登记", 20, "P", ["education", "birth"], &["", "（普惠性民办园）"], 10, 20, "W", ["幼儿户口簿", "预防接种证", "监护人居民身份证"], NOFEE, false, true),
            base!("特殊教育学生入学评估", 20, "P", ["education", "disability"], &[""], 20, 30, "W", ["儿童户口簿", "残疾人证或诊断证明"], NOFEE, false, true),
        ] },
    Dept { id: "tax", name: "国家税务总局天津市河北区税务局", former: &[], phone: "022-12366", reviewed_on: "2026-10-10",
        duties: &["负责辖区税收征收管理", "负责纳税服务和税收宣传", "负责社会保险费征收"],
        items: &[
            base!("个人所得税综合所得汇算清缴", 10, "P", ["employment"], &[""], 0, 1, "W", ["居民身份证", "收入及扣除证明"], NOFEE, true, false),
            base!("发票领用", 10, "L", ["operate"], &["（首次）", "（增版增量）", "（代开）"], 0, 1, "W", ["经办人身份证明", "税务登记信息"], NOFEE, true, false),
            base!("税务登记", 10, "L", ["start", "close"], &["（信息确认）", "（变更）", "（注销）", "（跨区迁移）"], 0, 1, "W", ["营业执照", "经办人身份证明"], NOFEE, true, false),
            base!("完税证明开具", 20, "P", [], &["（个人）", "（企业）"], 0, 1, "W", ["居民身份证"], NOFEE, true, false),
            base!("车辆购置税申报", 10, "P", ["travel"], &[""], 0, 1, "W", ["居民身份证", "机动车销售统一发票", "车辆合格证"], NOFEE, true, false),
            base!("契税申报", 10, "P", ["housing"], &["", "（减免）"], 0, 1, "W", ["居民身份证", "房屋买卖合同"], NOFEE, false, true),
            base!("城乡居民社会保险费缴纳", 10, "P", ["social-insurance"], &["（养老）", "（医疗）"], 0, 1, "W", ["居民身份证"], NOFEE, true, false),
            base!("个体工商户定期定额核定", 10, "P", ["operate"], &["", "（调整）"], 5, 20, "W", ["营业执照", "经营情况说明"], NOFEE, false, true),
            base!("房产税城镇土地使用税申报", 10, "L", ["operate"], &["（房产税）", "（城镇土地使用税）"], 0, 1, "W", ["房产证明", "土地使用证明"], NOFEE, true, false),
            base!("出口退税备案", 10, "L", ["operate"], &["", "（变更）", "（撤回）"], 3, 5, "W", ["备案表", "对外贸易经营者备案表"], NOFEE, false, true),
        ] },
    Dept { id: "disabled-persons", name: "河北区残疾人联合会", former: &[], phone: "022-26260521", reviewed_on: "2018-01-17",
        duties: &["负责残疾人证办理和管理", "负责残疾人康复、教育、就业服务", "负责残疾人两项补贴审核"],
        items: &[
            base!("残疾人证办理", 7, "P", ["disability"], &["（新办）", "（换领）", "（迁移）", "（等级变更）", "（注销）"], 20, 30, "W", ["居民身份证", "户口簿", "近期免冠照片", "残疾评定表"], NOFEE, false, true),
            base!("残疾人证补办", 7, "P", ["disability"], &[""], 10, 20, "W", ["居民身份证", "近期免冠照片"], NOFEE, true, true),
            base!("困难残疾人生活补贴申领", 5, "P", ["disability"], &[""], 15, 30, "W", ["残疾人证", "低保证明"], NOFEE, true, true),
            base!("重度残疾人护理补贴申领", 5, "P", ["disability"], &[""], 15, 30, "W", ["残疾人证", "户口簿"], NOFEE, true, true),
            base!("残疾人辅助器具适配", 20, "P", ["disability"], &["", "（假肢矫形器）"], 20, 30, "W", ["残疾人证", "适配申请表"], NOFEE, false, true),
            base!("残疾儿童康复救助", 5, "P", ["disability", "birth"], &[""], 15, 30, "W", ["儿童户口簿", "诊断证明", "监护人居民身份证"], NOFEE, false, true),
            base!("残疾人就业保障金减免", 10, "L", ["operate"], &[""], 15, 30, "W", ["减免申请", "财务报表"], NOFEE, false, false),
        ] },
    Dept { id: "veterans", name: "河北区退役军人事务局", former: &[], phone: "022-26330817", reviewed_on: "2026-04-07",
        duties: &["负责退役军人移交安置和就业创业服务", "负责退役军人和其他优抚对象抚恤优待", "负责烈士褒扬和纪念设施管理"],
        items: &[
            base!("退役军人优待证申领", 20, "P", ["employment"], &["", "（补换）"], 20, 30, "W", ["居民身份证", "退役证件", "近期免冠照片"], NOFEE, true, true),
            base!("残疾等级评定", 7, "P", ["disability"], &["（新办）", "（调整）"], 60, 90, "D", ["评残申请", "退役证件", "医疗诊断证明"], NOFEE, false, true),
            base!("伤残抚恤关系转移", 20, "P", ["disability"], &["（转入）", "（转出）"], 15, 30, "W", ["残疾军人证", "居民身份证"], NOFEE, false, true),
            base!("自主就业退役士兵一次性经济补助", 5, "P", ["employment"], &[""], 20, 30, "W", ["退役证件", "居民身份证", "银行账户"], NOFEE, false, true),
            base!("烈士褒扬金申领", 5, "P", ["after-death"], &[""], 20, 30, "W", ["烈士证明书", "申领人居民身份证"], NOFEE, false, true),
            base!("光荣牌悬挂", 20, "P", [], &[""], 15, 30, "W", ["居民身份证", "退役证件"], NOFEE, true, false),
            base!("退役军人档案接收", 20, "P", ["employment"], &[""], 5, 30, "W", ["退役证件", "档案移交函"], NOFEE, false, true),
        ] },
    Dept { id: "justice", name: "河北区司法局", former: &[], phone: "022-26283148", reviewed_on: "2018-01-09",
        duties: &["负责法律援助和公共法律服务体系建设", "负责人民调解和社区矫正工作", "负责普法和依法治区工作", "负责行政复议和行政执法监督"],
        items: &[
            base!("法律援助申请", 5, "P", [], &["（民事）", "（刑事）", "（行政）"], 5, 7, "W", ["居民身份证", "经济困难状况说明", "案件材料"], NOFEE, true, true),
            base!("人民调解申请", 20, "P", [], &[""], 0, 30, "D", ["居民身份证", "纠纷情况说明"], NOFEE, false, true),
            base!("行政复议申请", 10, "P", [], &[""], 5, 60, "D", ["行政复议申请书", "居民身份证", "被申请复议的行政行为材料"], NOFEE, false, true),
            base!("基层法律服务工作者执业核准", 1, "P", ["employment"], &["", "（变更）", "（注销）"], 20, 20, "W", ["执业申请", "学历证明", "居民身份证"], NOFEE, false, true),
            base!("公证咨询预约", 20, "P", ["marriage", "after-death"], &["（继承）", "（委托）", "（出生）", "（婚姻状况）"], 0, 15, "W", ["居民身份证", "户口簿", "相关证明材料"], Some(("公证费", "按公证事项收取", "津发改价管〔2021〕210号")), false, true),
            base!("法治宣传进社区预约", 20, "L", [], &[""], 5, 10, "W", ["预约申请"], NOFEE, false, false),
        ] },
    Dept { id: "urban-management", name: "河北区城市管理委员会", former: &[("河北区市容和园林管理委员会", "2019-02-01")], phone: "022-26282319", reviewed_on: "2017-12-28",
        duties: &["负责市容环境卫生和城市道路管理", "负责户外广告和招牌设置管理", "负责园林绿化和树木管理", "负责建筑垃圾和生活垃圾分类管理"],
        items: &[
            base!("城市道路占用挖掘许可", 1, "L", ["operate"], &["（占用）", "（挖掘）", "（延期）"], 5, 20, "W", ["申请书", "施工方案", "交通疏导方案"], Some(("城市道路占用费", "按面积和时长收取", "津价房地〔2003〕163号")), false, true),
            base!("户外广告设施设置许可", 1, "L", ["operate"], &["（新设）", "（延续）"], 10, 20, "W", ["设置申请表", "效果图", "结构安全证明"], NOFEE, false, true),
            base!("门店招牌设置备案", 10, "L", ["operate"], &["", "（变更）"], 5, 10, "W", ["营业执照", "招牌设计图"], NOFEE, true, false),
            base!("建筑垃圾处置核准", 1, "L", ["operate"], &[""], 5, 20, "W", ["处置申请", "运输合同", "消纳场证明"], NOFEE, false, true),
            base!("树木迁移砍伐许可", 1, "P", ["housing"], &["（迁移）", "（砍伐）", "（修剪）"], 10, 20, "W", ["申请书", "树木位置图", "补植方案"], NOFEE, false, true),
            base!("临时占用绿地许可", 1, "L", ["operate"], &[""], 10, 20, "W", ["申请书", "占用方案"], NOFEE, false, true),
            base!("生活垃圾清运服务申请", 20, "L", ["operate"], &["", "（大件垃圾）"], 3, 5, "W", ["申请书"], Some(("生活垃圾处理费", "按量收取", "津发改价管〔2019〕342号")), false, false),
            base!("城市生活垃圾经营性清扫收集运输许可", 1, "L", ["operate"], &[LIC0, LIC1, LIC2, LIC3], 15, 20, "W", ["申请书", "车辆清单", "管理制度"], NOFEE, false, true),
            base!("燃气经营许可", 1, "L", ["operate"], &[LIC0, LIC1, LIC2, LIC3], 15, 20, "W", ["申请书", "营业执照", "安全评价报告"], NOFEE, false, true),
        ] },
    Dept { id: "transport", name: "河北区交通运输局", former: &[], phone: "022-26313360", reviewed_on: "2018-01-19",
        duties: &["负责道路运输市场管理", "负责农村公路以外的区管道路养护", "负责出租汽车和网约车行业管理"],
        items: &[
            base!("道路普通货物运输经营许可", 1, "L", ["operate"], &[LIC0, LIC1, LIC2, LIC3], 10, 20, "D", ["许可申请表", "车辆行驶证", "驾驶人从业资格证"], NOFEE, false, true),
            base!("道路运输从业人员从业资格证", 1, "P", ["employment"], &["（补发）", "（换发）", "（注销）"], 5, 10, "W", ["居民身份证", "原从业资格证"], NOFEE, true, false),
            base!("网络预约出租汽车驾驶员证", 1, "P", ["employment", "travel"], &["（申领）", "（换证）"], 10, 20, "W", ["居民身份证", "机动车驾驶证", "无犯罪记录证明"], NOFEE, false, true),
            base!("机动车维修经营备案", 10, "L", ["operate"], &["", "（变更）"], 0, 5, "W", ["备案表", "维修设备清单"], NOFEE, true, false),
            base!("道路运输证配发", 10, "L", ["operate"], &["（新办）", "（补发）", "（换发）"], 3, 10, "W", ["车辆行驶证", "道路运输经营许可证"], NOFEE, true, false),
        ] },
    Dept { id: "culture-tourism", name: "河北区文化和旅游局", former: &[("河北区文化广播电视局", "2019-01-25")], phone: "022-24450615", reviewed_on: "2018-01-24",
        duties: &["负责文化市场和旅游市场管理", "负责文物保护和非物质文化遗产保护", "负责公共文化服务体系建设"],
        items: &[
            base!("娱乐场所经营许可", 1, "L", ["operate"], &[LIC0, LIC1, LIC2, LIC3], 15, 20, "D", ["申请书", "营业执照", "消防安全证明"], NOFEE, false, true),
            base!("营业性演出许可", 1, "L", ["operate"], &["（文艺表演团体）", "（演出场所）", "（单场演出）"], 10, 20, "D", ["申请书", "演出节目内容", "演员名单"], NOFEE, false, true),
            base!("互联网上网服务营业场所许可", 1, "L", ["operate"], &[LIC0, LIC1, LIC2, LIC3], 15, 20, "D", ["申请书", "营业执照", "网络安全技术措施"], NOFEE, false, true),
            base!("旅行社业务经营许可", 1, "L", ["start", "operate"], &["（设立）", "（变更）", "（注销）"], 15, 20, "W", ["申请书", "营业执照", "质量保证金凭证"], NOFEE, false, true),
            base!("公共文化场馆活动预约", 20, "P", [], &["（图书馆）", "（文化馆）"], 0, 1, "W", ["居民身份证"], NOFEE, true, false),
            base!("非物质文化遗产代表性传承人申报", 7, "P", [], &[""], 60, 90, "D", ["申报书", "传承谱系", "代表作品"], NOFEE, false, true),
            base!("出版物零售单位设立", 1, "L", ["start", "operate"], &[LIC0, LIC1, LIC3], 15, 20, "W", ["申请书", "营业执照", "经营场所证明"], NOFEE, false, true),
            base!("文物保护单位修缮审批", 1, "L", ["operate"], &[""], 20, 20, "W", ["修缮方案", "文物保护单位资料"], NOFEE, false, false),
        ] },
    Dept { id: "emergency", name: "河北区应急管理局", former: &[("河北区安全生产监督管理局", "2019-01-28")], phone: "022-26306120", reviewed_on: "2026-11-03",
        duties: &["负责安全生产综合监督管理", "负责危险化学品经营和烟花爆竹零售许可", "负责应急预案管理和防灾减灾救灾"],
        items: &[
            base!("危险化学品经营许可", 1, "L", ["operate"], &[LIC0, LIC1, LIC2, LIC3], 20, 30, "D", ["申请书", "营业执照", "安全评价报告", "安全管理制度"], NOFEE, false, true),
            base!("烟花爆竹零售经营许可", 1, "L", ["operate"], &["（新办）", "（延续）"], 15, 20, "D", ["申请书", "零售场所证明", "安全培训证明"], NOFEE, false, true),
            base!("生产安全事故应急预案备案", 10, "L", ["operate"], &[""], 5, 20, "W", ["应急预案", "评审意见"], NOFEE, true, false),
            base!("自然灾害救助申请", 5, "P", ["housing"], &[""], 10, 20, "W", ["居民身份证", "受灾情况说明"], NOFEE, false, true),
        ] },
    Dept { id: "ecology", name: "天津市河北区生态环境局", former: &[("河北区环境保护局", "2019-03-01")], phone: "022-26271369", reviewed_on: "2018-01-02",
        duties: &["负责建设项目环境影响评价审批", "负责排污许可和污染源监管", "负责辐射安全监管"],
        items: &[
            base!("建设项目环境影响评价审批", 1, "L", ["operate"], &["（报告书）", "（报告表）", "（重新报批）"], 20, 60, "D", ["审批申请", "环境影响评价文件"], NOFEE, false, true),
            base!("排污许可", 1, "L", ["operate"], &[LIC0, LIC1, LIC2, LIC3], 20, 30, "D", ["排污许可证申请表", "自行监测方案"], NOFEE, false, true),
            base!("环境影响登记表备案", 10, "L", ["operate"], &[""], 0, 1, "W", ["登记表"], NOFEE, true, false),
        ] },
    Dept { id: "commerce", name: "河北区商务局", former: &[], phone: "022-26288316", reviewed_on: "2026-03-14",
        duties: &["负责商贸流通行业管理", "负责单用途商业预付卡备案管理", "负责招商引资和外资企业服务"],
        items: &[
            base!("单用途商业预付卡备案", 10, "L", ["operate"], &["", "（变更）", "（注销）"], 5, 30, "D", ["备案表", "营业执照", "资金存管协议"], NOFEE, true, false),
            base!("再生资源回收经营者备案", 10, "L", ["operate"], &["", "（变更）"], 5, 30, "D", ["备案表", "营业执照"], NOFEE, true, false),
            base!("对外贸易经营者备案", 10, "L", ["start"], &["", "（变更）"], 3, 5, "W", ["备案登记表", "营业执照"], NOFEE, true, false),
            base!("外商投资企业信息报告", 10, "L", ["operate"], &["（初始）", "（变更）", "（年度）"], 0, 5, "W", ["报告表"], NOFEE, true, false),
        ] },
    Dept { id: "housing-fund", name: "天津市住房公积金管理中心河北管理部", former: &[], phone: "022-12329", reviewed_on: "2026-07-01",
        duties: &["负责住房公积金缴存、提取和贷款业务", "负责住房公积金政策咨询"],
        items: &[
            base!("住房公积金提取", 5, "P", ["housing", "elderly"], &["（购房）", "（租房）", "（离退休）", "（偿还贷款）", "（大病）", "（出境定居）"], 0, 3, "W", ["居民身份证", "提取证明材料", "银行卡"], NOFEE, true, true),
            base!("住房公积金个人账户设立", 20, "P", ["housing", "employment"], &["", "（转移）", "（封存）"], 0, 3, "W", ["居民身份证", "单位证明"], NOFEE, true, false),
            base!("住房公积金贷款", 20, "P", ["housing"], &["（新购房）", "（二手房）", "（提前还款）"], 15, 20, "W", ["居民身份证", "购房合同", "婚姻状况证明", "收入证明"], NOFEE, false, true),
            base!("住房公积金缴存证明开具", 20, "P", ["housing"], &[""], 0, 1, "W", ["居民身份证"], NOFEE, true, false),
        ] },
    Dept { id: "development-reform", name: "河北区发展和改革委员会", former: &[], phone: "022-26284205", reviewed_on: "2017-12-29",
        duties: &["负责固定资产投资项目审批、核准和备案", "负责价格管理和价格认定", "负责社会信用体系建设"],
        items: &[
            base!("企业投资项目备案", 10, "L", ["start", "operate"], &["", "（变更）"], 0, 3, "W", ["项目备案信息"], NOFEE, true, false),
            base!("政府投资项目审批", 1, "L", ["operate"], &["（项目建议书）", "（可行性研究报告）", "（初步设计）"], 15, 20, "W", ["申请报告", "评估意见"], NOFEE, false, true),
            base!("价格认定", 10, "L", [], &[""], 7, 15, "W", ["价格认定协助书", "标的物资料"], NOFEE, false, false),
            base!("信用修复申请", 20, "L", ["operate"], &[""], 5, 10, "W", ["修复申请书", "履行义务证明"], NOFEE, true, false),
        ] },
    Dept { id: "fire-rescue", name: "天津市河北区消防救援支队", former: &[("天津市公安消防总队河北支队", "2019-01-01")], phone: "022-26335119", reviewed_on: "2026-05-22",
        duties: &["负责公众聚集场所投入使用营业前消防安全检查", "负责消防监督检查和火灾事故调查"],
        items: &[
            base!("公众聚集场所投入使用营业前消防安全检查", 1, "L", ["operate"], &["（告知承诺）", "（一般程序）"], 3, 10, "W", ["申请表", "营业执照", "消防设施检测报告"], NOFEE, false, true),
            base!("火灾事故认定复核", 10, "P", [], &[""], 30, 30, "D", ["复核申请", "火灾事故认定书"], NOFEE, false, true),
        ] },
    Dept { id: "civil-air-defense", name: "河北区人民防空办公室", former: &[], phone: "022-26283731", reviewed_on: "2018-01-22",
        duties: &["负责人民防空工程建设和使用管理", "负责防空警报设施管理"],
        items: &[
            base!("人民防空工程使用登记", 10, "L", ["operate"], &["", "（变更）"], 10, 20, "W", ["使用登记申请", "维护管理协议"], NOFEE, false, true),
            base!("防空地下室易地建设审批", 1, "L", ["operate"], &[""], 10, 20, "W", ["申请书", "建设项目规划文件"], Some(("易地建设费", "按建筑面积收取", "津价费〔2008〕45号")), false, true),
        ] },
    Dept { id: "archives", name: "河北区档案馆", former: &[], phone: "022-26286637", reviewed_on: "2025-12-16",
        duties: &["负责区级档案收集、保管和开放利用", "负责档案查询服务"],
        items: &[
            base!("档案查阅", 20, "P", ["marriage", "employment"], &["（婚姻档案）", "（知青档案）", "（招工档案）", "（房产档案）"], 0, 5, "W", ["居民身份证", "委托书（代查时）"], NOFEE, true, true),
        ] },
    Dept { id: "street-offices", name: "河北区各街道办事处", former: &[], phone: "022-24465110", reviewed_on: "2018-01-15",
        duties: &["负责辖区居民政务服务事项的受理和帮办代办", "负责社区党群服务中心建设和管理", "负责辖区社会救助、就业和社会保障事项的初审"],
        items: &[
            base!("最低生活保障申请受理", 5, "P", ["elderly"], STREET_VARIANTS, 5, 10, "W", ["居民身份证", "户口簿", "家庭经济状况核对授权书"], NOFEE, false, true),
            base!("就业登记和失业登记", 20, "P", ["employment"], STREET_VARIANTS, 0, 3, "W", ["居民身份证", "劳动合同或解除证明"], NOFEE, true, true),
            base!("城乡居民养老保险参保登记", 20, "P", ["elderly", "social-insurance"], STREET_VARIANTS, 0, 3, "W", ["居民身份证", "户口簿"], NOFEE, true, true),
            base!("居住证明开具", 20, "P", ["housing"], STREET_VARIANTS, 0, 3, "W", ["居民身份证", "房屋租赁合同或产权证明"], NOFEE, true, false),
            base!("残疾人两项补贴申请受理", 5, "P", ["disability"], STREET_VARIANTS, 5, 10, "W", ["残疾人证", "居民身份证"], NOFEE, false, true),
            base!("临时救助申请受理", 5, "P", [], STREET_VARIANTS, 3, 5, "W", ["居民身份证", "困难情况说明"], NOFEE, false, true),
            base!("高龄老人津贴申请受理", 5, "P", ["elderly"], STREET_VARIANTS, 3, 5, "W", ["居民身份证", "户口簿"], NOFEE, true, true),
            base!("计划生育家庭奖励扶助受理", 5, "P", ["elderly", "birth"], STREET_VARIANTS, 5, 10, "W", ["居民身份证", "独生子女父母光荣证"], NOFEE, false, true),
            base!("退役军人信息采集", 20, "P", ["employment"], STREET_VARIANTS, 0, 3, "W", ["居民身份证", "退役证件"], NOFEE, true, false),
            base!("流动人口婚育证明", 20, "P", ["birth", "marriage"], STREET_VARIANTS, 0, 3, "W", ["居民身份证", "婚姻状况证明"], NOFEE, true, false),
            base!("社区养老服务申请", 20, "P", ["elderly"], STREET_VARIANTS, 5, 10, "W", ["居民身份证", "户口簿"], NOFEE, false, true),
            base!("困难群众医疗救助受理", 5, "P", ["health"], STREET_VARIANTS, 5, 10, "W", ["居民身份证", "医疗费用票据"], NOFEE, false, true),
            base!("城乡居民医保参保缴费受理", 20, "P", ["health", "social-insurance"], STREET_VARIANTS, 0, 3, "W", ["居民身份证", "户口簿"], NOFEE, true, false),
            base!("公共租赁住房申请受理", 5, "P", ["housing"], STREET_VARIANTS, 5, 10, "W", ["居民身份证", "户口簿", "家庭收入证明"], NOFEE, false, true),
            base!("殡葬补贴申请受理", 5, "P", ["after-death"], STREET_VARIANTS, 3, 5, "W", ["逝者居民身份证", "火化证明"], NOFEE, false, true),
            base!("平安建设矛盾纠纷调解", 20, "P", [], STREET_VARIANTS, 0, 15, "D", ["居民身份证", "纠纷情况说明"], NOFEE, false, true),
            base!("特殊困难老年人探访关爱登记", 20, "P", ["elderly"], STREET_VARIANTS, 0, 3, "W", ["居民身份证"], NOFEE, true, false),
            base!("残疾人证申请受理", 7, "P", ["disability"], STREET_VARIANTS, 3, 5, "W", ["居民身份证", "户口簿", "近期免冠照片"], NOFEE, false, true),
            base!("灵活就业社保补贴申请受理", 5, "P", ["employment", "social-insurance"], STREET_VARIANTS, 5, 10, "W", ["居民身份证", "就业创业证"], NOFEE, false, true),
            base!("门诊慢特病申请受理", 7, "P", ["health"], STREET_VARIANTS, 3, 5, "W", ["社会保障卡", "诊断证明"], NOFEE, false, true),
            base!("退休人员社会化管理服务登记", 20, "P", ["elderly", "social-insurance"], STREET_VARIANTS, 0, 3, "W", ["居民身份证", "退休证"], NOFEE, true, false),
            base!("困境儿童保障申请受理", 5, "P", ["education"], STREET_VARIANTS, 5, 10, "W", ["儿童户口簿", "监护人居民身份证"], NOFEE, false, true),
            base!("生育登记服务", 20, "P", ["birth"], STREET_VARIANTS, 0, 1, "W", ["夫妻双方居民身份证", "结婚证"], NOFEE, true, false),
            base!("社区居民委员会出具证明事项咨询", 20, "P", [], STREET_VARIANTS, 0, 1, "W", ["居民身份证"], NOFEE, true, false),
            base!("住房公积金业务代办", 20, "P", ["housing"], STREET_VARIANTS, 0, 3, "W", ["居民身份证", "银行卡"], NOFEE, false, true),
            base!("适龄儿童入学信息采集", 20, "P", ["education"], STREET_VARIANTS, 0, 3, "W", ["儿童户口簿", "监护人居民身份证"], NOFEE, false, true),
            base!("低收入家庭认定受理", 7, "P", ["housing"], STREET_VARIANTS, 5, 10, "W", ["居民身份证", "户口簿", "家庭经济状况核对授权书"], NOFEE, false, true),
            base!("居家适老化改造申请", 20, "P", ["elderly", "housing"], STREET_VARIANTS, 10, 20, "W", ["居民身份证", "房屋产权证明"], NOFEE, false, true),
            base!("法律援助申请受理", 5, "P", [], STREET_VARIANTS, 3, 5, "W", ["居民身份证", "经济困难状况说明"], NOFEE, false, true),
            base!("老年人优待证申请受理", 20, "P", ["elderly"], STREET_VARIANTS, 0, 3, "W", ["居民身份证", "近期免冠照片"], NOFEE, true, true),
        ] },
];

const STREETS: [&str; 10] =
    ["光复道", "望海楼", "鸿顺里", "新开河", "铁东路", "建昌道", "宁园", "王串场", "江都路", "月牙河"];

/// Community names, taken from the kinds of names Tianjin's communities actually carry; 118 of them.
const COMMUNITIES: &str =
    "海河 宁园 金钟 建国 红星 北站 昆纬 律纬 宙纬 天纬 地纬 元纬 黄纬 宇纬 真理道 小关 五马路 民生 博爱 光明 \
    幸福 和平 春华 秋实 泰兴 泰来 万柳 宜白 中山 东兴 南口 翔纬 靖江 增产道 黄山 狮子林 兴华 兴达 瑞福 金海 新村 新兴 \
    振华 振兴 富强 富民 同心 同安 安居 安乐 长江 长安 红顺 红旗 鸿顺 旺海 旺达 望园 望江 建昌 建新 江都 江苑 月牙 月华 \
    铁东 铁路 铁新 王串 王家 王庄 新开 新北 新华 宁安 宁馨 宁景 光复 光华 光耀 育才 育英 育红 晓园 晓春 友谊 友爱 团结 \
    胜利 前进 向阳 朝阳 阳光 春晖 春苑 水岸 水木 绿洲 绿苑 金辉 金茂 锦绣 锦苑 嘉园 嘉华 嘉禾 丽景 丽苑 华兴 华苑 宏达 \
    宏泰 永安 永兴 东风 东华 西园 南苑 北宁 远景 远航 明珠 明华 祥和";

/// The seed file's exact bytes.
pub fn render() -> String {
    serde_json::to_string_pretty(&generate()).expect("JSON values serialise") + "\n"
}

pub fn generate() -> Value {
    let communities: Vec<&str> = COMMUNITIES.split_whitespace().collect();
    assert!(
        communities.len() >= COMMUNITY_COUNT,
        "need {} community names, have {}",
        COMMUNITY_COUNT,
        communities.len()
    );

    let mut items = expand_items();
    assert!(items.len() >= ITEM_COUNT, "the base lists expand to only {} items", items.len());
    items.truncate(ITEM_COUNT);
    renumber_by_department(&mut items);
    mark_unmanned(&mut items);

    let departments: Vec<Value> = DEPTS.iter().map(department_json).collect();
    let places = places(&communities[..COMMUNITY_COUNT], &items);
    json!({
        "generated_by": "cargo xtask gen-data",
        "departments": departments,
        "items": items,
        "places": places,
    })
}

fn department_json(d: &Dept) -> Value {
    json!({
        "id": d.id,
        "name": d.name,
        "former_names": d.former.iter().map(|(name, until)| json!({"name": name, "until": until})).collect::<Vec<_>>(),
        "phone": d.phone,
        "responsibilities_reviewed_on": d.reviewed_on,
        "responsibilities": d.duties,
    })
}

/// Expand every department's bases round-robin, one variant at a time, so that truncating to 763 trims the long
/// tails evenly instead of dropping the last department.
fn expand_items() -> Vec<Value> {
    let mut queues: Vec<Vec<(&Dept, usize, &Base, &str)>> = DEPTS
        .iter()
        .map(|d| {
            d.items.iter().enumerate().flat_map(|(bi, b)| b.variants.iter().map(move |v| (d, bi, b, *v))).collect()
        })
        .collect();
    for q in &mut queues {
        q.reverse();
    }
    let mut out = Vec::new();
    let mut sub_seq = std::collections::HashMap::new();
    loop {
        let mut any = false;
        for q in &mut queues {
            if let Some((d, bi, b, v)) = q.pop() {
                any = true;
                let sub = sub_seq.entry((d.id, bi)).or_insert(0u32);
                *sub += 1;
                // The same kind of item repeated across rounds keeps its base number; variants count up under it.
                out.push(item_json(out.len() as u32 + 1, d, bi as u32 + 1, *sub, b, v));
            }
        }
        if !any {
            break;
        }
    }
    out
}

/// After truncation, number the items department by department, so ids read naturally in the data and URLs.
fn renumber_by_department(items: &mut [Value]) {
    let dept_rank = |i: &Value| DEPTS.iter().position(|d| d.id == i["department_id"]).unwrap();
    // The code ends in base number + variant number (after the 18-character department code and 2-digit kind).
    let order = |i: &Value| (dept_rank(i), i["code"].as_str().unwrap()[20..].to_string());
    items.sort_by_key(order);
    for (n, item) in items.iter_mut().enumerate() {
        item["id"] = json!(n + 1);
    }
}

const TOPIC_NAMES_CHECK: [&str; 14] = [
    "birth",
    "education",
    "employment",
    "marriage",
    "housing",
    "social-insurance",
    "health",
    "elderly",
    "disability",
    "travel",
    "after-death",
    "start",
    "operate",
    "close",
];

fn item_json(id: u32, d: &Dept, base_no: u32, sub: u32, b: &Base, variant: &str) -> Value {
    for t in b.topics {
        assert!(TOPIC_NAMES_CHECK.contains(t), "unknown topic {t}");
    }
    let mut rng = Rng(0x5EED_0000 + id as u64);
    let name = format!("{}{}", b.name, variant);
    let dept_code = credit_code(d.id);
    let code = format!("{dept_code}{:02}{:03}{:03}000", b.kind, base_no, sub);
    let immediate = b.promised == 0;
    // Anything booked is a visit; kiosk-capable items not offered for booking are done wholly online (零跑动).
    let visits = if b.bookable {
        1
    } else if b.kiosk {
        0
    } else {
        rng.below(2) as u8
    };
    let online_depth = if visits == 0 { 4 } else { 3 };
    let street = STREETS[rng.below(STREETS.len() as u64) as usize];
    let mut materials: Vec<Value> = b.materials.iter().enumerate().map(|(i, m)| material(m, i, &mut rng)).collect();
    if b.audience == "L" {
        materials
            .push(json!({"name": "授权委托书（委托代理人办理时）", "required": false, "form": "original", "copies": 1,
            "source": "申请人自备", "notes": "法定代表人亲自办理的无需提供"}));
    } else {
        materials
            .push(json!({"name": "代办人居民身份证（他人代办时）", "required": false, "form": "original", "copies": 0,
            "source": "政府部门核发", "notes": "现场核验后退还"}));
    }
    let process: Vec<&str> = if immediate {
        vec!["申请：提交申请材料", "受理：窗口或自助终端当场核验", "办结：当场出具结果"]
    } else {
        vec![
            "申请：网上或窗口提交申请材料",
            "受理：材料齐全、符合法定形式的予以受理",
            "审查：承办部门审查材料，必要时现场核查",
            "决定：作出办理决定",
            "送达：邮寄或窗口领取结果",
        ]
    };
    let hours = "周一至周五 9:00-12:00，13:30-17:00（法定节假日除外）";
    json!({
        "id": id,
        "code": code,
        "name": name,
        "kind": b.kind,
        "department_id": d.id,
        "audience": if b.audience == "P" { "person" } else { "business" },
        "topics": b.topics,
        "description": format!("{}办理{}，{}。", if b.audience == "P" { "自然人" } else { "法人及其他组织" }, name,
            if immediate { "材料齐全的当场办结" } else { "受理后在承诺时限内办结" }),
        "legal_basis": legal_basis(&name, b.kind, &mut rng),
        "conditions": format!("申请人符合{}的相关规定，申请材料齐全、符合法定形式。", b.name),
        "process": process,
        "handling": if immediate { "immediate" } else { "promised" },
        "promised_limit": {"amount": b.promised, "unit": "working_days"},
        "statutory_limit": {"amount": b.statutory, "unit": if b.unit == "W" { "working_days" } else { "calendar_days" }},
        "fees": b.fee.map(|(item, amount, basis)| vec![json!({"item": item, "amount": amount, "basis": basis})]).unwrap_or_default(),
        "visits": visits,
        "address": format!("天津市河北区{}{}号 河北区政务服务中心{}楼", street, 10 + rng.below(190), 1 + rng.below(3)),
        "hours": hours,
        "phone": d.phone,
        "complaint": format!("拨打12345政务服务便民热线，或向{}监督电话反映", d.name),
        "materials": materials,
        "channels": {
            "online_depth": online_depth,
            "palm": b.kiosk || rng.below(10) < 7,
            "kiosk": b.kiosk,
            "unmanned": false,
            "bookable": b.bookable,
            "one_id": false,
        },
        "reviewed_on": format!("2026-{:02}-{:02}", 1 + rng.below(10), 1 + rng.below(28)),
        "version": 1 + rng.below(4),
    })
}

/// The 131 无人审批 items are the kiosk-capable ones; the same set is 一证通办 (an ID card is all that is needed),
/// which is how the source document counts them together.
fn mark_unmanned(items: &mut [Value]) {
    let capable: Vec<usize> = (0..items.len()).filter(|&i| items[i]["channels"]["kiosk"] == true).collect();
    assert!(capable.len() >= UNMANNED_COUNT, "only {} kiosk-capable items", capable.len());
    // Spread the pick across the list so every department with kiosk items gets some.
    let step = capable.len() as f64 / UNMANNED_COUNT as f64;
    for k in 0..UNMANNED_COUNT {
        let i = capable[(k as f64 * step) as usize];
        items[i]["channels"]["unmanned"] = json!(true);
        items[i]["channels"]["one_id"] = json!(true);
    }
}

fn material(name: &str, index: usize, rng: &mut Rng) -> Value {
    let issued = ["居民身份证", "户口簿", "结婚证", "营业执照", "残疾人证", "社会保障卡", "出生医学证明"]
        .iter()
        .any(|k| name.contains(k));
    json!({
        "name": name,
        "required": index < 2 || rng.below(4) > 0,
        "form": if issued { "original" } else { rng.pick(&["original", "copy", "original_and_copy"]) },
        "copies": if issued { 0 } else { 1 + rng.below(2) },
        "source": if issued { "政府部门核发" } else { "申请人自备" },
        "notes": if name.contains("照片") { "近6个月内白底免冠彩色照片" } else if issued { "原件现场核验后退还" } else { "" },
    })
}

/// The law or regulation an item is set by: the one its name points to (marriage registration by the marriage
/// registration regulation, not any confirmation's), else one of its kind's general ones. The draw is made either
/// way, so that every later value of the catalog stays as it was.
fn legal_basis(name: &str, kind: u8, rng: &mut Rng) -> &'static str {
    let general = general_basis(kind, rng);
    BASES.iter().find(|(words, _)| words.iter().any(|w| name.contains(w))).map_or(general, |(_, basis)| basis)
}

/// Words of an item's name, and the law or regulation that sets items so named; the first match counts.
const BASES: &[(&[&str], &str)] = &[
    (&["结婚", "离婚", "婚姻登记"], "《婚姻登记条例》（国务院令第387号）"),
    (&["婚育"], "《流动人口计划生育工作条例》（国务院令第555号）"),
    (&["生育"], "《天津市人口与计划生育条例》"),
    (&["收养"], "《中华人民共和国民法典》第一千零九十三条至第一千一百一十八条"),
    (&["居民身份证", "身份证"], "《中华人民共和国居民身份证法》"),
    (&["居住证"], "《居住证暂行条例》（国务院令第663号）"),
    (&["户口", "户籍", "姓名变更", "出生登记", "死亡注销"], "《中华人民共和国户口登记条例》"),
    (&["驾驶证", "机动车", "驾驶人"], "《中华人民共和国道路交通安全法》"),
    (&["犬"], "《天津市养犬管理条例》"),
    (&["无犯罪记录"], "《公安机关办理无犯罪记录证明工作规定》"),
    (&["出入境", "护照", "港澳", "台湾居民"], "《中华人民共和国出境入境管理法》"),
    (&["伤残", "残疾等级评定", "抚恤"], "《伤残抚恤管理办法》"),
    (&["退役", "优待证", "光荣牌", "军人"], "《中华人民共和国退役军人保障法》"),
    (&["残疾"], "《中华人民共和国残疾人保障法》"),
    (&["最低生活保障", "低保", "特困", "低收入", "临时救助"], "《社会救助暂行办法》（国务院令第649号）"),
    (&["养老服务", "适老化", "高龄", "老年人"], "《中华人民共和国老年人权益保障法》"),
    (&["殡葬", "丧葬"], "《殡葬管理条例》"),
    (&["社会团体", "社会组织", "民办非企业"], "《社会团体登记管理条例》"),
    (
        &["医疗保险", "医保", "就医", "门诊慢特病", "医疗救助", "医疗费用"],
        "《医疗保障基金使用监督管理条例》（国务院令第735号）",
    ),
    (&["社会保障卡", "社会保险", "养老保险", "养老金", "参保", "工伤", "社保"], "《中华人民共和国社会保险法》"),
    (&["劳务派遣"], "《劳务派遣行政许可实施办法》"),
    (&["就业", "失业", "创业"], "《中华人民共和国就业促进法》"),
    (&["职业技能", "职业资格", "技能等级"], "《中华人民共和国劳动法》第六十九条"),
    (&["住房公积金", "公积金"], "《住房公积金管理条例》"),
    (&["公共租赁住房", "保障性住房", "住房保障", "租赁补贴"], "《公共租赁住房管理办法》"),
    (&["预售"], "《城市商品房预售管理办法》"),
    (&["施工许可", "建筑"], "《中华人民共和国建筑法》"),
    (&["食品"], "《中华人民共和国食品安全法》"),
    (&["药品", "医疗器械"], "《中华人民共和国药品管理法》"),
    (&["特种设备"], "《中华人民共和国特种设备安全法》"),
    (&["个体工商户"], "《促进个体工商户发展条例》（国务院令第755号）"),
    (&["动产抵押"], "《动产和权利担保统一登记办法》"),
    (&["营业执照", "设立登记", "变更登记", "注销登记", "市场主体"], "《中华人民共和国市场主体登记管理条例》"),
    (&["发票", "纳税", "税"], "《中华人民共和国税收征收管理法》"),
    (&["网络预约"], "《网络预约出租汽车经营服务管理暂行办法》"),
    (&["道路运输", "出租汽车", "从业资格"], "《中华人民共和国道路运输条例》"),
    (&["娱乐场所"], "《娱乐场所管理条例》"),
    (&["演出"], "《营业性演出管理条例》"),
    (&["旅行社"], "《旅行社条例》"),
    (&["排污"], "《排污许可管理条例》（国务院令第736号）"),
    (&["环境影响"], "《中华人民共和国环境影响评价法》"),
    (&["危险化学品"], "《危险化学品安全管理条例》"),
    (&["消防", "公众聚集场所"], "《中华人民共和国消防法》"),
    (&["人民防空", "防空"], "《中华人民共和国人民防空法》"),
    (&["档案"], "《中华人民共和国档案法》"),
    (&["法律援助"], "《中华人民共和国法律援助法》"),
    (&["基层法律服务"], "《基层法律服务工作者管理办法》"),
    (&["公证"], "《中华人民共和国公证法》"),
    (&["校外培训", "民办学校"], "《中华人民共和国民办教育促进法》"),
    (&["教师资格"], "《教师资格条例》"),
    (&["入学", "学籍"], "《中华人民共和国义务教育法》"),
    (&["政府投资"], "《政府投资条例》（国务院令第712号）"),
    (&["企业投资"], "《企业投资项目核准和备案管理条例》（国务院令第673号）"),
    (&["再生资源"], "《再生资源回收管理办法》"),
    (&["户外广告", "占道", "市容"], "《城市市容和环境卫生管理条例》"),
    (&["绿化", "树木"], "《城市绿化条例》"),
];

fn general_basis(kind: u8, rng: &mut Rng) -> &'static str {
    match kind {
        1 => rng.pick(&[
            "《中华人民共和国行政许可法》第十二条",
            "《国务院对确需保留的行政审批项目设定行政许可的决定》（国务院令第412号）",
            "《天津市行政许可事项清单（2023年版）》",
        ]),
        5 => rng.pick(&[
            "《社会救助暂行办法》（国务院令第649号）",
            "《天津市社会救助实施办法》",
            "《中华人民共和国社会保险法》",
        ]),
        7 => rng.pick(&[
            "《中华人民共和国居民身份证法》",
            "《中华人民共和国户口登记条例》",
            "《婚姻登记条例》（国务院令第387号）",
            "《中华人民共和国残疾人保障法》",
        ]),
        10 => rng.pick(&[
            "《优化营商环境条例》（国务院令第722号）",
            "《中华人民共和国税收征收管理法》",
            "《天津市政务服务办法》",
        ]),
        _ => rng.pick(&["《天津市政务服务办法》", "《国务院关于加快推进全国一体化在线政务服务平台建设的指导意见》"]),
    }
}

/// A plausible 18-character unified social credit code for a department (11 = 机关, 120105 = 河北区).
fn credit_code(dept_id: &str) -> String {
    const CHARS: &[u8] = b"0123456789ABCDEFGHJKLMNPQRTUWXY";
    let mut rng = Rng(dept_id.bytes().fold(7u64, |h, b| h.wrapping_mul(31).wrapping_add(b as u64)));
    let body: String = (0..10).map(|_| CHARS[rng.below(CHARS.len() as u64) as usize] as char).collect();
    format!("11120105{body}")
}

fn places(communities: &[&str], items: &[Value]) -> Vec<Value> {
    let ids = |pred: &dyn Fn(&Value) -> bool| -> Vec<u64> {
        items.iter().filter(|i| pred(i)).map(|i| i["id"].as_u64().unwrap()).collect()
    };
    let unmanned = |i: &Value| i["channels"]["unmanned"] == true;
    let weekday = json!({"mon": "09:00-17:00", "tue": "09:00-17:00", "wed": "09:00-17:00", "thu": "09:00-17:00", "fri": "09:00-17:00"});
    let mut places = vec![
        json!({"id": "hall-1", "kind": "hall", "name": "河北区政务服务中心无人审批超市", "street": "望海楼",
            "address": "天津市河北区进步道29号", "phone": "022-24465110",
            "hours": {"mon": "08:30-17:30", "tue": "08:30-17:30", "wed": "08:30-17:30", "thu": "08:30-17:30", "fri": "08:30-17:30", "sat": "09:00-12:00"},
            "counters": 24, "item_ids": ids(&|_| true)}),
        json!({"id": "hall-2", "kind": "hall", "name": "河北区市场主体登记无人审批超市", "street": "新开河",
            "address": "天津市河北区志成道1号", "phone": "022-24465220", "hours": weekday, "counters": 12,
            "item_ids": ids(&|i| unmanned(i) || i["audience"] == "business")}),
    ];
    // 13 points: one per street, three more at the busiest streets.
    for (n, street) in STREETS.iter().chain(["光复道", "王串场", "月牙河"].iter()).enumerate() {
        let dept_filter = n % 3;
        places.push(json!({"id": format!("point-{:02}", n + 1), "kind": "point",
            "name": format!("{}街无人审批网点{}", street, if n >= 10 { "（二）" } else { "" }),
            "street": street, "address": format!("天津市河北区{}{}号", street, 20 + n * 7), "phone": "022-24465110",
            "hours": weekday, "counters": 2 + n % 3,
            "item_ids": ids(&|i| unmanned(i) && (i["id"].as_u64().unwrap() as usize % 3 != dept_filter || i["audience"] == "person"))}));
    }
    // Community centres handle the person-facing items a resident needs near home.
    let near_home =
        ["civil-affairs", "hrss", "medical-security", "disabled-persons", "veterans", "health", "housing-fund"];
    for (n, community) in communities.iter().enumerate() {
        let street = STREETS[n % STREETS.len()];
        places.push(json!({"id": format!("community-{:03}", n + 1), "kind": "community",
            "name": format!("{}街{}社区党群服务中心", street, community), "street": street,
            "address": format!("天津市河北区{}{}社区{}号楼底商", street, community, 1 + n % 12),
            "phone": format!("022-2628{:04}", 1000 + n * 17), "hours": weekday, "counters": 1,
            "item_ids": ids(&|i| i["audience"] == "person" && (unmanned(i) || near_home.contains(&i["department_id"].as_str().unwrap()) && i["channels"]["bookable"] == true))}));
    }
    places
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_checked_in_seed_is_exactly_what_the_generator_writes() {
        let path = crate::workspace_root().join("server/seed/catalog.json");
        let checked_in = std::fs::read_to_string(&path).unwrap();
        assert!(checked_in == super::render(), "server/seed/catalog.json is stale: run `cargo xtask gen-data`");
    }
}
