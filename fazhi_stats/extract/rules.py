"""The extractor's vocabulary: what marks a number as *not* a claim, and what decides its kind.

Every rule here is about the genre (法治政府建设 plans and reports, and the web pages they are
published on), never about one document. All patterns run on the NFKC-normalised text of
:func:`fazhi_stats.text.textmap.normalise_text` (full-width digits and punctuation already half-width).
"""

from __future__ import annotations

import re

from fazhi_stats.text.patterns import trie_pattern

HAN = r"\u4e00-\u9fff"
CN_DIGIT = "零〇○一二两三四五六七八九十"
_CN_NUM = rf"[{CN_DIGIT}百千]+"
_YEAR = rf"(?:(?:19|20)\d\d|[{CN_DIGIT}]{{4}})"

# --------------------------------------------------------------------------- masked spans

# Numbered slogans used without quotation marks (national vocabulary of the genre), and set
# phrases made of numerals (千方百计).
SLOGANS = """
四个意识 四个自信 两个维护 两个确立 四个全面 三个代表 三项制度 三严三实 两学一做 五位一体
三证合一 五证合一 多证合一 一照一码 最多跑一次 最多跑一趟 一趟不用跑 一次办好 一网通办 一网统管
一窗受理 一窗通办 一件事 一公开 三公经费 三重一大 一岗双责 一把手 一站式 一条龙
一村一顾问 一村一法律顾问 一村(社区)一顾问 一村(社区)一法律顾问 两法衔接 一带一路 一国两制 两个责任 两个务必 三个务必 四到位 十公开 三集中
三到位 四落实 一库四平台 三级四同 五分开 一门式 一网式 一表制 四套班子 三番五次
三番两次 三令五申 千家万户 千方百计 一年四季 一事一议 一案一档 一企一策 一村一 八类严重暴力
"""
# Numbers whose digits fall inside one of these spans are context, not claims. Titles of laws
# and plans (《…纲要(2015—2020年)》) are masked too, by TITLE_OPEN/TITLE_CLOSE.

TITLE_OPEN, TITLE_CLOSE, TITLE_MAX = "《〈", "》〉", 120
MASK_REACH = 48  # the longest span below that can hold a number, in characters

MASKS: tuple[tuple[str, str], ...] = (
    # short quoted phrases are slogans and names: “四个意识”, “一次办好”, “12348”, “3+X”
    (
        "quoted",
        r"“[^”\n]{0,24}”|‘[^’\n]{0,24}’|\"[^\"\n]{0,24}\"|「[^」\n]{0,24}」|『[^』\n]{0,24}』",
    ),
    # document numbers: 〔2017〕43号, [2013]22号, 第12号, 13008052-1号
    # (the run of digits, letters and hyphens must end in a digit: taken block by block, each
    # block possessive, so that a run is read once at each start, not once per backtrack)
    (
        "doc_number",
        r"[〔\[【(]\s*(?:19|20)\d\d\s*[〕\]】)]\s*第?\s*\d+\s*号|(?:[A-Za-z\-]*+\d)++\s*+号",
    ),
    # index numbers and ids of web pages: 索引号: ND01100-0301-2020-00065
    ("index_number", r"(?:索\s*引\s*号|文\s*号|编\s*号)\s*[:]?\s*[A-Za-z\d\-/.]+"),
    # dates and times: 2020-12-18 17:48, 2016年4月20日, 5月1日, 1-10月, 6月底, 二〇二〇年
    ("date", r"(?:19|20)\d\d\s*[-/.]\s*\d{1,2}\s*[-/.]\s*\d{1,2}"),
    ("time", r"\d{1,2}:\d\d(?::\d\d)?"),
    (
        "year",
        rf"{_YEAR}(?:\s*[-—–~至到、和及]\s*{_YEAR})*\s*(?:年|年度)"
        rf"|(?:19|20)\d\d(?=\s*[-—–~至到、和及]\s*(?:19|20)\d\d\s*年)",
    ),
    (
        "month_day",
        # a number followed by 月 or a range: checked first, it turns away at once the numerals
        # that start no date (most of them), before the alternatives are tried one by one
        rf"(?=[\d{CN_DIGIT}]{{1,3}}+\s*+[月\-—–~至到、和])"
        rf"(?:\d{{1,2}}|[{CN_DIGIT}]{{1,3}})(?:\s*[-—–~至到、和]\s*(?:\d{{1,2}}|[{CN_DIGIT}]{{1,3}}))?"
        rf"\s*月(?:份|底|初|末|中旬|上旬|下旬)?(?:\s*(?:\d{{1,2}}|[{CN_DIGIT}]{{1,3}})\s*[日号])?",
    ),
    # page chrome: phone, QQ, ICP and public-security filing numbers, copyright, view counts
    (
        "contact",
        r"(?:电话|联系电话|手机|传真|热线|QQ|qq|邮编|邮箱|E-?mail)\s*[:]?\s*[\d\-—()\s转+]{5,}",
    ),
    (
        "licence",
        r"(?:ICP|icp)\s*备?\s*[\d\-]+\s*号?(?:-\d+)?|公网安备\s*\d+\s*号?|备案号\s*[:]?\s*[\w\-]+",
    ),
    (
        "copyright",
        r"(?i:copyright|版权所有)\s*(?:©|\(c\))?\s*(?:19|20)\d\d(?:\s*-\s*(?:19|20)\d\d)?|©\s*\d{4}",
    ),
    (
        "views",
        r"(?:浏览|阅读|点击|访问|查看)(?:次数|量|数)?\s*[:]\s*[\d,]+\s*次?"
        r"|(?:浏览|阅读|点击)\s*[\d,]+\s*次",
    ),
    # list markers: (一) (3) 1. 2、 ①
    ("list_marker", rf"[(]\s*(?:\d{{1,3}}|[{CN_DIGIT}]{{1,3}})\s*[)]|[①-⑳]"),
    (
        "list_marker_line",
        rf"(?m:^)[ \t\u3000]*(?:\d{{1,3}}|[{CN_DIGIT}]{{1,3}})\s*(?:[.、,]|\s)(?!\d)",
    ),
    # the reporting calendar, not a count: 上一年度, 下一年
    ("relative_year", r"[上下]一(?:个)?年度?"),
    # ordinals: 第一责任人, 第二批, 第三方, 第四季度
    ("ordinal", rf"第\s*(?:\d+|{_CN_NUM})"),
    # parts of names: 十九届五中全会, 省委十届十次全会 (a committee's plenary sessions), 市五届人大
    # 四次会议, 十八大, 七五普法, 十四五规划, 3+X, 1+N
    (
        "name",
        rf"[{CN_DIGIT}百千]++\s*+(?:届(?:\s*(?:人大常委会|人大|政协))?"
        rf"(?:\s*{_CN_NUM}\s*(?:中|次(?=\s*(?:全会|全体|会议))))?"
        rf"|大(?=[、和及]|精神|报告|以来))",
    ),
    ("plan_name", rf"[{CN_DIGIT}]{{1,2}}五\s*(?:普法|规划|时期|期间|计划|以来)"),
    ("formula", r"\d++\s*+\+\s*[A-Za-z\dN]+"),
    # identifiers glued to Latin letters: ND01100, XM04101, APP3
    ("identifier", r"[A-Za-z][A-Za-z\d\-_/.]*\d[\dA-Za-z\-_/.]*"),
    # numbered slogans used without quotation marks (national vocabulary of the genre)
    ("slogan", trie_pattern(SLOGANS.split())),
)

# Every masked span starts with one of these characters (a letter starts an identifier or a
# licence, a blank or numeral a list marker): checking it first rejects most positions fast.
MASK_FIRST = (
    '“‘"「『〔[【(①-⑳0-9A-Za-z \t\u3000索文编电联手传热邮公备版©浏阅点访查第'
    + CN_DIGIT
    + "百千多最上下"
)
MASK_PATTERN_UNGUARDED = re.compile("|".join(f"(?:{p})" for _, p in MASKS))


def first_char_guarded(first: str, body: str) -> str:
    """``body`` as a pattern the regex engine skips to at C speed: found where a character of
    ``first`` stands, and read there in a lookahead (inside a one-character lookbehind).

    A pattern that opens with a character class lets the engine skip every other position;
    one that opens with a lookahead or an alternation of patterns is tried at every position.
    The match is the first character; the group ``hit`` holds what ``body`` matched.
    """
    return f"[{first}](?<=(?=(?P<hit>{body}))[\\s\\S])"


MASK_PATTERN = re.compile(first_char_guarded(MASK_FIRST, MASK_PATTERN_UNGUARDED.pattern))
# In a table's cell a number on a line of its own is a figure, not a list marker (a table
# captured one cell per line puts every cell on its own line)
CELL_MASK_PATTERN = re.compile(
    first_char_guarded(
        MASK_FIRST, "|".join(f"(?:{p})" for kind, p in MASKS if kind != "list_marker_line")
    )
)

# --------------------------------------------------------------------------- left and right context

# Immediately before the number: ordinals, baselines (由原来5个缩减到…), identifiers, and
# articles of a law (《行政处罚法》三十二条).
LEFT_REJECT = re.compile(
    r"(?:第|由原来的?|由原先的?|从原来的?|由之前的?|由原|原来的?|较原|[A-Za-z\-/#》])\s*$"
)

# Before a count of persons or places (位, 名), what makes it a rank: 报备数量前三位的, 位列前10名
# (not the 前 of 目前3名, 提前2名).
RANK_BEFORE = re.compile(r"(?<![目当此以之提事空])前\s*$")
RANK_UNITS = frozenset({"位", "名"})

# A one-character measure word that is really the first character of a word: 1人民调解 (a list
# marker glued to 人民), 3项目. A number followed by such a word is not a count.
_WORD_STARTS_TEXT = """
人民 人员 人大 人才 人口 人社 人身 人力 人事 人防 人居 项目 条例
条件 条款 部门 部署 部分 部长 处理 处罚 处置 处室 处长 家庭 家属
名单 名录 名称 名义 期间 期限 期满 期刊 类型 类别 门户 门类 批准
批复 台账 台风 单位 单独 组织 组成 组长 班子 班长 节点 节日 节约
座谈 所属 所在 户籍 户口 支持 支付 支出 次要 起草 张贴 本级 本地
本部 本单 本年 本人 本次 本着 份额 篇章 位置 例如 种类 间隔 笔录
课题 轮岗 套餐 宗教 宗旨 堂食 册子 头部 块状 届满 届时 场所 场地
场景 家长 元素 元旦 天然 日常 日期
"""
WORD_STARTS = frozenset(_WORD_STARTS_TEXT.split())

# A qualifier after the unit that is really the start of a word: 一个内设机构, 3项以下简称.
AFTER_WORD = re.compile(r"内(?:设|部|容|涵|外|在)|以下(?:简称|称|统称)|以上(?:级|单位)")

# After a number of years: part of a name (三年行动计划, 五年规划) or a period of context
# (近三年来, 5年间), not a claim.
RIGHT_NAME = re.compile(r"\s*(?:行动|规划|攻坚|工程|战略|纲要|来|以来|间)")

# Counts of the document's own parts: 从八个方面展开, 七方面21个要点 (the items under them count).
STRUCTURAL_AFTER = re.compile(r"\s*(?:方面|部分|大部分|板块)")
# ... and a clause whose subject is the document itself: 本指标体系共设8项1级指标, 本办法共30条
OWN_DOCUMENT = re.compile(
    r"\s*本(?:方案|实施方案|规划|计划|纲要|意见|办法|细则|规定|指标体系|要点)"
)

# Verbs of a level that moves: with 至/到/为 after them they name the new level, with a number
# right after them the size of the move.
CHANGE_VERBS = "压缩|缩减|缩短|减少|降低|下降|回落|下滑|精简|提高|提升|增加|增长|上升|扩大"

# An outcome of cases before the keyword that names them: 调撤一审行政诉讼案件102件 counts the
# lawsuits withdrawn after mediation, 驳回复议申请5件 the rejected applications, not all of them.
OUTCOME_VERBS = "调撤|撤诉|撤回|和解|败诉|胜诉|纠错|纠正|撤销|驳回|确认违法"
OUTCOME_BEFORE = re.compile(rf"(?P<verb>{OUTCOME_VERBS})(?:一审|二审|行政)?$")
OUTCOME_VERB = re.compile(OUTCOME_VERBS)

# A baseline: 由原来5个缩减到3个, 由法定的20个工作日压缩至5个 (the first number is the old value).
BASELINE_BEFORE = re.compile(r"(?:由|从)[^,;。!?\n]{0,6}$")
BASELINE_AFTER = re.compile(rf"[^,;。!?\n]{{0,10}}?(?:{CHANGE_VERBS}|调整)(?:至|到|为)")

# A threshold that opens a condition, not a measurement: 并处两种以上行政处罚的,算一宗 (the notes
# of the national forms of enforcement statistics), 罚款在1万元以上的,应当…: "where …, …".
CONDITION_AFTER = re.compile(r"[^,，;；。:：!?！？\n]{0,12}的(?=[,，])")

# A change, not a level: 同比下降17.65%, 较上年增加12件, 提高3个百分点 (but 提高到95% is the level
# reached, and 由原来5个缩减到… the old level: BASELINE_* above). An indicator measures a level.
CHANGE_BEFORE = re.compile(rf"(?:{CHANGE_VERBS})了?$")

# Words of a clause that name no measure of their own; a clause holding only these (and the
# number) borrows its indicator from the sentence: 签订执法责任状,覆盖率达到100%.
GENERIC_WORDS = re.compile(
    r"其中|共计|累计|合计|总计|分别|全部|均|共|达到|达|实现|保持|为|覆盖率|比例|占比|比率|比重|"
    r"总数|数量|人数|次数|件数|全年|今年|当年|同比|以上|以下|左右|不少于|不低于|至少|每年|"
    r"有望|预计|力争|争取|突破|提升|提高|下降|降低|上升|至|到|"
    r"[\d\s%.,、“”\"()]"
)

# A distant qualifier before a number: 至少举办一期, 不少于两次 (verb in between).
DISTANT_QUALIFIER = re.compile(
    rf"(至少|最少|不少于|不得少于|不低于|不得低于|不超过|不得超过|不多于|不高于|最多|超过)[{HAN}]{{1,3}}$"
)

# A recurrence word earlier in the same clause: 每年对…进行一次评查.
PER_WORD = re.compile(r"每(?:年度?|半年|季度?|月|周)|年均")

# 每隔5年进行一次: the 一次 belongs to the interval phrase.
INTERVAL = re.compile(
    rf"每(?:隔\s*\S{{1,4}}?|\s*(?:\d{{1,3}}|[{CN_DIGIT}]{{1,3}})\s*个?)[年月天日周]"
)

# --------------------------------------------------------------------------- segmentation

# Runs of separators, written [x][x]* rather than [x]+ so that the regex engine skips to the
# next separator at C speed (a pattern opening with a repeat is tried at every position).
SENTENCE_END_CHARS = "。!?！？\n"
SENTENCE_END = re.compile(rf"[{SENTENCE_END_CHARS}][{SENTENCE_END_CHARS}]*")
SUBSENTENCE_END = re.compile(r"[;；。!?！？\n][;；。!?！？\n]*")
CLAUSE_END = re.compile(r"[,:，：;；。!?！？\n][,:，：;；。!?！？\n]*")
PHRASE_END = re.compile(r"[、,:，：;；。!?！？\n][、,:，：;；。!?！？\n]*")
LINE_END = re.compile(r"\n\n*")

# --------------------------------------------------------------------------- kind cues

# A report says what was done; a plan what shall be done. Title lines decide the genre.
REPORT_TITLE = re.compile(
    r"(?:情况|工作|年度)的?报告|报告$|工作总结|年度总结|总结报告|述职报告|白皮书|"
    # a year's statistics, published under the 行政执法公示 rules: 2020年度行政执法统计情况,
    # 行政执法工作统计年报, 2024年度行政执法数据表, 执法统计情况通报 (at the title's end: a
    # 通知 about compiling them is a plan's)
    r"(?:统计情况|统计年报|统计表|统计数据|执法数据表?|数据公开|情况通报)$"
)
# Sentences near the top that say what the document is: 现将…情况报告如下, 特制定本方案.
# (Patterns searched over long stretches list whole words, each opening with a character, so
# the regex engine skips to where one can start.)
REPORT_OPENING = re.compile(r"情况报告如下|情况总结如下|工作报告如下|工作总结如下|报告如下")
PLAN_OPENING = re.compile(
    r"特制定(?:本|如下)?(?:实施)?方案|制定如下方案|工作安排如下|工作要点如下|重点安排如下|重点要点如下"
)
PLAN_TITLE = re.compile(
    r"方案|安排|要点|规划|计划|意见|办法|通知|细则|纲要|决定|指标体系|责任清单|任务分工"
)
# Section headings that introduce targets inside a report: 下一步工作计划, 2021年工作打算, not
# the account of a year's work (2024年工作开展情况, 2020年目标完成情况).
# A heading of a report's section of targets: 下一步工作计划, 2021年工作打算, and 2025年主要工作
# in a report on 2024. A heading of a year's work (2024年主要工作举措和成效, 2024年工作开展情况)
# is none: ``year_of_work`` holds the year of 2024年(主要)工作, which is a plan only after the
# years the report covers (:func:`~fazhi_stats.extract.sections.find_headings`).
TARGET_HEADING = re.compile(
    r"下一步|下步|工作计划|工作打算|工作思路|工作安排|工作重点|努力方向|明年|今后|来年|"
    r"(?P<year_of_work>(?:19|20)\d\d)年(?:度)?(?:主要)?工作"
    r"(?![^,,。;;\n]{0,10}?(?:情况|总结|成效|成果|回顾|亮点))"
    r"|(?:19|20)\d\d年(?:度)?(?:主要)?(?:目标|任务)"
    r"(?!(?:的)?(?:开展|完成|推进|落实|进展|取得)?(?:的)?(?:情况|总结|成效|成果|回顾))"
)
# Numbered headings at the start of a line: 一、 (level 1), (一) (level 2), 1. (level 3). The
# heading's text runs to the first sentence or clause break (many captures run the first
# paragraph on after the heading: 一、2015年主要工作情况: 一年来,…).
# Searched in "\n" + text: a pattern that starts with a literal line break is found fast.
HEADING = re.compile(
    rf"\n[ \t\u3000]*(?:(?P<l1>[{CN_DIGIT}]{{1,3}}\s*[、.])|(?P<l2>\(\s*[{CN_DIGIT}]{{1,3}}\s*\))"
    rf"|(?P<l3>\d{{1,2}}\s*[.、](?!\d)))[ \t]*(?P<body>[^\n。:;!?]{{1,40}})"
)
YEAR_IN_HEADING = re.compile(r"((?:19|20)\d\d)\s*年")
# 2021-2025年, 2014—2016, 2019年至2021年 (a period of several years)
YEAR_RANGE = re.compile(r"((?:19|20)\d\d)\s*年?\s*[-—–~至到]\s*((?:19|20)\d\d)")

# --------------------------------------------------------------------------- years

# Mentions of a year: a period of several (2019年4月至2021年3月, 2014—2016年), one year
# (2020年), a year at the start of a clause without 年 (2023总共需办理…), or a year named
# relative to the document's (今年, 去年, 明年).
YEAR_MENTION = re.compile(
    first_char_guarded(
        "12今本当去上明来",
        r"(?P<first>(?:19|20)\d\d)\s*年?(?:\s*\d{1,2}\s*月份?)?\s*[-—–~至到]\s*"
        r"(?P<last>(?:19|20)\d\d)(?=\s*年)"
        r"|(?P<year>(?:19|20)\d\d)(?=\s*年)"
        rf"|(?<![^,:;。!?\n\s])(?P<bare>(?:19|20)\d\d)(?=[{HAN}])"
        r"|(?P<relative>今年|本年度?|当年|去年|上年度?|明年|来年)",
    )
)
RELATIVE_YEAR = {"今年": 0, "本年": 0, "本年度": 0, "当年": 0, "去年": -1, "上年": -1}
RELATIVE_YEAR |= {"上年度": -1, "明年": 1, "来年": 1}
# A year named as a year, not as part of a date (2019年3月1日 says when a page was published):
# the years a text names most often are the ones it is about (neither end of a range such as
# 2014—2016年 is counted). The pattern opens with the
# digits themselves, so the regex engine skips to them at C speed.
YEAR_NAMED = re.compile(
    r"(?:19|20)\d\d(?<![\d.]\d{4})(?<![\d年月][-—–~至到]\d{4})(?<![\d年月]\s[-—–~至到]\s\d{4})"
    r"(?=\s*年)(?!\s*年\s*\d{1,2}\s*月)"
    r"(?!\s*年?(?:\s*\d{1,2}\s*月份?)?\s*[-—–~至到]\s*(?:19|20)\d\d)"
)
# A year just after these is the base of a comparison (较2019年增长20%), not the claim's year.
_COMPARISON = r"(?:较|比|相比于?|相较于?|与|同|对比|由)"
COMPARISON_BEFORE = re.compile(rf"{_COMPARISON}\s*$")
# ... but the number right after that year is the base's value, and the base year is its year:
# 报送38件,较2019年的27件增加40.7% (27件 is 2019's); 与上年的1068件相比, 由上年的816件上升到…
# (the year before the document's).
BASE_YEAR_BEFORE = re.compile(
    rf"{_COMPARISON}\s*(?:((?:19|20)\d\d)\s*年度?|(上年度?|去年))(?:同期)?的?\s*$"
)
# 自2018年起, 从2016年起: when something starts, not the year a number is for.
START_BEFORE = re.compile(r"(?:自|从)\s*$")
START_AFTER = re.compile(r"(?:19|20)\d\d\s*年(?:度)?\s*(?:\d{1,2}\s*月(?:\d{1,2}\s*日)?)?\s*起")
# A clause that only says when (2021年, 2016年以来, 今年1-10月, 截至2023年3月15日): it dates its
# sentence.
TIME_CLAUSE = re.compile(
    r"\s*(?:力争|争取|确保|计划)?\s*(?:自|从|到|至|在|于|截至|截止)?\s*"
    r"(?:(?:19|20)\d\d\s*年度?(?:\s*\d{1,2}\s*(?:[-—–~至到]\s*\d{1,2}\s*)?月份?(?:\s*\d{1,2}\s*日)?)?"
    r"|今年|本年度?|当年)\s*(?:底|末|初|年底|年末)?\s*(?:前|以前|起|以来|来|上半年|下半年|全年|期间)?\s*"
)

# --------------------------------------------------------------------------- kind cues (sentences)

HEDGE = re.compile(r"努力|力争|争取|尽力|尽量|积极推动|力求")
# 要 as "shall": not 主要, 重要, 需要 …, nor the 我要 of a service named for what its user wants
# (推出我要开饭店等25项服务)
_MODAL_YAO = r"要(?<![主重需纪摘提简必概首只不我]要)(?![求素点件事闻])"
TARGET_CUE = re.compile(
    rf"力争|确保|应当|应该|必须|须|{_MODAL_YAO}|不得少于|不少于|不低于|计划|拟|目标|"
    r"下一步|明年|每年|每半年|每季度|每月|到\s*(?:19|20)\d\d\s*年|至\s*(?:19|20)\d\d\s*年|"
    r"19\d\d\s*年\s*(?:底)?\s*前|20\d\d\s*年\s*(?:底)?\s*前"
)
ACTUAL_CUE = re.compile(
    r"已经|已|共计|共|累计|截至|截止|目前|完成了|实现了|同比|较上年|比上年|今年以来|今年来|全年|"
    r"先后|成功|达到了|办结|"
    # 全年计划检查246家次,实际检查253家次: the count done beside the count planned
    rf"实际(?=[{HAN}]{{0,6}}\d)"
)
# 了 after a verb (印发了, 完成了): an account of what was done; not 为了, 除了, 了解.
PAST_PARTICLE = re.compile(rf"了(?<=[{HAN}]了)(?<![为除]了)(?![解])")
# In a report, what marks a sentence as a plan rather than an account: 下一步, 明年, 力争, 确保,
# 计划 (not a plan named as a thing: 学法计划, 编制完成年度立法计划, 工作计划, 《…计划》), 拟 (not 拟定, drafted, nor 拟提任, to be promoted, nor
# the documents a legality review reads, 拟出台的文件, 拟以政府名义出台的80份文件, 拟提请审议的, nor
# the outcomes of a cleanup of documents: 清理文件411件(拟继续有效206件, 拟废止22件)),
# 要 (shall), 确保 and 保证 (not 保证金); 预计 and 有望 (expected to reach: a forecast, not an account).
REPORT_TARGET_CUE = re.compile(
    rf"下一步|下步|明年|来年|今后|力争|确保|保证(?![了金书])|争取|预计|有望|计划(?<![法作训度动施查督]计划)(?![》书表])|拟(?![定订稿任提聘录以]|出台|继续有效|保留|修改|废止|宣布失效|失效)|"
    rf"目标(?:是|为)|将要|{_MODAL_YAO}"
)


def open_bracket(text: str, lo: int, pos: int) -> int:
    """Where the bracket still open at ``pos`` opened (looking back to ``lo``), else -1.

    >>> open_bracket("达80.9%(市考核指标50%以上)", 0, 14), open_bracket("(其中3件)共5件", 0, 7)
    (6, -1)
    """
    opening = max(text.rfind("(", lo, pos), text.rfind("（", lo, pos))
    if opening < 0 or text.find(")", opening, pos) >= 0 or text.find("）", opening, pos) >= 0:
        return -1
    return opening


# A remark in brackets, on one line: (其中撤销3件), (指自行改正占已审结数量的比率).
REMARK = re.compile(r"\([^()\n]*\)")

# In brackets before a number, what makes it the level required of the document's authority
# (…调撤率44.35%(市考核指标45%以上)): a target, whatever the sentence is.
REQUIRED_LEVEL = re.compile(r"指标|要求|标准|目标")
# In a plan, what marks a sentence as an account of the present: 截至目前, 已有, 去年.
PLAN_ACTUAL_CUE = re.compile(r"截至|截止|目前已|已经|已有|去年|上年|今年以来")
