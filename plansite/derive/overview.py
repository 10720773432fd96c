"""What a reader meets first, worked out once from the derived statuses: which plans are in force,
the order plans are shown in, and for any list of promises a summary in words with its counts by
status, plan by plan (the plan in force first, ended plans marked as ended).

Templates print these; they decide nothing. Everything is as of the site's date (site.as_of).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from plansite.content.read import PlanBundle
from plansite.content.schema.priority import Commitment
from plansite.core.problems import Problem, one_of
from plansite.core.text import count, date_key
from plansite.derive import sentences
from plansite.derive.progress import COMMITMENT_STATUSES, PlanState, Progress
from plansite.model import titles
from plansite.model.index import Index, plan_of

IN_FORCE = "current"
"""The derived plan state of a plan in force: its period is running and no later plan replaces it."""


@dataclass(frozen=True)
class Part:
    """One status in a tally: its key, label and shape, how many, and its share of the whole."""

    key: str
    label: str
    shape: str
    n: int
    share: float
    """Of the whole list, from 0 to 100."""


@dataclass(frozen=True)
class Tally:
    """Commitments counted by status, and how many are past their due date with no update saying done."""

    counts: tuple[tuple[str, int], ...]
    past_due: int

    @property
    def total(self) -> int:
        return sum(n for _, n in self.counts)

    @property
    def parts(self) -> list[Part]:
        """Each status present, in the order the statuses are explained."""
        return [Part(key, *COMMITMENT_STATUSES[key][:2], n, round(100 * n / self.total, 1))
                for key, n in self.counts]

    def words(self) -> str:
        """The counts in words: 'none has a published update', '3 done, 2 in progress and 1 with no update'."""
        counts = dict(self.counts)
        if set(counts) == {"no-update"}:
            said = "none has a published update" if self.total > 1 else "it has no published update"
        else:
            said = _and([f"{n} {_state_words(key)}" for key, n in self.counts])
        if self.past_due:
            past = "is past its" if self.past_due == 1 else "are past their"
            said += f", and {self.past_due} {past} due date with no update saying done"
        return said


def _state_words(key: str) -> str:
    return "with no published update" if key == "no-update" else COMMITMENT_STATUSES[key][0].lower()


def _and(parts: list[str]) -> str:
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]


@dataclass(frozen=True)
class PlanRow:
    """One plan's share of a list: the plan, its state, and its commitments' tally."""

    bundle: PlanBundle
    state: PlanState
    commitments: tuple[Commitment, ...]
    tally: Tally

    @property
    def in_force(self) -> bool:
        return self.state.key == IN_FORCE

    @property
    def noun(self) -> str:
        """What this plan calls a commitment, lowercase ('action')."""
        return self.bundle.plan.labels.commitment.lower()


@dataclass(frozen=True)
class Summary:
    """A list of promises, summed up: a sentence, and a row per plan (in force first, then newest)."""

    sentence: str
    rows: tuple[PlanRow, ...]

    @property
    def total(self) -> int:
        return sum(r.tally.total for r in self.rows)


@dataclass
class Overview:
    """The plans in force, the order plans are shown in, and the plain sentences of every item."""

    index: Index
    progress: Progress
    in_force: list[PlanBundle] = field(default_factory=list)
    """Plans in force, the featured one first."""
    ordered: list[PlanBundle] = field(default_factory=list)
    """Every plan as readers should meet them: in force, then drafts, then the rest, newest first."""
    said: dict[int, Any] = field(default_factory=dict)
    """id(measure) → what is known about it; id(commitment) → when it is due and what was published since."""

    @property
    def featured(self) -> PlanBundle | None:
        """The plan to show first: content/site.yml's current_plan, or the newest plan in force."""
        return self.in_force[0] if self.in_force else None

    @property
    def earlier(self) -> list[PlanBundle]:
        """Plans not in force (ended, replaced, archived or draft), newest first."""
        return [b for b in self.ordered if b not in self.in_force]

    def words(self, item: Any) -> Any:
        """The plain sentence of a measure (str), or the due words of a commitment (sentences.Due or None)."""
        return self.said[id(item)]

    def tally(self, commitments: list[Commitment]) -> Tally:
        """The commitments counted by status."""
        keys = Counter(self.progress.of(c).key for c in commitments)
        past = sum(1 for c in commitments if self.progress.of(c).overdue)
        return Tally(tuple((k, keys[k]) for k in COMMITMENT_STATUSES if keys[k]), past)

    def summary(self, commitments: list[Commitment]) -> Summary:
        """A list of commitments summed up, plan by plan, with a sentence saying what it shows."""
        by_plan: dict[str, list[Commitment]] = {}
        for c in _unique(commitments):
            by_plan.setdefault(plan_of(c).id, []).append(c)
        order = [b for b in self.ordered if b.id in by_plan]
        rows = tuple(PlanRow(b, self.progress.of(b), tuple(by_plan[b.id]), self.tally(by_plan[b.id])) for b in order)
        return Summary(self._sentence(rows), rows)

    def _sentence(self, rows: tuple[PlanRow, ...]) -> str:
        if not rows:
            return "No promise is listed here."
        total = sum(r.tally.total for r in rows)
        if len(rows) == 1:
            row = rows[0]
            return f"{count(total, row.noun).capitalize()}: {row.tally.words()}."
        said = [f"{count(total, 'promise').capitalize()} in {len(rows)} plans."]
        now = [r for r in rows if r.in_force]
        for row in now:
            said.append(f"{_is(row.tally.total)} in {titles.short(row.bundle)}, a plan in force now:"
                        f" {row.tally.words()}.")
        others = [r for r in rows if not r.in_force]
        if others:
            rest = self.tally([c for r in others for c in r.commitments])
            lead = (f"The other {_is(rest.total)}" if now else
                    "The one is" if rest.total == 1 else f"All {rest.total} are")
            said.append(f"{lead} in {'a plan that has' if len(others) == 1 else 'plans that have'} ended or been"
                        f" replaced: {rest.words()}.")
        return " ".join(said)


def _is(n: int) -> str:
    return f"{n} is" if n == 1 else f"{n} are"


def _unique(items: list[Any]) -> list[Any]:
    seen: set[int] = set()
    return [i for i in items if not (id(i) in seen or seen.add(id(i)))]


def problems(index: Index, progress: Progress) -> list[Problem]:
    """A problem when content/site.yml's current_plan names a plan that is not in force on as_of.

    Checked on the derived states (after resolve), so that older versions of the content read from
    git, which were valid when they were written, still read."""
    site = index.content.site
    bundle = index.plans.get(site.current_plan) if site and site.current_plan else None
    if bundle is None or progress.of(bundle).key == IN_FORCE:
        return []
    state = progress.of(bundle)
    why = {"superseded": f"plan '{(state.replaced_by or ('?',))[0]}' replaces it",
           "ended": f"its period ended in {bundle.plan.period.end}"}.get(state.key, f"its status is '{state.key}'")
    in_force = [b.id for b in index.plans.values() if progress.of(b).key == IN_FORCE]
    instead = f"name a plan in force ({one_of(in_force)}) or leave current_plan out" if in_force else \
        "leave current_plan out"
    return [index.content.locator.problem(site, ("current_plan",), (
        f"current_plan is '{bundle.id}', but that plan is not in force on the site's as_of date ({site.as_of}):"
        f" {why}; {instead} (the newest plan in force is then shown first)"))]


def derive(index: Index, progress: Progress) -> Overview:
    """Work out the plans in force, the order of plans and every plain sentence."""
    overview = Overview(index, progress)
    newest = sorted(index.plans.values(), key=lambda b: (date_key(b.plan.period.start), b.id), reverse=True)
    site = index.content.site
    in_force = [b for b in newest if progress.of(b).key == IN_FORCE]
    chosen = site.current_plan if site else None
    overview.in_force = sorted(in_force, key=lambda b: b.id != chosen)  # stable: newest first otherwise
    drafts = [b for b in newest if progress.of(b).key == "draft"]
    overview.ordered = overview.in_force + drafts + [b for b in newest if b not in in_force and b not in drafts]
    for bundle in index.plans.values():
        for priority in bundle.priorities:
            for measure in priority.measures:
                overview.said[id(measure)] = sentences.measure_sentence(measure, progress.of(measure))
            for c in priority.commitments:
                overview.said[id(c)] = sentences.due(c, progress.of(c), progress.as_of)
    return overview
