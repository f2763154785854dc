"""Structured appraisal of one trial result with the Cochrane risk-of-bias tool, RoB 2.

RoB 2 judges the risk of bias in **one result** of a randomized trial (an outcome, a time
point, a comparison), not in the trial as a whole. For an individually randomized,
parallel-group trial it asks about five domains:

D1
    bias arising from the randomization process;
D2
    bias due to deviations from the intended interventions (here: the effect of
    *assignment* to an intervention, the intention-to-treat question);
D3
    bias due to missing outcome data;
D4
    bias in measurement of the outcome;
D5
    bias in selection of the reported result.

Each domain has *signalling questions*, answered Y (yes), PY (probably yes), PN (probably
no), N (no) or NI (no information). Some questions are only asked when an earlier answer
calls for them. A published algorithm maps the answers of a domain to a judgement: low
risk of bias, some concerns, or high risk of bias. :func:`judge_domain` implements these
algorithms as the tool's guidance draws them; :func:`overall_judgement` implements the rule
that combines the domains; :func:`assess` does both for a full set of answers.

The package holds the tool's questions and domains as data (:mod:`.questions`) and the
algorithms that judge them (:mod:`.algorithms`). The question wordings are short paraphrases written for the course; the tool's full
wording and its elaborations are in the guidance document (Higgins et al. 2019) and in
Sterne et al. (2019).

The overall rule and the simplification this module makes
---------------------------------------------------------
The tool's overall judgement is *low* only when every domain is low; *high* when at least
one domain is high, **or** when some concerns in multiple domains together lower
confidence in the result substantially; *some concerns* otherwise. The second half of the
"high" rule is left to the assessor's judgement. This module turns it into an explicit,
optional count: ``escalate_from=k`` makes the overall judgement high when ``k`` or more
domains raise some concerns (``k`` from 2 to 5). With the default ``escalate_from=None``
the module never escalates, which is the tool's mechanical minimum: the overall judgement
is then the worst domain judgement. An assessor who escalates should say why; a count
cannot weigh how serious each concern is.

References
----------
.. [1] Sterne JAC, Savović J, Page MJ, et al. RoB 2: a revised tool for assessing risk of
   bias in randomised trials. BMJ. 2019;366:l4898. doi:10.1136/bmj.l4898
.. [2] Higgins JPT, Savović J, Page MJ, Sterne JAC, eds. Revised Cochrane risk-of-bias tool
   for randomized trials (RoB 2): full guidance document, version of 22 August 2019.
   https://www.riskofbias.info
"""

from prtlib.trial.appraisal.algorithms import (
    Assessment,
    DomainJudgement,
    OverallJudgement,
    assess,
    judge_domain,
    overall_judgement,
)
from prtlib.trial.appraisal.questions import (
    ANSWER_LABELS,
    ANSWERS,
    DOMAINS,
    JUDGEMENT_LABELS,
    JUDGEMENTS,
    Domain,
    SignallingQuestion,
    domain,
    format_questions,
    question_ids,
    questions_table,
)

__all__ = [
    "ANSWERS",
    "ANSWER_LABELS",
    "DOMAINS",
    "JUDGEMENTS",
    "JUDGEMENT_LABELS",
    "Assessment",
    "Domain",
    "DomainJudgement",
    "OverallJudgement",
    "SignallingQuestion",
    "assess",
    "domain",
    "format_questions",
    "judge_domain",
    "overall_judgement",
    "question_ids",
    "questions_table",
]
