"""Words that say what a number is about: the indicator family of a claim.

Each family of :data:`fazhi_stats.registry.FAMILIES` has words that name its subject in
法治政府建设 documents (复议, 网上办, 调解 …). With the keywords of the indicator registry they
decide a claim's family when no indicator does: the nearest word in the narrowest scope
around the number (phrase, clause, sentence, paragraph, the headings above it) wins; a longer
word beats a shorter one at the same scope. Numbers about none of them are ``other``.

The lists are vocabulary of the genre (national terms of the 纲要 and the 示范指标体系, and the
words every annual report uses), never words of one document.
"""

from __future__ import annotations

FAMILY_WORDS: dict[str, tuple[str, ...]] = {
    "mediation": (
        "调解",
        "调处",
        "矛盾纠纷",
        "纠纷",
        "人民调解",
        "调委会",
        "信访",
    ),
    "court_appearance": ("出庭应诉", "出庭", "负责人出庭"),
    "online_services": (
        "网上",
        "网办",
        "网厅",
        "网上办事大厅",
        "全程网办",
        "网上可办",
        "一网通办",
        "掌上办",
        "指尖办",
        "在线",
        "互联网+政务服务",
        "政务服务网",
        "政务服务平台",
        "一体机",
        "自助服务",
        "自助终端",
        "办件",
        "收件",
        "预约",
        "电子证照",
        "数据共享",
        "不见面",
        "跑一趟",
        "跑一次",
        "即办件",
        "一件事",
        "套餐",
    ),
    "training": (
        "培训",
        "学法",
        "讲座",
        "讲堂",
        "学时",
        "轮训",
        "专题学习",
        "专题班",
        "集中学习",
        "中心组",
        "旁听庭审",
    ),
    "legality_review": (
        "合法性审查",
        "合法性审核",
        "法制审核",
        "法制审查",
        "法律审核",
        "合同",
        "前置审查",
    ),
    "legal_advisers": ("法律顾问", "公职律师", "公司律师"),
    "normative_documents": (
        "规范性文件",
        "备案审查",
        "文件清理",
        # not 法律意见: advisers, reviewers and lawyers all write legal opinions
        # (镇法律顾问全程参与,出具法律意见16余次); the words around it say whose they are
        "规章",
        "立法",
        "地方性法规",
    ),
    "reconsideration_litigation": (
        "复议",
        "行政诉讼",
        "诉讼",
        "应诉",
        "被申请人",
        "被诉",
        "败诉",
        "胜诉",
        "撤诉",
        "纠错",
        "审结",
        "一审",
        "二审",
        "行政案件",
        "行政审判",
        "行政争议",
    ),
    "inspection": ("双随机", "随机抽取", "抽查", "检查对象", "联合检查", "跨部门"),
    "approval_reform": (
        "审批",
        "行政许可",
        "许可事项",
        "公共服务事项",
        "政务服务事项",
        "权责清单",
        "权力清单",
        "责任清单",
        "负面清单",
        "中介服务",
        "简政放权",
        "放管服",
        "证明事项",
        "申请材料",
        "办理时限",
        "承诺时限",
        "即办",
        "秒批",
        "秒办",
        "事项清单",
    ),
    "fiscal": (
        "收费",
        "政府性基金",
        "财政",
        "预算",
        "资金",
        "减税降费",
        "专项经费",
        "经费",
    ),
    "exams": ("考试", "知识测试", "参考率", "应考", "参考人员", "通过率"),
    "legal_publicity": ("普法", "法治宣传", "宣传", "以案释法", "法治文化"),
    "staffing": (
        "机构改革",
        "编制",
        "三定",
        "事业单位",
        "内设机构",
        "人员转隶",
        "班子配备",
        "法制人员",
    ),
    "reporting": ("述法", "报告制度", "向社会公开报告"),
    "enforcement": (
        "执法",
        "行政处罚",
        "行政强制",
        "案卷",
        "评查",
        "执法证",
        "立案",
        "处罚",
    ),
    "credit": ("信用", "失信", "红黑榜", "守信", "诚信"),
}


#: Words of the genre that hold a keyword or a family word without being about it: 协调解决
#: (to sort out, 协调解决企业困难128个) holds 调解 (mediation); 建立法治 (to set up … of the rule
#: of law, 建立法治建设季度例会制度) holds 立法 (legislation); 刑事诉讼 (criminal procedure, a
#: police report's 《刑事诉讼法…》) holds 诉讼, which in the genre is administrative litigation.
#: A keyword inside one is no hit.
NOT_KEYWORDS: tuple[str, ...] = ("协调解决", "建立法治", "树立法治", "确立法治", "刑事诉讼")

# Work the families do not cover, named in a sentence: its numbers are of that work (family
# ``other``), not of the topic of the sentence before or of the heading above. The 人大 and 政协
# supervision of the government, notaries, legal aid and advice.
OUTSIDE_TOPICS: tuple[str, ...] = (
    "人大代表",
    "政协委员",
    "代表建议",
    "政协提案",
    "公证",
    "法律援助",
    "法律咨询",
)
