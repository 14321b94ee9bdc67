"""Cases in English: expatriate residents in Hong Kong and foreign customers of the bank."""

from complaintdesk.complaints.choices import Grade as G
from complaintdesk.complaints.choices import RemedyType as Rem
from complaintdesk.complaints.choices import Responsibility as Resp
from complaintdesk.complaints.choices import RiskFlag as Risk

from .scenario import Scenario as S

HK_SCENARIOS = (
    S(
        category="FAC-LIFT",
        subject="Only lift in Tower 1 out of service for three days",
        description="The only passenger lift serving the upper floors of {site} Tower 1 has been "
        "out of service since {date}. My elderly father cannot leave the flat and no notice says "
        "when it will be repaired.",
        demand="Repair the lift urgently and tell residents when it will be back.",
        findings="The lift contractor found a failed door operator board; the replacement part was "
        "not in stock. The management office posted no notice for two days.",
        responsibility=Resp.THIRD_PARTY,
        root_cause="CONTRACTOR",
        remedy=Rem.REPAIR,
        offer="The lift has been repaired; spare door boards are now kept on site and residents "
        "on upper floors were offered help with shopping while it was down.",
        reasons="The breakdown was a component failure covered by the maintenance contract; the "
        "missing notice was our failure and we apologise for it.",
        grade=G.SIGNIFICANT,
        risks=(Risk.SAFETY,),
        technical=True,
    ),
    S(
        category="FAC-WATER",
        subject="Water dripping from the ceiling of my kitchen",
        description="Since {date} water has been dripping from the kitchen ceiling of {flat}. The "
        "management office says it is the upstairs owner's problem and will not help.",
        demand="Find the source of the leak and get it fixed.",
        findings="A dye test traced the leak to the drain pipe of the flat above, a private part; "
        "the office should have arranged the test and contacted the owner at once.",
        responsibility=Resp.THIRD_PARTY,
        root_cause="COMMS",
        remedy=Rem.EXPLANATION,
        offer="The upstairs owner has agreed to repair within 14 days; we will inspect afterwards "
        "and have given you a copy of the test report.",
        reasons="The leaking pipe is private property, which we cannot repair ourselves; we "
        "should have coordinated sooner.",
        ask="Please send photos of the ceiling and a time we can inspect.",
        loss=(2000, 9000),
        technical=True,
    ),
    S(
        category="SVC-GUARD",
        subject="Security guard shouted at my domestic helper",
        description="On {date} the guard at the {site} lobby shouted at our domestic helper in "
        "front of other residents because she had forgotten her access card.",
        demand="An apology and better training for the guards.",
        findings="CCTV confirms the guard raised his voice; checking identity without a card is "
        "required, but the manner was not acceptable.",
        responsibility=Resp.STAFF,
        root_cause="TRAIN",
        remedy=Rem.APOLOGY,
        offer="The guard has been warned and retrained, and the estate manager apologised to you "
        "and your helper in person.",
        reasons="Identity checks stay, but every visitor and helper must be treated with respect.",
    ),
    S(
        category="FEE-MGMT",
        subject="Management fee debited twice this month",
        description="My bank statement shows the management fee for {flat} was debited twice on "
        "{date}, HK${amount} too much.",
        demand="Refund the duplicate payment.",
        findings="A change of billing system sent the autopay instruction twice for 12 flats.",
        responsibility=Resp.ORGANISATION,
        root_cause="SYSTEM",
        remedy=Rem.REFUND,
        payout="loss",
        offer="HK${payout} has been refunded to your account and a check now runs before each "
        "autopay batch.",
        reasons="The double debit was our system error.",
        loss=(1800, 4600),
    ),
    S(
        category="DLV-PARCEL",
        subject="Parcel left with the lobby guard has gone missing",
        description="A courier left my parcel with the {site} lobby guard on {date}. When I came "
        "to collect it in the evening nobody could find it. It was worth about HK${amount}.",
        demand="Find the parcel or compensate me.",
        findings="The log shows it was received, but it was handed to another resident without an "
        "identity check.",
        responsibility=Resp.STAFF,
        root_cause="PROCESS",
        remedy=Rem.COMPENSATION,
        payout="loss",
        offer="We will pay HK${payout}, the value of the parcel; parcels are now released only "
        "against a resident card and signature.",
        reasons="Parcels held by the guard are in our care.",
        loss=(300, 2500),
    ),
    S(
        category="FAC-AC",
        subject="Clubhouse gym air-conditioning not cooling",
        description="For two weeks the gym at {site} clubhouse has been above 28 degrees. Staff "
        "say engineering has been told, but nothing happens.",
        demand="Fix the air-conditioning.",
        findings="The unit had lost refrigerant and the filters had not been cleaned as the "
        "maintenance contract requires.",
        responsibility=Resp.THIRD_PARTY,
        root_cause="MAINT",
        remedy=Rem.REPAIR,
        offer="The unit has been recharged and cleaned; the contractor must now clean filters "
        "monthly. One month of clubhouse booking fees is waived.",
        reasons="The contractor did not follow the maintenance schedule.",
        technical=True,
    ),
    S(
        category="OTH-NOISE",
        subject="Drilling next door late in the evening and on Sundays",
        description="The flat next to {flat} is being renovated and workers drill after 8 pm and "
        "on Sundays, including on {date}. The guards do nothing when I call.",
        demand="Enforce the renovation rules.",
        findings="The renovation breached the house rules and the night guard did not follow the "
        "procedure to stop it.",
        responsibility=Resp.STAFF,
        root_cause="TRAIN",
        remedy=Rem.EXPLANATION,
        offer="A warning letter was issued to the owner; workers will be refused entry if it "
        "happens again.",
        reasons="Enforcing the renovation rules is our job.",
    ),
    S(
        category="SAF-SLIP",
        subject="Fell on a wet lobby floor with no warning sign",
        description="On {date} I slipped on the freshly mopped lobby floor at {site}. There was no "
        "wet-floor sign. I hurt my wrist and needed an X-ray.",
        demand="Pay my medical bills of HK${amount}.",
        findings="The cleaner did not put out the warning sign; the contractor's training was "
        "inadequate.",
        responsibility=Resp.THIRD_PARTY,
        root_cause="CONTRACTOR",
        remedy=Rem.COMPENSATION,
        payout="loss",
        offer="The insurer will reimburse HK${payout}; all cleaners have been retrained.",
        reasons="The accident was caused by the contractor's negligence; we handle the claim.",
        loss=(1500, 6000),
        grade=G.MAJOR,
        risks=(Risk.SAFETY, Risk.LEGAL),
    ),
)

CN_SCENARIOS = (
    S(
        category="PRD-CHARGE",
        subject="Hotel deposit charged twice on my card",
        description="The hotel pre-authorised my card ending {card} on {date}, then charged the "
        "full amount again at check-out. CNY {amount} is held twice.",
        demand="Release the duplicate amount.",
        findings="The merchant completed the pre-authorisation and also posted a new sale; the "
        "acquirer confirmed the duplicate.",
        responsibility=Resp.THIRD_PARTY,
        root_cause="SYSTEM",
        remedy=Rem.REFUND,
        payout="loss",
        offer="CNY {payout} has been credited back to your card.",
        reasons="The duplicate was the merchant's error; we recovered it under card scheme rules.",
        loss=(500, 4000),
    ),
    S(
        category="SVC-COUNTER",
        subject="Could not open an account with my passport",
        description="On {date} I tried to open an account at {site} with my passport and work "
        "permit. The staff said foreigners cannot open accounts and would not explain.",
        demand="Open the account and explain the requirements.",
        findings="Foreign nationals may open accounts with a passport and residence permit; the "
        "teller was not familiar with the procedure.",
        responsibility=Resp.STAFF,
        root_cause="TRAIN",
        remedy=Rem.APOLOGY,
        offer="The branch manager apologised and opened the account the next day.",
        reasons="The refusal was a mistake by our staff.",
    ),
    S(
        category="FAC-LIMIT",
        subject="Tuition transfer blocked by the daily limit",
        description="I had to pay my child's school fees on {date}, but the app blocked the "
        "transfer as above the daily limit and nobody told me how to raise it.",
        demand="Raise the limit and explain the rules.",
        findings="The default daily limit applies to all new accounts; the limit can be raised at "
        "a branch with identification.",
        responsibility=Resp.NONE,
        root_cause="POLICY",
        remedy=Rem.EXPLANATION,
        offer="The limit was raised at the branch and the payment made the same day.",
        reasons="The limit is a fraud-prevention requirement.",
    ),
    S(
        category="FAC-APP",
        subject="Mobile banking app has no English for transfers",
        description="Since the update on {date} the transfer pages of the app are only in Chinese, "
        "so I cannot check what I am confirming.",
        demand="Restore the English interface.",
        findings="The English text of the new transfer pages was missing from the release.",
        responsibility=Resp.ORGANISATION,
        root_cause="SYSTEM",
        remedy=Rem.APOLOGY,
        offer="The English pages were restored in the following release.",
        reasons="The omission was our release error.",
    ),
    S(
        category="FEE-ANNUAL",
        subject="Credit card annual fee charged without notice",
        description="An annual fee of CNY {amount} was charged on my card ending {card} on {date}. "
        "I was told the card was free.",
        demand="Refund the fee.",
        findings="The fee is waived after six purchases a year, which was not reached; the "
        "reminder message was not sent.",
        responsibility=Resp.ORGANISATION,
        root_cause="COMMS",
        remedy=Rem.FEE_WAIVER,
        payout="loss",
        offer="The fee of CNY {payout} is waived this year.",
        reasons="The fee follows the card agreement, but we did not send the promised reminder.",
        loss=(200, 600),
    ),
    S(
        category="FAC-ATM",
        subject="ATM kept my card",
        description="On {date} the ATM at {site} kept my card after a withdrawal and I was told to "
        "wait a week to get it back.",
        demand="Return the card at once.",
        findings="The card reader jammed; retained cards were collected only weekly.",
        responsibility=Resp.ORGANISATION,
        root_cause="MAINT",
        remedy=Rem.APOLOGY,
        offer="The card was returned the next day; retained cards are now collected daily.",
        reasons="The reader fault and the slow return were ours to fix.",
    ),
)
