//! The patterns communications are read with: what a strong update shows (numbers,
//! ownership, asks, an open door) and what a weak one leans on (vague amounts,
//! minimising, generic promises, unexplained jargon). Shapes of language, not any
//! document's phrases. ASCII word boundaries (`(?-u:\b)`): see ARCHITECTURE.md.

use regex::Regex;
use std::sync::LazyLock;

fn re(pattern: &str) -> Regex {
    Regex::new(pattern).expect("communication pattern")
}

/// A measured quantity: money, a percentage, a duration, or a count of people or things.
pub static QUANTITY: LazyLock<Regex> = LazyLock::new(|| {
    re(r"(?ix)
      [$€£]\s?\d[\d,]*(?:\.\d+)?\s?(?:[km](?-u:\b)|million|billion|thousand)?
    | (?-u:\b)\d[\d,]*(?:\.\d+)?\s?(?:%|percent(?-u:\b))
    | (?-u:\b)\d[\d,]*(?:\.\d+)?\s*(?:h|hrs?|hours?|min|mins|minutes?|seconds?|secs?|days?|weeks?)(?-u:\b)
    | (?-u:\b)\d[\d,]*(?:\.\d+)?\s?[km]?\s+(?:[a-z-]+\s+){0,2}(?:customers?|users?|accounts?|clients?|merchants?
        |requests?|orders?|transactions?|payments?|tickets?|stores?|sites?|patients?|people|employees|engineers
        |drivers|riders|sellers|buyers|members|subscribers|tenants|calls|messages|emails|records|files|devices
        |flights|bookings|shipments|deliveries|invoices|claims|escalations|attendees|teams|services|regions
        |pharmacies|students|agents|hospitals|clinics|branches|vehicles|passengers|prescriptions|parcels
        |households|homes|businesses|companies|organi[sz]ations|workspaces|projects|builds|jobs|reports
        |searches|logins|sessions|appointments|trades|listings|games|players|viewers|streams|charges|refunds
        |credits|cards|loans|applications|submissions|uploads|photos|documents|forms|policies|schools|restaurants|partners|vendors|carriers|lines)(?-u:\b)
    ")
});

/// A clock time: `14:05`, `2:14am`, `9 pm`.
pub static CLOCK_TIME: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)(?-u:\b)(?:(?:[01]?\d|2[0-3]):[0-5]\d(?::[0-5]\d)?(?:\s?[ap]\.?m(?-u:\b)\.?)?|(?:1[0-2]|0?[1-9])\s?[ap]\.?m(?-u:\b)\.?)",
    )
});

/// What the incident cost the business: money, credits, contracts, trust.
pub static STAKES: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)(?:[$€£]\s?\d|(?-u:\b)(?:revenue|sla|credits?|contracts?|churn|renewals?|brand|reputation|trust|escalat\w*|refunds?|fines?|regulators?|regulatory|compliance|penalt\w*|cost\s+us|lost\s+sales)(?-u:\b))",
    )
});

/// A day named: "on Saturday".
pub static WEEKDAY: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)(?-u:\b)(?:mon|tues|wednes|thurs|fri|satur|sun)day(?-u:\b)"));

/// "Many customers", "an extended period": an amount where a number belongs.
pub static VAGUE_AMOUNT: LazyLock<Regex> = LazyLock::new(|| {
    re(r"(?ix)(?-u:\b)(?:
        (?:many|several|some|numerous|various|countless|multiple|a\s+few|a\s+lot\s+of|lots\s+of
          |a\s+(?:small\s+|large\s+|significant\s+|limited\s+)?number\s+of|a\s+handful\s+of|a\s+subset\s+of
          |a\s+portion\s+of|a\s+majority\s+of|a\s+minority\s+of|a\s+fraction\s+of|most|certain)
        \s+(?:of\s+(?:our|the|your)\s+)?(?:[a-z-]+\s+)?(?:customers?|users?|clients?|merchants?|accounts?|requests?
          |orders?|transactions?|payments?|people|players?|stores?|tenants?|patients?|members|subscribers|drivers
          |sellers|buyers|businesses|bookings|shipments|deliveries|records|files|devices|flights|passengers
          |households|partners|workspaces|sessions|logins|regions|sites|services|students|staff|faculty|employees
          |courses|classes|exams|airports|locations|branches|hospitals|clinics|issues|problems|errors|delays|flights
          |calls|tickets|systems|teams|countries|markets|cities|warehouses|terminals|schools)
      | significant(?:ly)? | substantial(?:ly)? | considerabl[ey]
      | (?:an?\s+)?(?:extended|prolonged|lengthy|brief|short)\s+(?:period(?:\s+of\s+time)?|time|outage|duration|window|interruption|disruption)
      | (?:for|over)\s+(?:a\s+while|some\s+time|a\s+period\s+of\s+time|several\s+(?:minutes|hours|days))
      | several\s+(?:minutes|hours|days)
      | (?:for\s+)?a\s+few\s+(?:minutes|hours|days|weeks)
      | longer\s+than\s+(?:usual|normal|expected)
      | as\s+(?:quickly|soon|fast)\s+as\s+possible
      | intermittent\s+(?:issues|problems|errors|disruptions?|outages?|failures)
      | during\s+this\s+(?:period|time|window)
      | (?:some\s+|certain\s+)?parts\s+of\s+\w+
      | later\s+(?:that|the\s+same)\s+(?:day|evening|morning|night|afternoon)
      | (?:sales|revenue|operations|business|customers|users|orders)\s+(?:were|was)\s+(?:impacted|affected)
      | (?:elevated|increased|higher\s+than\s+(?:normal|usual)|heavy|heavier\s+than\s+(?:normal|usual)|unusual(?:ly\s+high)?)\s+(?:error\s+rates?|errors|latency|failures|(?:contact\s+|call\s+|ticket\s+)?volumes?|traffic|load|demand)
    )(?-u:\b)")
});

/// A vague count of people or things ("most customers"), as opposed to a vague
/// duration or size.
pub static VAGUE_COUNT: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)^(?:sales|revenue|operations|business|customers|users|orders|many|several|some|numerous|various|countless|multiple|a\s+few|a\s+lot|lots|a\s+(?:\w+\s+)?number|a\s+handful|a\s+subset|a\s+portion|a\s+majority|a\s+minority|a\s+fraction|most|certain)(?-u:\b)",
    )
});

/// A number right after a vague amount: "some users (about 2,400)".
pub static COUNT_FOLLOWS: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)^\s*[(,—–:-]?\s*(?:about|approximately|around|roughly|nearly|over|under|~|≈)?\s*[$€£]?\d",
    )
});

/// Shrinking the incident or the company's part in it.
pub static MINIMISING: LazyLock<Regex> = LazyLock::new(|| {
    re(r"(?ix)(?-u:\b)(?:
        only\s+(?:a\s+)?(?:very\s+)?(?:small|limited|tiny|minor|few|handful|fraction|subset|minority|brief|short|slight)(?:\s+(?:number|percentage|portion|subset|fraction|group))?(?:\s+of)?
      | (?:we\s+)?(?:sincerely\s+|deeply\s+)?regret\s+(?:any|the)\s+(?:[a-z]+\s+){0,2}(?:inconvenience|disruption|trouble|issues?|impact|confusion)(?:\s+(?:this|that|it)\s+(?:may\s+have\s+)?caused)?
      | (?:any|the|this|an?)\s+(?:temporary\s+|minor\s+)?inconvenience(?:\s+(?:this|that|it)\s+may\s+have\s+caused)?
      | minor\s+(?:issue|disruption|incident|hiccup|glitch|blip|problem|outage|service\s+issue)
      | (?:slight|brief|temporary|momentary)\s+(?:hiccup|glitch|blip|interruption|disruption|degradation|delay)
      | (?:isolated|limited)\s+(?:incident|impact|issue|event|number)
      | relatively\s+(?:limited|small|minor|contained|low)
      | unprecedented\s+(?:demand|volumes?|traffic|circumstances|load)
      | technical\s+(?:challenges|difficulties)
      | (?:beyond|outside)(?:\s+of)?\s+(?:our|anyone'?s)\s+control
      | (?:out\s+of|from)\s+an\s+abundance\s+of\s+caution
      | (?:as\s+is\s+)?(?:common|standard|normal)\s+(?:across|in)\s+the\s+industry
      | (?:no|not\s+a)\s+(?:significant|material|major)\s+(?:impact|issue|effect)
      | (?:at\s+)?no\s+point\s+was\s+(?:any|your)\s+data
      | a\s+(?:small|tiny)\s+(?:number|percentage|portion|subset|fraction|group)\s+of
    )(?-u:\b)")
});

/// Generic prevention: a promise with no mechanism.
pub static VAGUE_PREVENTION: LazyLock<Regex> = LazyLock::new(|| {
    re(r"(?ix)(?-u:\b)(?:
        (?:better|improved|enhanced|additional|more|stronger|further|increased|tighter|more\s+robust|more\s+rigorous|extra)
          \s+(?:testing|monitoring|processes|process|procedures|safeguards|controls|checks|tooling|alerting|training
            |oversight|reviews?|communication|quality\s+assurance|qa|validation|measures|precautions|diligence|vigilance|care)
      | (?:improve|enhance|strengthen|tighten|review|revisit|re-?evaluate|reassess|look\s+into|examine|evaluate|bolster)(?:ing)?
          \s+(?:our\s+|the\s+|its\s+)?(?:internal\s+|existing\s+|current\s+|overall\s+)?(?:processes|process|procedures|systems|practices|policies|controls|safeguards|infrastructure|testing|monitoring)
      | take\s+(?:the\s+)?(?:necessary|appropriate|additional|all\s+necessary|further|proactive)\s+(?:steps|measures|action)
      | (?:we\s+will|we'll|we\s+must|we\s+need\s+to|we\s+are\s+committed\s+to)\s+(?:do|doing)\s+better
      | (?:ensure|make\s+sure)\s+(?:that\s+)?(?:this|it|such\s+an?\s+\w+|something\s+like\s+this)\s+(?:never|doesn'?t|does\s+not|won'?t|will\s+not|cannot|can'?t)\s+happens?\s+again
      | continue\s+to\s+(?:invest|improve|work|monitor)(?:\s+(?:in|on))?
      | (?:the\s+)?root\s+cause\s+has\s+been\s+(?:addressed|remediated|resolved)
      | (?:lessons|learnings)(?:\s+learned)?\s+(?:will\s+be|are\s+being|have\s+been)\s+(?:applied|incorporated|learned|taken)
    )(?-u:\b)")
});

/// A leader owning the failure in the first person.
pub static OWNERSHIP_LEADER: LazyLock<Regex> = LazyLock::new(|| {
    re(r"(?ix)(?-u:\b)(?:
        i\s+(?:take|accept|bear)\s+(?:full\s+|personal\s+|complete\s+|the\s+)?(?:responsibility|ownership|accountability|the\s+blame)
      | (?:this|that|it|the\s+(?:decision|call|failure|mistake))\s+(?:is|was)\s+(?:on\s+me|my\s+(?:responsibility|decision|call|fault|mistake|failure))
      | i\s+(?:am|'m)\s+(?:personally\s+|ultimately\s+)?(?:accountable|responsible)
      | i\s+own\s+(?:this|that|the|it)
      | as\s+(?:the\s+|your\s+|our\s+)?[a-z][a-z ]{1,30},\s+i\s+(?:approved|signed\s+off|decided|made|chose|own|am|was|set|pushed|prioriti[sz]ed)
      | i\s+(?:approved|signed\s+off\s+on|made\s+the\s+(?:call|decision)|decided\s+to|chose\s+to|prioriti[sz]ed|pushed\s+for|overruled)
      | (?:it\s+was\s+)?my\s+(?:decision|call|mistake|failure|fault)
    )(?-u:\b)")
});

/// The organisation owning the failure: "we failed", "this was our mistake".
pub static OWNERSHIP_COLLECTIVE: LazyLock<Regex> = LazyLock::new(|| {
    re(r"(?ix)(?-u:\b)(?:
        we\s+(?:take|accept)\s+(?:full\s+|complete\s+)?(?:responsibility|ownership|accountability)
      | we\s+(?:failed|broke|made\s+(?:a|an|the)\s+(?:mistake|error|wrong)|got\s+(?:this|it)\s+wrong|let\s+(?:you|our\s+\w+|them)\s+down|dropped\s+the\s+ball|fell\s+short)
      | (?:this|that|it)\s+(?:was|is)\s+(?:entirely\s+|fully\s+)?(?:our|on\s+us)(?:\s+(?:mistake|fault|error|failure|responsibility))?
      | our\s+(?:own\s+)?(?:mistake|fault|error|failure)
      | (?:this|that|it)\s+(?:was|is)\s+(?:a|an)\s+(?:failure|mistake|error)\s+(?:of|on|in|by)\s+(?:our|us)
      | (?:change|mistake|error|decision|call|update|release|bug|version|feature|model)\s+(?:that\s+)?we\s+(?:made|shipped|deployed|approved|pushed|released|introduced|launched)
      | (?:that|this|it)(?:'s|\s+is|\s+was)\s+on\s+us
      | (?:a|the)\s+(?:process|gap|failure|mistake|decision|problem)\s+(?:that\s+)?we\s+(?:own|are\s+responsible\s+for)
      | we\s+are\s+(?:fully\s+)?(?:accountable|responsible)
      | the\s+(?:responsibility|fault)\s+is\s+(?:ours|entirely\s+ours)
      | we\s+own\s+(?:this|that|it|the\s+failure|the\s+mistake)
      | we\s+(?:shipped|deployed|pushed|made|introduced|released|rolled\s+out|approved|scheduled|ran|changed)\s+(?:a|an|the)\s+(?:\w+\s+){0,3}(?:change|bug|mistake|error|update|migration|configuration|config|release|patch|script|deploy(?:ment)?)
    )(?-u:\b)")
});

/// An apology or empathy for the people affected.
pub static APOLOGY: LazyLock<Regex> = LazyLock::new(|| {
    re(r"(?ix)(?-u:\b)(?:
        sorry | apologi[sz]e | apologies | apology
      | (?:we|i)\s+let\s+(?:you|our\s+\w+|them|everyone)\s+down
      | (?:is|was)\s+(?:simply\s+)?(?:unacceptable|not\s+acceptable)
      | deserved?\s+better
      | (?:broke|lost|damaged|betrayed)\s+(?:your|their|that|the)\s+trust
      | (?:we|i)\s+(?:know|understand|recogni[sz]e)\s+(?:how\s+)?(?:much\s+)?(?:this|that|the\s+\w+)\s+(?:\w+\s+){0,3}(?:frustrating|disruptive|stressful|painful|serious|costly|worrying|upsetting|hard|difficult|disrupted|affected|hurt|cost)
    )(?-u:\b)")
});

/// What an executive is asked to decide or give.
pub static ASK: LazyLock<Regex> = LazyLock::new(|| {
    re(r"(?ix)(?-u:\b)(?:
        (?:i|we)(?:'m|'re|\s+am|\s+are)?\s+(?:asking|requesting|ask|request)\s+(?:you|for|that|your|the\s+(?:board|team|leadership))
      | (?:i|we)\s+need\s+(?:you|your|approval|a\s+decision|sign-?off|budget|support|help|the\s+(?:board|exec))
      | please\s+(?:approve|confirm|decide|sign\s+off|endorse|back|review\s+and\s+approve|prioriti[sz]e|make\s+time)
      | (?:seeking|requesting|request|need)\s+(?:your\s+|exec(?:utive)?\s+|board\s+)?(?:approval|sign-?off|decision|budget|endorsement)
      | approval\s+(?:for|of|to)
      | (?:i'd|i\s+would|we'd|we\s+would)\s+like\s+(?:your|the\s+\w+'s)\s+(?:ok|okay|approval|sign-?off|agreement|support|go-ahead|decision)
      | your\s+(?:ok|okay|go-ahead|sign-?off|agreement)\s+(?:to|on|for)
      | (?:decision|sign-?off|approval)\s+(?:needed|required|requested|by)
    )(?-u:\b)")
});

/// A heading that holds the asks: "What I need from you", "Asks", "Decisions needed".
pub static ASK_HEADING: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?ix)^(?:\d+[.)]?\s*)?(?:what\s+(?:i|we)\s+need\s+from\s+(?:you|the\s+\w+)|(?:my\s+|our\s+)?asks?|requests?|decisions?\s+(?:needed|required|requested)|how\s+you\s+can\s+help|what\s+(?:i|we)(?:'m|\s+am|'re|\s+are)\s+asking(?:\s+for)?|support\s+(?:needed|requested))\b",
    )
});

/// What the customer has to do, or is told they need not do.
pub static CUSTOMER_STEP: LazyLock<Regex> = LazyLock::new(|| {
    re(r"(?ix)(?-u:\b)(?:
        no\s+(?:further\s+)?(?:action|steps?)\s+(?:is\s+|are\s+)?(?:needed|required|necessary)
      | no\s+need\s+to\s+(?:do|request|contact|change|reset|update|take)
      | (?:you\s+)?(?:do\s+not|don't|won't|will\s+not)\s+need\s+to\s+(?:do|take|change|contact|request|reset|update|re-?\w+|apply|file|claim)
      | you\s+(?:need\s+to|should|must|will\s+need\s+to|may\s+need\s+to|may\s+want\s+to|might\s+want\s+to)\s+\w+
      | please\s+(?:reset|update|check|contact|retry|re-?run|review|rotate|change|re-?enter|sign\s+in|log\s+in|reach|verify|reconnect|resubmit|refresh|email|call|confirm|watch|monitor|re-?install|restart|upgrade|look|visit|reply)
      | we\s+recommend\s+(?:that\s+)?(?:you|customers)
      | (?:credited|applied|refunded|issued|reversed|restored|re-?sent)\s+automatically
      | automatically\s+(?:be\s+)?(?:credited|applied|refunded|issued|reversed|restored|re-?sent)
    )(?-u:\b)")
});

/// A heading over the customer's next steps.
pub static STEPS_HEADING: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?ix)^(?:\d+[.)]?\s*)?(?:what\s+(?:you|customers)\s+(?:need\s+to|should|can|may\s+want\s+to|must)\s+do|what\s+(?:this|it)\s+means\s+for\s+you|(?:action|steps?)\s+(?:required|needed)|do\s+i\s+need\s+to\s+do\s+anything|(?:your\s+)?next\s+steps(?:\s+for\s+you)?|what\s+to\s+do(?:\s+now)?|what\s+should\s+you\s+do)\b",
    )
});

/// A promise to publish or keep reporting: the transparency commitment.
pub static TRANSPARENCY: LazyLock<Regex> = LazyLock::new(|| {
    re(r"(?ix)(?-u:\b)(?:
        (?:publish|share|post|release|send|circulate|bring|present)(?:ing|ed)?\s+(?:a\s+|our\s+|the\s+)?(?:full\s+|detailed\s+|public\s+|complete\s+|written\s+|blameless\s+|final\s+|short\s+)*(?:post-?mortem|incident\s+(?:report|review)|root[- ]cause\s+(?:analysis|report)|report|review|write-?up|rca|findings|story|account)
      | (?:public|full|detailed|blameless|written)\s+(?:post-?mortem|incident\s+report|report|write-?up|rca|root[- ]cause\s+analysis)
      | status\s*page
      | (?:monthly|weekly|quarterly|regular|daily)\s+(?:reliability\s+|incident\s+|progress\s+|status\s+)?(?:reports?|updates?|reviews?)
      | (?:next|further|another|a\s+follow-?up|final)\s+update\s+(?:by|on|at|within|in|this|next|before)
    )(?-u:\b)")
});

/// A promise to keep the reader informed; a transparency commitment only with a date
/// ("I'll keep you posted" alone commits to nothing).
pub static FOLLOW_UP: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)(?-u:\b)(?:will|'ll|to)\s+(?:keep\s+you\s+(?:updated|informed|posted)|update\s+you|report\s+back|share\s+(?:more|updates|progress|the\s+findings|what\s+we\s+(?:learn|find)))(?-u:\b)",
    )
});

/// An invitation to ask: the open door.
pub static OPEN_DOOR: LazyLock<Regex> = LazyLock::new(|| {
    re(r"(?ix)(?:
        (?-u:\b)(?:ask|questions?)(?-u:\b).{0,40}(?-u:\b)(?:reach|contact|email|call|reply|office\s+hours|available|directly|me\s+at|us\s+at|anytime|any\s+time)(?-u:\b)
      | (?-u:\b)reach\s+(?:me|us|out)(?-u:\b) | (?-u:\b)contact\s+(?:me|us|our\s+support|your\s+account)(?-u:\b) | (?-u:\b)reply\s+to\s+this(?-u:\b)
      | (?-u:\b)office\s+hours(?-u:\b) | (?-u:\b)door\s+is\s+open(?-u:\b)
      | (?-u:\b)(?:i'm|i\s+am|we're|we\s+are)\s+(?:personally\s+)?(?:available|here\s+to\s+(?:answer|help|talk))(?-u:\b)
      | [\w.+-]+@[\w-]+\.[\w.]+
    )")
});

/// The cause is explained: "because", "root cause", "was caused by".
pub static CAUSE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)(?-u:\b)(?:because|root[- ]cause|caused\s+by|the\s+cause|due\s+to|triggered\s+by|led\s+to|resulted\s+(?:from|in)|stemmed\s+from|the\s+reason|why\s+(?:it|this)\s+happened)(?-u:\b)",
    )
});

/// Admitting the deeper causes, not only the trigger.
pub static UNDERLYING: LazyLock<Regex> = LazyLock::new(|| {
    re(r"(?ix)(?-u:\b)(?:
        underlying | contributing | deeper | systemic
      | (?:our|the)\s+(?:process|review|testing|design|safeguards?|checks?)\s+(?:was|were|is|are)\s+(?:inadequate|insufficient|missing|not\s+enough|too\s+\w+)
      | we\s+(?:didn't|did\s+not|failed\s+to|never|had\s+not|hadn't)\s+(?:test|check|catch|have|review|notice|consider|account|verify|validate|build|plan|practi[sc]e|require|monitor)
      | without\s+(?:\w+\s+){0,3}(?:testing|tests?|review|reviewing|checking|a\s+rollback\s+plan|load[- ]testing)
      | (?:did\s+not|didn't|failed\s+to|never)\s+(?:alert|notice|detect|warn|catch|page)
      | we\s+chose\s+to
      | (?:nobody|no\s+one)\s+(?:had\s+)?(?:\w+ed|checked|reviewed|tested)
      | (?:i|we)\s+(?:did\s+not|didn't|never|had\s+not|hadn't)\s+(?:require|ask|rehearse|practi[sc]e|plan|consider)
      | (?:larger|bigger|more|higher)\s+than\s+(?:anything\s+)?we(?:'d|\s+had)?\s+(?:ever\s+)?(?:tested|planned|expected|seen)
      | (?:insufficient|inadequate|missing|no|lack\s+of)\s+(?:load\s+)?(?:testing|review|safeguards?|checks?|monitoring|alerting|process|guardrails?|validation|redundancy|runbooks?)
    )(?-u:\b)")
});

/// A future commitment by the writer: "we will", "we're adding".
pub static COMMITMENT: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?ix)(?-u:\b)(?:we|i)(?:\s+will|'ll|\s+are\s+going\s+to|'re\s+going\s+to|\s+plan\s+to|\s+intend\s+to|\s+commit\s+to|\s+are\s+committed\s+to|'re|\s+are|'m|\s+am)\s+(?:also\s+|now\s+|be\s+)?(?:add|build|implement|introduce|improve|change|update|migrate|move|replace|review|audit|hire|require|enforce|automate|deploy|roll|install|upgrade|fix|create|expand|invest|strengthen|enhance|redesign|rework|rewrite|separate|split|limit|block|test|monitor|alert|train|document|retire|remove|put|make|ensure|evaluate|explore|have|launch|ship|publish|send|refund|credit|issue|contact|email|call|run|pause|freeze|stop|check|adding|building|implementing|introducing|improving|investing|reviewing|working\s+on|hiring|rolling|requiring|replacing|moving|migrating|automating|auditing|creating|expanding|rewriting|separating|splitting|limiting|training|documenting|retiring|removing|changing|updating|upgrading|fixing|redesigning|enforcing|installing|deploying|testing|refunding|crediting|issuing|contacting|calling|emailing|sending|publishing|pausing|freezing|launching|shipping|running)(?-u:\b)",
    )
});

/// When something will be done: a date, a deadline or a relative period.
pub static TIMEFRAME: LazyLock<Regex> = LazyLock::new(|| {
    re(r"(?ix)(?-u:\b)(?:
        today | tonight | tomorrow | immediately | effective\s+(?:immediately|now|today)
      | (?:in\s+force|in\s+effect|starting|effective)\s+(?:now|today|immediately) | from\s+now\s+on | as\s+of\s+(?:today|now)
      | (?:by|in|before|until|during|from|your|the|next|this|each|every|end\s+of)\s+(?:january|february|march|april|june|july|august|september|october|november|december)
      | (?:by|in|before|until|end\s+of)\s+may
      | this\s+(?:week|weekend|month|quarter|sprint|year|friday|monday|tuesday|wednesday|thursday)
      | next\s+(?:week|month|quarter|sprint|year|\d+\s+(?:days|weeks|months)|(?:two|three|four|six)\s+(?:days|weeks|months)|monday|tuesday|wednesday|thursday|friday)
      | within\s+(?:\d+|one|two|three|four|six|a|the\s+next)\s*(?:\d+\s+)?(?:hours?|days?|weeks?|months?|business\s+days)
      | in\s+(?:the\s+)?(?:next|coming)\s+(?:\d+\s+|few\s+|two\s+|three\s+)?(?:days|weeks|months)
      | (?:mon|tues|wednes|thurs|fri|satur|sun)day
      | (?:by|before)\s+(?:the\s+)?end\s+of\s+(?:day|the\s+day|week|the\s+week|month|the\s+month|quarter|the\s+quarter|year|the\s+year|[a-z]+)
      | eo[dwmq] | h[12]\s*\d{0,4} | q[1-4](?:\s*\d{2,4})?
      | \d+[- ]days? | (?:thirty|sixty|ninety)[- ]days?
      | (?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d{1,2}(?:st|nd|rd|th)?
      | \d{1,2}(?:st|nd|rd|th)?\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*
      | \d{4}-\d{2}-\d{2} | \d{1,2}/\d{1,2}(?:/\d{2,4})?
      | (?:done|complete|completed|shipped|live|in\s+place|finished)\s+(?:on|by)
    )(?-u:\b)")
});

/// A planning horizon, for tiers: which bucket a label falls in.
pub fn horizon(text: &str) -> Option<Horizon> {
    static NOW: LazyLock<Regex> = LazyLock::new(|| {
        re(
            r"(?i)(?-u:\b)(?:immediate(?:ly)?|right\s+now|today|tonight|this\s+week|within\s+(?:24|48|72)\s+hours|within\s+(?:a|one)\s+week|next\s+(?:few\s+)?days|(?:already\s+)?done|completed)(?-u:\b)",
        )
    });
    static SOON: LazyLock<Regex> = LazyLock::new(|| {
        re(
            r"(?i)(?-u:\b)(?:short[- ]term|near[- ]term|(?:next\s+|within\s+)?(?:30|thirty|14|fourteen|21)\s+days|this\s+month|next\s+month|next\s+(?:two|three|four|2|3|4|few)\s+weeks|within\s+(?:a|one)\s+month|this\s+sprint|next\s+sprint)(?-u:\b)",
        )
    });
    static LATER: LazyLock<Regex> = LazyLock::new(|| {
        re(
            r"(?i)(?-u:\b)(?:long[- ]term|medium[- ]term|(?:next|this)\s+quarter|quarter|q[1-4]|h[12]|(?:60|90|sixty|ninety)\s+days|next\s+(?:six|6|three|3)\s+months|this\s+year|next\s+year|by\s+year[- ]end)(?-u:\b)",
        )
    });
    if NOW.is_match(text) {
        Some(Horizon::Now)
    } else if SOON.is_match(text) {
        Some(Horizon::Soon)
    } else if LATER.is_match(text) {
        Some(Horizon::Later)
    } else {
        None
    }
}

/// The tiers of seed `000`: immediate (this week), short-term (30 days), long-term (quarter).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Horizon {
    Now,
    Soon,
    Later,
}

/// A heading over the actions: "What we're doing about it", "Next steps", "Prevention".
pub static ACTION_HEADING: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?ix)(?:what\s+(?:we|i)(?:'re|\s+are|'ve|\s+have|\s+will|'ll)?\s+(?:doing|done|changing|fixing|do|change|fix)|next\s+steps|prevent|remediation|action(?:s|\s+items|\s+plan)?\b|follow[- ]?ups?|what(?:'s|\s+is|\s+comes)\s+next|changes\s+we|(?:our|the)\s+plan|commitments?|how\s+we(?:'re|\s+are|\s+will)\s+(?:fix|prevent|mak)|fixes|going\s+forward|moving\s+forward|improvements|safeguards|what\s+changes|what(?:'s|\s+is)\s+changing|^next\.?$|(?:immediate|short[- ]term|long[- ]term)\b)",
    )
});

/// An action reported as done, which needs no date: "Added …", "We've disabled …".
pub static DONE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?ix)^(?:\*\*[^*]{1,60}\*\*:?\s*|[A-Za-z][\w /-]{0,40}:\s+)?(?:
        (?:we\s+(?:have|'ve)|i\s+(?:have|'ve))\s
      | we\s+(?:rolled|turned|switched|disabled|enabled|added|removed|restored|fixed|reverted|paused|deployed|patched|rotated|blocked|moved|issued|refunded|credited|contacted|emailed|notified|held|hired|froze|stopped)(?-u:\b)
      | (?:[a-z-]+\s+){0,5}(?:is|are|has\s+been|have\s+been|was|were)\s+(?:now\s+)?(?:in\s+place|live|complete|completed|done|deployed|rolled\s+out|fixed|restored|enabled|disabled|added|removed|reverted|patched|paused|frozen|blocked)(?-u:\b)
      | (?:added|rolled\s+back|disabled|enabled|removed|restored|fixed|reverted|paused|deployed|patched|rotated|blocked|issued|refunded|credited|froze|shipped|completed|contacted|emailed)(?-u:\b)
    )",
    )
});

#[cfg(test)]
mod tests {
    use super::*;

    fn all(re: &Regex, text: &str) -> Vec<String> {
        re.find_iter(text).map(|m| m.as_str().to_string()).collect()
    }

    #[test]
    fn quantities_need_a_unit() {
        assert_eq!(
            all(
                &QUANTITY,
                "847 customers, 80% of requests, $15K, 4.5 hours, 12,400 failed requests in 2025"
            ),
            vec![
                "847 customers",
                "80%",
                "$15K",
                "4.5 hours",
                "12,400 failed requests"
            ]
        );
    }

    #[test]
    fn horizons_sort_labels_into_tiers() {
        assert_eq!(horizon("Immediate (This Week):"), Some(Horizon::Now));
        assert_eq!(horizon("Short-term (Next 30 Days)"), Some(Horizon::Soon));
        assert_eq!(horizon("Long-term (Next Quarter)"), Some(Horizon::Later));
        assert_eq!(horizon("What we're doing"), None);
    }

    #[test]
    fn vague_and_generic_language() {
        assert_eq!(
            all(
                &VAGUE_PREVENTION,
                "We are implementing better testing procedures."
            ),
            vec!["better testing"]
        );
        assert!(VAGUE_PREVENTION
            .is_match("We will take the necessary steps to ensure this never happens again."));
        assert!(!VAGUE_PREVENTION.is_match("Load testing: adding batch job scenarios to staging."));
        assert_eq!(
            all(
                &MINIMISING,
                "Only a small number of users saw errors. We regret any inconvenience."
            ),
            vec!["Only a small number of", "We regret any inconvenience"]
        );
    }
}
