"""The initiative contract (ANNOTATION.md "initiative" and the settled cases), clause by clause, on
made-up texts of the genre: each case is a short document and the initiative a careful analyst
gives each of its facts under the contract ("" for none). Every text here was written for this
file; none is taken from a corpus.

Clauses exercised (the case ids start with the clause's letter):
  N  what is a name: a quoted name with a programme word after it or inside it, or introduced by a
     verb of carrying out; any quote pair (“” ‘’ 「」 『』 ""), traditional script, names with ·
  X  what is not: honours, titles, places, platforms, brands, subject terms, policies, mechanisms,
     models, systems, strategies, models learned from, other bodies' events, lists of several names,
     themes, unquoted names, plan periods
  P  paragraph scope: a name in a paragraph's first sentence governs from there across the
     following paragraphs until another paragraph-head name, a heading or a closing paragraph
  S  sentence scope: a name first met after the head sentence governs from its mention to the end
     of its sentence (。！？；, ASCII too), over the paragraph's, the most specific winning
  C  captions: a short line without a sentence-final mark naming a programme governs the lines below
     until the next caption, heading or initiative
  R  a quoted name repeated later without an introducing word still names it
"""

from __future__ import annotations

import pytest

from zhreport_extract import Extractor

# (id, text, {quantity as written: expected initiative, "" for none})
CASES: list[tuple[str, str, dict[str, str]]] = [
    # --- N: names ---------------------------------------------------------------------------
    ("N01 programme word inside the quote", "实施“春雨润苗行动”，培训留守妇女300人次。", {"300人次": "春雨润苗行动"}),
    ("N02 programme word after the quote", "开展“护苗”行动，走访中小学校40所。", {"40所": "护苗"}),
    ("N03 项目 after the quote, no verb", "“银发课堂”项目全年开课60节，惠及老人2100人次。",
     {"60节": "银发课堂", "2100人次": "银发课堂"}),
    ("N04 专项", "启动“清河”专项，清理河道12公里。", {"12公里": "清河"}),
    ("N05 倡议", "发出“绿色出行”倡议，签名承诺群众5000人。", {"5000人": "绿色出行"}),
    ("N06 竞赛", "举办“巧手杯”家政技能竞赛，参赛选手180名。", {"180名": "巧手杯"}),
    ("N07 introducing verb, object ends at the quote", "组织“送法进村”，开展法律讲座24场。", {"24场": "送法进村"}),
    ("N08 获批 a pilot", "获批“无废城市”试点，建成再生资源回收站点35个。", {"35个": "无废城市"}),
    ("N09 打造 a programme", "打造“云上粮仓”，建成智慧农场14个。", {"14个": "云上粮仓"}),
    ("N10 a named series", "开设“家长学堂”系列讲座，全年举办讲座16期。", {"16期": "家长学堂"}),
    ("N11 a name with · and a programme word further on",
     "开展“善美龙城·巾帼助残”康复救助公益活动，救助残疾妇女65名。", {"65名": "善美龙城·巾帼助残"}),
    ("N12 traditional script, corner quotes", "推行「樂齡學堂」計劃，開辦課程42個。", {"42個": "樂齡學堂"}),
    ("N13 traditional script, 計畫", "本會推動「青年築夢」計畫，輔導青年創業團隊18隊。", {"18隊": "青年築夢"}),
    ("N14 double corner quotes", "舉辦『職工安康』活動，受惠會員3200人。", {"3200人": "職工安康"}),
    ("N15 ASCII quotes and punctuation", '开展"书香社区"活动,发放图书800册.', {"800册": "书香社区"}),
    ("N16 a nested quote inside the name", "举办“‘巾帼心向党’主题征文”活动，收到作品430篇。",
     {"430篇": "‘巾帼心向党’主题征文"}),
    ("N17 a long name with spaces", "开设“巾帼学法 护航万家”系列普法讲座，举办讲座36场。", {"36场": "巾帼学法 护航万家"}),
    ("N18 工程 after the quote", "实施“安居暖巢”工程，改造危房860户。", {"860户": "安居暖巢"}),
    ("N19 创建活动 further on", "深入开展“平安家庭”创建活动，创建示范户2400户。", {"2400户": "平安家庭"}),
    ("N20 traditional 專案", "市府推動「智慧長照」專案，設置服務據點26處。", {"26處": "智慧長照"}),
    ("N21 an activity noun after the quote the verb introduces", "开展“送温暖”慰问，慰问困难职工600户。", {"600户": "送温暖"}),
    ("N22 帮扶 after the quote", "开展“金秋助学”帮扶，资助困难学生320名。", {"320名": "金秋助学"}),
    ("N23 举行 introduces", "举行“青春心向党”歌咏比赛，参赛队伍36支。", {"36支": "青春心向党"}),
    ("N24 开办 introduces", "开办“妈妈课堂”，授课48场。", {"48场": "妈妈课堂"}),
    ("N25 推出 introduces", "推出“乐龄课堂”，开课120节。", {"120节": "乐龄课堂"}),
    ("N26 a name without a verb, 行动 inside it", "通过“春雨行动”，培训妇女300人次。", {"300人次": "春雨行动"}),
    ("N27 a refusing word further on does not undo a name ending in 行动", "实施“春雨行动”帮扶困难家庭300户。", {"300户": "春雨行动"}),
    ("N28 岗位 further on", "通过“春风行动”为就业困难人员提供岗位900个。", {"900个": "春风行动"}),
    ("N29 先进 further on", "“春雨行动”中涌现出先进个人25名。", {"25名": "春雨行动"}),
    ("N30 合办 introduces", "本会与职业院校合办“职涯起航”，提供实习岗位85个。", {"85个": "职涯起航"}),
    # --- X: not names -----------------------------------------------------------------------
    ("X01 an honour", "全市有12户家庭荣获“最美家庭”称号。", {"12户": ""}),
    ("X02 a place", "新建“妇女之家”46个，覆盖村居320个。", {"46个": "", "320个": ""}),
    ("X03 a platform", "依托“智慧工会”平台，服务职工2万人次。", {"2万人次": ""}),
    ("X04 a brand", "打造“乡味”品牌，农产品销售额达300万元。", {"300万元": ""}),
    ("X05 a subject term", "开展“两癌”免费检查，受检妇女1.2万人。", {"1.2万人": ""}),
    ("X06 a policy", "落实“六稳”政策，减免租金800万元。", {"800万元": ""}),
    ("X07 a mechanism", "建立“吹哨报到”机制，解决群众诉求260个。", {"260个": ""}),
    ("X08 a model", "推广“支部+合作社”模式，带动农户900户。", {"900户": ""}),
    ("X09 a model learned from", "学习运用“枫桥经验”，化解矛盾纠纷450件。", {"450件": ""}),
    ("X10 a list with 等", "开展“送温暖”“金秋助学”等活动，慰问困难职工600户。", {"600户": ""}),
    ("X11 a list with 、", "组织“百场宣讲”、“千人培训”活动，覆盖群众8000人。", {"8000人": ""}),
    ("X12 a theme", "以“奋斗有我”为主题，举办演讲比赛6场。", {"6场": ""}),
    ("X13 an unquoted campaign", "深入开展党的群众路线教育实践活动，走访群众3000户。", {"3000户": ""}),
    ("X14 an unquoted project", "推进引水入城工程，完成投资4.5亿元。", {"4.5亿元": ""}),
    ("X15 a plan period", "谋划“十五五”重大项目80个。", {"80个": ""}),
    ("X16 a strategy", "深入实施“两区联动”发展战略，引进项目26个。", {"26个": ""}),
    ("X17 a system", "构建“1+3+N”政策体系，兑现奖补资金1.6亿元。", {"1.6亿元": ""}),
    ("X18 a title awarded", "评选表彰“巾帼建功标兵”50名。", {"50名": ""}),
    ("X19 a column", "开设“法润家园”专栏，发布文章120篇。", {"120篇": ""}),
    ("X20 traditional honour", "本會3名會員獲頒「傑出義工」獎。", {"3名": ""}),
    ("X21 a festival names when", "开展“三八”维权周活动，发放资料5000份。", {"5000份": ""}),
    ("X22 a list joined by 和", "开展“清洁家园”和“美丽庭院”活动，清理垃圾1200吨。", {"1200吨": ""}),
    ("X23 another body's event taken part in", "组织职工参加省总工会“劳动者之歌”职工歌咏比赛，获奖节目3个。", {"3个": ""}),
    ("X24 another body's campaign joined", "积极参与“全国文明城市”创建，新增注册志愿者5600人。", {"5600人": ""}),
    ("X27 推行 takes a method, not a programme", "推行“一表通”，减少填报材料1200份。", {"1200份": ""}),
    ("X25 a system ending in 制", "全面推行“河湖长制”，巡河1.2万次。", {"1.2万次": ""}),
    ("X26 a single name with 等 names more than it", "开展“春雨行动”等系列活动，培训妇女300人次。", {"300人次": ""}),
    ("X28 a brand right after a programme's name", "打造“春雨行动”品牌，培训妇女300人次。", {"300人次": ""}),
    # --- P: paragraph scope -----------------------------------------------------------------
    ("P01 carries into the next paragraph",
     "实施“春雨行动”，培训妇女300人次。\n举办招聘会5场，提供岗位900个。",
     {"300人次": "春雨行动", "5场": "春雨行动", "900个": "春雨行动"}),
    ("P02 a heading ends it",
     "一、巾帼建功\n实施“春雨行动”，培训妇女300人次。\n组织招聘会6场。\n二、维权服务\n受理来访120件。",
     {"300人次": "春雨行动", "6场": "春雨行动", "120件": ""}),
    ("P03 a （一） heading ends it",
     "（一）就业服务\n开展“春风送岗”行动，举办招聘会18场。\n（二）权益维护\n调解纠纷260件。",
     {"18场": "春风送岗", "260件": ""}),
    ("P04 a 1. heading ends it",
     "1.技能培训\n实施“金蓝领”工程，培训职工5200人次。\n2.困难帮扶\n走访困难职工730户。",
     {"5200人次": "金蓝领", "730户": ""}),
    ("P05 a 1、 heading ends it",
     "1、技能培训\n实施“金蓝领”工程，培训职工5200人次。\n2、困难帮扶\n走访困难职工730户。",
     {"5200人次": "金蓝领", "730户": ""}),
    ("P06 a 第二部分 heading ends it",
     "第一部分 工作回顾\n实施“金蓝领”工程，培训职工5200人次。\n第二部分 财务情况\n全年支出经费380万元。",
     {"5200人次": "金蓝领", "380万元": ""}),
    ("P07 a 貳、 heading ends it (traditional numbering)",
     "壹、工作成果\n推動「樂齡學習」計畫，開設課程86班。\n貳、財務概況\n全年經費支出1200萬元。",
     {"86班": "樂齡學習", "1200萬元": ""}),
    ("P08 another paragraph-head name takes over",
     "实施“春雨行动”，培训妇女300人次。\n开展“清风家园”创建活动，创建示范户150户。\n评选五好家庭40户。",
     {"300人次": "春雨行动", "150户": "清风家园", "40户": "清风家园"}),
    ("P09 a closing paragraph ends it",
     "实施“春雨行动”，培训妇女300人次。\n举办招聘会5场。\n总之，一年来全市妇联工作取得新成效，共获得各级表彰18项。",
     {"300人次": "春雨行动", "5场": "春雨行动", "18项": ""}),
    ("P10 a name in the second sentence governs that sentence only",
     "加强就业服务。开展“春风送岗”行动，举办招聘会8场。新增就业岗位1500个。\n全年培训妇女600人。",
     {"8场": "春风送岗", "1500个": "", "600人": ""}),
    ("P11 a programme at the head, a later sentence's name over it, the head's again after",
     "实施“创业创新巾帼行动”，培训妇女2300人次。举办“春风行动”招聘会10场，提供岗位2万个。发放贴息贷款3.2亿元。",
     {"2300人次": "创业创新巾帼行动", "10场": "春风行动", "2万个": "春风行动", "3.2亿元": "创业创新巾帼行动"}),
    ("P12 an honour after the programme does not replace it",
     "实施“春雨行动”，培训妇女300人次，其中12人荣获“巾帼建功标兵”称号。",
     {"300人次": "春雨行动", "12人": "春雨行动"}),
    ("P13 a 等 list inside a programme's paragraph leaves the programme in force",
     "实施“春雨行动”，培训妇女300人次。\n开展“送温暖”“金秋助学”等活动，慰问困难妇女600户。",
     {"300人次": "春雨行动", "600户": "春雨行动"}),
    ("P14 a paragraph headed by an unnamed topic keeps the programme in force",
     "实施“春雨行动”，全面提升妇女技能。\n加强家政培训，培训家政人员850人。\n推进电商创业，孵化网店120家。",
     {"850人": "春雨行动", "120家": "春雨行动"}),
    ("P15 the head's later name governs its own sentence; the first governs on",
     "推进“消费提振年”，实施“好物进万家”系列活动，举办促销活动600余场。\n发放消费券3000万元。",
     {"600余场": "好物进万家", "3000万元": "消费提振年"}),
    ("P16 a point of a list names its own programme",
     "实施“乡村振兴巾帼行动”，助力产业发展。\n一是开展“巧手致富”培训。培训妇女600人次。\n二是强化示范带动。建成示范基地12个。",
     {"600人次": "巧手致富", "12个": "乡村振兴巾帼行动"}),
    ("P17 a heading naming a programme governs its section",
     "一、实施“强基”工程\n新建党群服务中心24个。\n二、优化营商环境\n新增市场主体3600户。",
     {"24个": "强基", "3600户": ""}),
    ("P18 a numbered paragraph whose head sentence names the programme",
     "一、实施“强基”工程，全年新建党群服务中心24个，改造阵地56处。\n二、优化营商环境，新增市场主体3600户。",
     {"24个": "强基", "56处": "强基", "3600户": ""}),
    ("P19 a later paragraph's head that names a programme as a model learned from does not take over",
     "实施“春雨行动”，培训妇女300人次。\n学习借鉴“山海协作”经验，结对帮扶村45个。",
     {"300人次": "春雨行动", "45个": "春雨行动"}),
    ("P20 a region's totals under a programme take none",
     "实施“稳粮增收”工程，新建高标准农田8万亩。全县粮食总产量达到52万吨，农村居民人均可支配收入增长7.5%。",
     {"8万亩": "稳粮增收", "52万吨": "", "7.5%": ""}),
    ("P21 traditional: carries, then a heading ends it",
     "一、會務推展\n本會推行「關懷長者」計劃，探訪長者1500人次。\n舉辦講座12場。\n二、財務\n會費收入85萬元。",
     {"1500人次": "關懷長者", "12場": "關懷長者", "85萬元": ""}),
    ("P23 a last paragraph that opens on figures goes on with the programme",
     "实施“春雨行动”，培训妇女300人次。\n举办招聘会5场。\n开展电商培训，孵化网店120家。\n培训家政人员500人，推荐就业210人。",
     {"300人次": "春雨行动", "5场": "春雨行动", "120家": "春雨行动", "500人": "春雨行动", "210人": "春雨行动"}),
    ("P24 a last paragraph with a general, summing head closes the section",
     "实施“春雨行动”，培训妇女300人次。\n举办招聘会5场。\n开展电商培训，孵化网店120家。\n"
     "广大妇女在各条战线上展现了巾帼风采。全年我市获省级以上表彰的先进集体和个人26个。",
     {"300人次": "春雨行动", "120家": "春雨行动", "26个": ""}),
    ("P25 a 总的来看 paragraph closes the section",
     "实施“春雨行动”，培训妇女300人次。\n总的来看，全年各项工作扎实推进，共争取项目资金860万元。",
     {"300人次": "春雨行动", "860万元": ""}),
    ("P22 ASCII punctuation at the paragraph head",
     '实施"春雨行动",培训妇女300人次.\n举办招聘会5场.',
     {"300人次": "春雨行动", "5场": "春雨行动"}),
    ("P26 an opening overview of the whole year's work governs its own sentence only",
     "2023年，在市委的领导下，市妇联深入实施“巾帼建功”行动，各项工作取得新成效，培训妇女8000人次。\n"
     "加强思想引领，举办宣讲120场。\n加强维权服务，受理来访86件。",
     {"8000人次": "巾帼建功", "120场": "", "86件": ""}),
    ("P27 a paragraph about the programme that opens on the year keeps it in force",
     "2023年，市妇联深入实施“巾帼建功”行动，培训妇女8000人次。\n举办招聘会12场。",
     {"8000人次": "巾帼建功", "12场": "巾帼建功"}),
    ("P28 a short lead, then a named programme: its own sentence only",
     "加强技能培训。实施“金蓝领”工程，培训职工5200人次。\n评选技术能手30名。",
     {"5200人次": "金蓝领", "30名": ""}),
    ("P29 a bullet paragraph head carries like any other",
     "●实施“春雨行动”，培训妇女300人次。\n●举办招聘会5场。", {"300人次": "春雨行动", "5场": "春雨行动"}),
    ("P30 a heading naming a platform ends the programme and names none",
     "（二）“春雨行动”成效明显\n培训妇女300人次。\n（三）打造“巾帼e家”平台\n推送信息600条。",
     {"300人次": "春雨行动", "600条": ""}),
    ("P31 第一， points: a point naming none ends the one before",
     "第一，实施“春雨行动”，培训妇女300人次。第二，加强维权，受理来访86件。", {"300人次": "春雨行动", "86件": ""}),
    # --- S: sentence scope ------------------------------------------------------------------
    ("S01 from the mention on, not before",
     "全年举办招聘会12场，通过“就业直通车”项目输送务工人员3000人，人均增收5000元。",
     {"12场": "", "3000人": "就业直通车", "5000元": "就业直通车"}),
    ("S02 ； ends the sentence", "加强阅读服务。开展“书香茶园”读书活动，发放图书300册；新建站点8个。", {"300册": "书香茶园", "8个": ""}),
    ("S03 ASCII ; ends the sentence", "加强阅读服务。开展“书香茶园”读书活动,发放图书300册;新建站点8个.", {"300册": "书香茶园", "8个": ""}),
    ("S04 ！ ends the sentence", "加强阅读服务。开展“书香茶园”读书活动，发放图书300册！全年新建站点8个。", {"300册": "书香茶园", "8个": ""}),
    ("S05 two programmes in one sentence: each from its mention",
     "开展“护苗”行动，走访学校40所，同时启动“暖冬”行动，发放棉衣900件。", {"40所": "护苗", "900件": "暖冬"}),
    ("S06 a quantity right before the quote belongs to it", "启动60余场“花开四季”系列文艺演出活动，惠及群众2万人次。",
     {"60余场": "花开四季", "2万人次": "花开四季"}),
    ("S07 a sector's growth in a later clause is no outcome",
     "加大招商力度。开展“招商引资攻坚”行动，签约项目46个，全市进出口总额增长12%。",
     {"46个": "招商引资攻坚", "12%": ""}),
    ("S08 a figure before the mention in the head sentence is not the programme's",
     "全年培训妇女300人次，其中实施“春雨行动”培训200人次。", {"300人次": "", "200人次": "春雨行动"}),
    ("S09 a change tied to the programme by its name in the clause",
     "“送温暖”活动是工会的重点工作。今年送温暖金额比上年增加53.8万元，全市职工工资总额增长6%。",
     {"53.8万元": "送温暖", "6%": ""}),
    # --- C: captions ------------------------------------------------------------------------
    ("C01 a caption governs the lines below until the next",
     "“美丽庭院”创建活动\n创建示范户300户。\n评选星级庭院80个。\n“巾帼家政”培训项目\n培训家政人员500人。",
     {"300户": "美丽庭院", "80个": "美丽庭院", "500人": "巾帼家政"}),
    ("C02 a caption without a programme ends the one in force",
     "“美丽庭院”创建活动\n创建示范户300户。\n困难帮扶\n走访困难家庭40户。",
     {"300户": "美丽庭院", "40户": ""}),
    ("C03 a heading ends a caption's programme",
     "“美丽庭院”创建活动\n创建示范户300户。\n二、维权服务\n受理来访120件。",
     {"300户": "美丽庭院", "120件": ""}),
    ("C04 traditional caption", "「親子共讀」推廣計劃\n舉辦親子活動45場。\n派發圖書2000本。",
     {"45場": "親子共讀", "2000本": "親子共讀"}),
    # --- R: repetition ----------------------------------------------------------------------
    ("R01 a repeated name heads a later paragraph",
     "开展“绿色家园”行动，植树2万株。\n实施“巾帼创业”工程，培训妇女900人。\n在“绿色家园”中，清理垃圾350吨。",
     {"2万株": "绿色家园", "900人": "巾帼创业", "350吨": "绿色家园"}),
    ("R02 a repeated name inside a sentence",
     "实施“春雨行动”，培训妇女300人次。\n开展“清风家园”创建活动，创建示范户150户，“春雨行动”学员中有46人参与。",
     {"300人次": "春雨行动", "150户": "清风家园", "46人": "春雨行动"}),
]


@pytest.mark.parametrize("text, want", [pytest.param(t, w, id=i) for i, t, w in CASES])
def test_each_fact_takes_the_contract_initiative(extractor: Extractor, text: str, want: dict[str, str]) -> None:
    facts = {f.quantity.text: f for f in extractor.extract(text).facts}
    got = {q: (facts[q].initiative or "") if q in facts else "<no fact>" for q in want}
    assert got == want


def test_the_battery_covers_every_clause() -> None:
    letters = {case_id[0] for case_id, _, _ in CASES}
    assert letters == set("NXPSCR") and len(CASES) >= 60
