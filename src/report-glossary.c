/*
 * report-glossary.c - the client report's glossary: one table of the terms
 * the report uses (doc_terms), each with what it means in plain words, as
 * docs/scoring.md computes it. The report links the first use of each term
 * to its entry (doc_term) and writes the glossary from the table
 * (doc_glossary), so that a term and its definition are written once.
 */
#include <config.h>

#include <stdio.h>

#include "report-doc.h"

const struct doc_term_def doc_terms[DOC_NTERMS] = {
	[TERM_ADJUSTED_P] = { "g-adjusted-p", "adjusted p (q)",
	    "How likely a difference this large would be by chance alone, "
	    "corrected for looking at many moments at once "
	    "(Benjamini-Hochberg). Below 0.05, read it as a real difference." },
	[TERM_BREACH_RATE] = { "g-breach-rate", "breach rate",
	    "The share of a moment's scored occurrences that were breached: "
	    "they took longer than adequate." },
	[TERM_WORKING_TIME] = { "g-working-time", "calendar time, working time",
	    "Calendar time counts every second. Working time counts only the "
	    "working hours of the moment's calendar, less the pauses while the "
	    "customer keeps things waiting; a moment with a calendar or pauses "
	    "is judged on working time (its own clock)." },
	[TERM_CI] = { "g-ci", "confidence interval (95% CI)",
	    "The range the true rate lies in, with 95% confidence, given how "
	    "many occurrences there were (Wilson's interval, over the effective "
	    "sample n_eff). A wide range means the sample says little." },
	[TERM_CONSISTENCY] = { "g-consistency", "consistency",
	    "The mean score less half its standard deviation: a moment that is "
	    "usually fine but sometimes terrible scores lower than its mean, "
	    "since customers remember the terrible times." },
	[TERM_COST] = { "g-cost", "cost of a breach (NPS difference)",
	    "The NPS of the journeys where the moment was breached minus the "
	    "NPS of those where it was not, given only from min-answers survey "
	    "answers on each side. It is an association in the data, not proof "
	    "that the breach caused it." },
	[TERM_ZONE] = { "g-zone", "desired, adequate (zone of tolerance)",
	    "The two times the expectations set for a moment: desired is what "
	    "the business aims for, adequate the longest wait customers accept "
	    "without harm. Between them lies the zone of tolerance (Zeithaml, "
	    "Berry and Parasuraman 1993)." },
	[TERM_INCOMPLETE] = { "g-incomplete", "incomplete (period)",
	    "A week or month of start that still holds clocks not stopped: its "
	    "breach rate can only rise as they finish." },
	[TERM_MEMORY_SHARE] = { "g-memory-share", "memory share",
	    "The share of the journeys with a finished occurrence of the "
	    "moment in which it was the journey's worst or its last moment, "
	    "with a score below 0: the moments customers remember (the "
	    "peak-end rule)." },
	[TERM_STATUS] = { "g-status", "met, tolerated, breached",
	    "An occurrence is met when it took at most the desired time, "
	    "tolerated when it took longer but at most adequate, and breached "
	    "when it took longer than adequate." },
	[TERM_N] = { "g-n", "n, n_eff (effective sample)",
	    "n is the number of scored occurrences. Several occurrences in one "
	    "journey are not independent, so the intervals use n_eff, the "
	    "effective sample size of the journeys (Cochran 1977), at most n." },
	[TERM_NPS] = { "g-nps", "NPS, CSAT top-2-box",
	    "The Net Promoter Score is the share of survey answers of 9 or 10 "
	    "less the share of 0 to 6, in points from -100 to 100. CSAT "
	    "top-2-box is the share of satisfaction answers of 4 or 5 out of "
	    "5." },
	[TERM_OBJECTIVE] = { "g-objective", "objective",
	    "The share of a moment's scored occurrences that should be within "
	    "adequate (met or tolerated). A moment misses its objective when "
	    "fewer are." },
	[TERM_PERCENTILES] = { "g-percentiles", "p50, p90, p95 (percentiles)",
	    "p90 is the time within which 90% of the occurrences finished; p50 "
	    "(the median), half. Clocks still running count as running "
	    "(Kaplan-Meier), so when too many are, the report says \"more than "
	    "10% still running\"." },
	[TERM_PRIORITY] = { "g-priority", "priority",
	    "What ranks the moments, weakest first: reach x breach rate x what "
	    "a breach costs (NPS points over 100, else its severity) x (1 + "
	    "memory share). The higher it is, the more journeys are hurt, the "
	    "more often and the more memorably." },
	[TERM_PROMISES] = { "g-promises", "promises",
	    "A deadline given to the customer, on a touchpoint or the journey. "
	    "It is broken when the clock stops after it." },
	[TERM_REACH] = { "g-reach", "reach",
	    "The share of the accepted journeys in which the moment "
	    "occurred." },
	[TERM_RECOVERY] = { "g-recovery", "recovery",
	    "A recovery touchpoint (an apology, a callback, a refund) soon "
	    "after a failure (a breach or a failed step): the sooner it comes, "
	    "the more of the score it wins back." },
	[TERM_SCORE] = { "g-score", "score",
	    "Each finished occurrence scores from 1 (done at once) through 0 "
	    "(exactly adequate) to -1 (very late); keeping the customer "
	    "informed and recovering soften a loss." },
	[TERM_OCCURRENCES] = { "g-occurrences",
	    "scored, open and ended occurrences",
	    "An occurrence is one run of a moment's clock in one journey. It "
	    "is open when it had not stopped by the time the data describes, "
	    "ended when the journey ended it another way (declined, "
	    "cancelled). Scored ones are those that stopped, and open or ended "
	    "ones already past adequate, counted as breached." },
	[TERM_SEVERITY] = { "g-severity", "severity",
	    "The mean loss of a moment's occurrences that scored below 0: how "
	    "bad a breach is, when no survey answers say what it costs." },
	[TERM_SMALL] = { "g-small", "small, too few to rank (min-n)",
	    "Fewer scored occurrences than min-n (see the parameters below): "
	    "the rates are shown but too uncertain to compare, and such a "
	    "moment is ranked after the others." },
};

void
doc_term(struct doc *d, enum doc_term k, const char *text)
{
	if (d->term_linked[k]) {
		d->ops->text(d, text);
		return;
	}
	d->term_linked[k] = 1;
	d->ops->link(d, doc_terms[k].id, 1);
	d->ops->text(d, text);
	d->ops->link(d, doc_terms[k].id, 0);
}

void
doc_glossary(struct doc *d)
{
	size_t	k;

	d->ops->heading(d, 2, "glossary");
	d->ops->text(d, "Glossary");
	d->ops->heading_end(d, 2);
	d->ops->para(d, DOC_PLAIN);
	d->ops->text(d, "The terms of this report in plain words (the full "
	    "rules are in mot's docs/scoring.md).");
	d->ops->para_end(d);
	d->ops->list(d, 0);
	for (k = 0; k < DOC_NTERMS; k++) {
		d->ops->item(d);
		d->ops->define(d, doc_terms[k].id, doc_terms[k].term);
		d->ops->text(d, ": ");
		d->ops->text(d, doc_terms[k].text);
		d->ops->item_end(d);
	}
	d->ops->list_end(d, 0);
}
