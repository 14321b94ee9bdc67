"""What staff write on the timeline while handling a case, by language. Placeholders: {site},
{phone}, {name}, {staff}; the reply letter also takes {subject}, {reference}, {received},
{findings} and {offer}."""

from .org_data import CN, HK

# language -> key -> one wording, or several the story chooses from (Story.say).
PHRASES: dict[str, dict[str, str | tuple[str, ...]]] = {
    "zh-hant": {
        "listen": (
            "耐心聆聽投訴人陳述，逐點記錄事發經過及訴求。",
            "讓投訴人完整說明情況，未有打斷。",
        ),
        "apologise": ("就事件對投訴人造成的不便致歉。", "代表管理處向投訴人致歉，承諾盡快跟進。"),
        "collect": ("翻查閉路電視片段、巡邏記錄及維修工作單。", "向當值同事及承辦商索取書面報告。"),
        "propose": ("向投訴人說明建議的處理方案。",),
        "ask_opinion": ("徵詢投訴人對處理方案的意見。",),
        "follow_up_step": ("完成回訪並記錄投訴人意見。",),
        "ack_written": ("已寄出認收信，列明參考編號、負責同事及預計回覆日期。",),
        "call": (
            "致電投訴人了解詳情，並約定上門視察時間。",
            "致電投訴人交代初步調查結果，投訴人表示明白。",
            "投訴人來電查詢進度，已告知正在跟進中。",
        ),
        "visit": ("到{site}現場視察並拍照記錄。", "聯同承辦商到{site}實地檢查。"),
        "internal": (
            "已通知工程部派員跟進。",
            "已向承辦商發出工作指令，要求三個工作天內完成。",
            "個案已向區經理匯報。",
            "已向保安主管索取當日值勤表。",
        ),
        "progress": ("個案超過十日未完成，按規定以電話向投訴人口頭匯報進度。",),
        "exec": (
            "主席辦公室要求每週提交書面進度報告。",
            "行政總裁已閱悉個案，要求調查專員完成後提交書面報告。",
        ),
        "quality_check": ("質量抽查：答覆內容完整，符合服務標準。", "質量抽查：回訪記錄齊全。"),
        "ask": "請提供相關相片、單據或其他證明文件。",
        "resume": ("投訴人已提供所需資料。", "收到投訴人補交的相片及文件。"),
        "confirm": ("已致電投訴人，確認已收到書面答覆。", "投訴人確認收到答覆。"),
        "accepted": ("投訴人表示接納處理方案。", "投訴人同意有關安排。"),
        "rejected": ("投訴人不接納處理方案，認為補償不足。", "投訴人表示對結果不滿意。"),
        "not_reached": (
            "致電{phone}無人接聽，已留言。",
            "致電{phone}轉駁至留言信箱，已發短訊。",
            "再次致電{phone}仍未能接通，已寄出回訪信。",
        ),
        "resolved": ("投訴人表示問題已解決，對處理結果滿意。", "回訪時投訴人表示情況已改善。"),
        "resolved_unhappy": ("投訴人確認問題已解決，但仍不滿意補償安排。",),
        "not_resolved": ("投訴人表示問題再次出現，仍未解決。",),
        "withdraw": (
            "投訴人表示問題已自行解決，要求撤回投訴。",
            "投訴人與有關方面私下和解，撤回投訴。",
            "投訴人來電表示不再追究。",
        ),
        "appeal": (
            "投訴人不接納處理結果，認為補償不足，要求覆核。",
            "投訴人認為調查不全面，要求由上級覆核。",
        ),
        "appeal_rejected": ("投訴人認為事件與管理處有關，不同意不予受理的決定，要求覆核。",),
        "reopen": ("回訪時投訴人表示問題再次出現，重新跟進。",),
        "quality_reopen": ("質量覆核發現調查未有回應投訴人的全部訴求，重開個案。",),
        "reassign": ("個案涉及技術問題，改由另一同事跟進。", "原負責同事休假，個案轉交同事跟進。"),
        "appeal_reassign": ("投訴人提出覆核，按程序改由上級覆核。",),
        "recheck": "覆查：首次處理未能根治問題，已安排再次維修並延長保養期。",
        "review": "覆核：上級覆核後維持原調查結論，另考慮投訴人的實際困難作出酌情安排。",
        "review_offer": "維持原處理決定，另酌情延長保養期及安排專人跟進至完全解決。",
        "approve": (
            "金額符合同類個案標準，批准按建議處理。",
            "已核對損失單據，同意有關補償安排。",
        ),
        "refuse": ("金額高於同類個案標準，請按核實損失重新擬定方案。",),
        "reply": "{name}：\n閣下於{received}就「{subject}」提出的投訴（參考編號：{reference}），"
        "本處經調查後回覆如下：\n{findings}\n處理結果：{offer}\n如有查詢，請致電{phone}與{staff}聯絡。",
        "evidence": (
            "投訴人提供相片三張。",
            "投訴人提供短片一段及維修單據。",
            "投訴人口述，未有提供文件。",
        ),
    },
    "zh-hans": {
        "listen": ("耐心倾听客户陈述，逐项记录经过及诉求。", "让客户完整说明情况，未打断。"),
        "apologise": ("就给客户带来的不便致歉。", "代表网点向客户致歉，承诺尽快处理。"),
        "collect": ("调阅交易流水、录音录像及业务凭证。", "向相关部门调取系统日志及书面说明。"),
        "propose": ("向客户说明拟定的处理方案。",),
        "ask_opinion": ("征询客户对处理方案的意见。",),
        "follow_up_step": ("完成回访并记录客户意见。",),
        "ack_written": ("已向客户发送受理告知，列明编号、承办人及预计答复时间。",),
        "call": (
            "致电客户核实交易情况。",
            "致电客户告知初步核查结果，客户表示理解。",
            "客户来电询问进度，已告知正在处理中。",
        ),
        "visit": ("到{site}调取监控录像。", "与{site}负责人面谈了解情况。"),
        "internal": (
            "已提交信用卡中心核查。",
            "已发函清算部门查询交易状态。",
            "已向支行行长报告。",
            "已要求网点提供当日排班表。",
        ),
        "progress": ("投诉超过十日未办结，按规定电话告知客户处理进度。",),
        "exec": ("行领导批示：请消保部督办，确保按时向监管报送结果。",),
        "quality_check": (
            "质检抽查：答复要素齐全，处理符合规范。",
            "质检抽查：答复及时，回访记录完整。",
        ),
        "regulator": ("已按要求向监管机构报送处理进展。", "监管转办件，已登记并按时限处理。"),
        "ask": "请提供相关凭证、截图或其他证明材料。",
        "resume": ("客户已补充所需材料。", "收到客户提供的截图及凭证。"),
        "confirm": ("已致电客户，确认已收到书面答复。", "客户确认收到答复。"),
        "accepted": ("客户表示接受处理方案。", "客户同意相关安排。"),
        "rejected": ("客户不接受处理方案，认为补偿不足。", "客户表示对结果不满意。"),
        "not_reached": (
            "致电{phone}无人接听。",
            "致电{phone}提示关机，已发送短信。",
            "再次致电{phone}仍未接通，已发送回访短信。",
        ),
        "resolved": ("客户表示问题已解决，对处理结果满意。", "回访时客户表示已恢复正常。"),
        "resolved_unhappy": ("客户确认问题已解决，但对处理结果仍不满意。",),
        "not_resolved": ("客户表示问题依然存在。",),
        "withdraw": ("客户表示问题已自行解决，申请撤销投诉。", "客户与商户协商解决，撤回投诉。"),
        "appeal": ("客户不接受处理结果，申请复核。", "客户认为调查不充分，要求上级复核。"),
        "appeal_rejected": ("客户不同意不予受理的决定，申请复核。",),
        "reopen": ("回访时客户表示问题依然存在，重新处理。",),
        "quality_reopen": ("质量检查发现答复未回应客户全部诉求，重新处理。",),
        "reassign": ("根据业务类型调整承办人。", "原承办人休假，转交同事处理。"),
        "appeal_reassign": ("客户申请复核，按程序由上级复核。",),
        "recheck": "复查：首次处理未能彻底解决，已再次处理并持续监测。",
        "review": "复核：维持原调查结论，结合客户实际情况作出适当安排。",
        "review_offer": "维持原处理决定，另安排专人跟进直至问题完全解决。",
        "approve": (
            "金额符合同类案件处理标准，同意按方案处理。",
            "已核实客户提供的损失凭证，批准该处理方案。",
        ),
        "refuse": ("金额高于同类案件处理标准，请按已核实的损失重新拟定方案。",),
        "extend": (
            "需向收单机构及第三方调取交易凭证核实，处理期限延长至30日，已致电告知客户延期原因。",
            "案情复杂需调阅录音录像及合同材料，处理期限延长至30日，已致电告知客户。",
        ),
        "extend_again": (
            "第三方机构调查尚未完成，需将处理期限延长至60日，将书面告知客户延期原因。",
        ),
        "approve_extension": ("第三方调查确需时间，同意延长。",),
        "reply": "尊敬的{name}：\n您于{received}反映的“{subject}”（编号：{reference}），"
        "经我行核查，答复如下：\n{findings}\n处理结果：{offer}\n如有疑问，请致电{phone}联系{staff}。",
        "evidence": (
            "客户提供交易截图。",
            "客户提供短信通知截图及小票。",
            "客户口述，未提供材料。",
        ),
    },
    "en": {
        "listen": ("Let the complainant finish and noted the facts and the demand.",),
        "apologise": ("Apologised for the inconvenience.",),
        "collect": ("Reviewed CCTV, logs and work orders.", "Asked the contractor for a report."),
        "propose": ("Explained the proposed solution.",),
        "ask_opinion": ("Asked the complainant's view on the solution.",),
        "follow_up_step": ("Follow-up call done and recorded.",),
        "ack_written": ("Acknowledgement sent with the reference, handler and reply date.",),
        "call": (
            "Called the complainant for details and agreed a time to inspect.",
            "Called the complainant with the first findings.",
            "The complainant called for an update; told them it is in hand.",
        ),
        "visit": ("Site visit at {site}; photos taken.", "Met the staff at {site}."),
        "internal": ("Work order issued to the contractor.", "Reported to the manager."),
        "progress": ("Open more than 10 days: oral progress update given by phone.",),
        "exec": ("The chairman's office asks for a weekly written update.",),
        "quality_check": ("Quality check: reply complete and on time.",),
        "regulator": ("Progress reported to the regulator as required.",),
        "ask": "Please send photos, receipts or other documents.",
        "resume": ("The complainant sent the documents.",),
        "confirm": ("Called the complainant: the written reply was received.",),
        "accepted": ("The complainant accepts the solution.",),
        "rejected": ("The complainant does not accept the solution.",),
        "not_reached": (
            "Called {phone}, no answer; left a message.",
            "Called {phone}, voicemail; sent a text.",
            "Called {phone} again, no answer; follow-up letter sent.",
        ),
        "resolved": ("The complainant says the problem is solved and is satisfied.",),
        "resolved_unhappy": ("Problem solved, but the complainant still disputes the decision.",),
        "not_resolved": ("The complainant says the problem is back.",),
        "withdraw": ("The complainant says the matter is settled and withdraws.",),
        "appeal": ("The complainant does not accept the decision and asks for a review.",),
        "appeal_rejected": ("The complainant disagrees that this is out of scope.",),
        "reopen": ("Problem back at follow-up; reopened.",),
        "quality_reopen": ("Quality review: the reply did not answer every demand.",),
        "reassign": ("Passed to a colleague with the right expertise.",),
        "appeal_reassign": ("Appeal: reviewed one level up, as the procedure requires.",),
        "recheck": "Re-check: the first repair did not last; repaired again with longer warranty.",
        "review": "Review: the findings stand; a goodwill arrangement was added.",
        "review_offer": "The decision stands; a named officer follows the case until it is solved.",
        "approve": (
            "Amount in line with similar cases; approved as proposed.",
            "Loss checked against the receipts; approved.",
        ),
        "refuse": ("Above what similar cases received; propose again on the verified loss.",),
        "extend": (
            "Records must be obtained from a third party; deadline extended and the complainant "
            "was told why by phone.",
        ),
        "extend_again": (
            "A third party is still investigating; the deadline needs extending to 60 days and "
            "the complainant will be told why in writing.",
        ),
        "approve_extension": ("The third party's enquiry does need the time; agreed.",),
        "reply": "Dear {name},\nRe: {subject} (reference {reference}), received {received}.\n"
        "{findings}\nOur decision: {offer}\nFor questions please call {phone} and ask for {staff}.",
        "evidence": ("Photos supplied.", "Receipts supplied.", "Verbal account only."),
    },
}

APPEAL_ROUTES = {
    (HK, "zh-hant"): "如閣下對上述處理結果不滿意，可於收到本答覆後十四日內以書面向總辦事處"
    "客戶服務部申請覆核（電郵：feedback@harbourview.example.hk），本公司將於十個工作天內由"
    "區域總經理覆核並回覆。",
    (HK, "en"): "If you are not satisfied with this decision, you may ask for a review within 14 "
    "days by writing to the Customer Service Department, Head Office "
    "(feedback@harbourview.example.hk); the Regional General Manager will reply within 10 working "
    "days.",
    # Starts with the wording the bank's policy pack (cn-banking-2020) requires in the reply.
    (CN, "zh-hans"): "如对处理决定有异议，可自收到处理决定之日起30日内向上级机构书面申请核查，"
    "亦可申请调解、仲裁或依法提起诉讼。核查申请请寄我行消费者权益保护部（客服热线400-600-0000转3）。",
    (CN, "en"): "If you disagree with this decision, you may apply in writing to our higher-level "
    "office for a review within 30 days of receiving it (Consumer Protection Department, hotline "
    "400-600-0000, option 3), or apply for mediation or arbitration, or take legal action.",
}

OFFICE_PHONES = {HK: "2888 6000", CN: "400-600-0000"}
