#!/usr/bin/env python3
"""The fix suggestions' plans against the exact optimum (BENCHMARKS.md).

Reads the problems `rota-bench suggest-problems` prints (one JSON object a line:
a small random rota file, its week, the first editable date, the bank holidays,
and the cost of the plan rota found), and for each one:

  1. builds, from the rota file alone, the model of docs/suggest.md: the changes
     a plan may make and the cost of a week (rules.md's fourteen rules, counted);
  2. checks that model against rota itself: its cost of the rota as it is must be
     rota's baseline, and its cost of rota's plan must be the plan's cost;
  3. solves it exactly with OR-Tools' CP-SAT, and, when the week is small enough,
     also by trying every plan, which must agree with CP-SAT;
  4. reports how often rota's plan is optimal, and the mean and worst gap.

A benchmark tool only: OR-Tools is not a dependency of rota.

    swift build -c release --product rota-bench
    .build/release/rota-bench suggest-problems --count 200 > /tmp/problems.jsonl
    python3 -m pip install ortools pyyaml
    python3 Scripts/suggest_optimum.py /tmp/problems.jsonl

With SUGGEST_DUMP=FILE it also writes, a JSON line per problem, the optimum's
changes beside rota's, to see what the search missed. `rota-bench
suggest-problems --demo` writes the demo week as one problem.
"""

import itertools
import os
import json
import sys
from datetime import date, timedelta

import yaml
from ortools.sat.python import cp_model

WEEKDAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
LEAVE, HOLIDAY, NOT_IN_POST, OFF, HOME = "<leave>", "<holiday>", "<not-in-post>", "off", "home"
ABSENT = {LEAVE, HOLIDAY, NOT_IN_POST}


def is_site(p):
    return p not in (OFF, HOME, LEAVE, HOLIDAY, NOT_IN_POST)


def worked(p):
    return p == HOME or is_site(p)


def weekly(tokens, default_all_weekdays=False):
    """Weekly session tokens (`mon`, `wed-pm`) as a set of (weekday, half)."""
    if tokens is None:
        return {(d, h) for d in range(5) for h in range(2)} if default_all_weekdays else set()
    out = set()
    for t in tokens:
        parts = t.split("-")
        d = WEEKDAYS.index(parts[0])
        halves = [0, 1] if len(parts) == 1 else [0 if parts[1] == "am" else 1]
        for h in halves:
            out.add((d, h))
    return out


def dated(token):
    """A dated session token as (date, half or None)."""
    if len(token) == 10:
        return date.fromisoformat(token), None
    return date.fromisoformat(token[:10]), 0 if token[11:] == "am" else 1


def pattern_places(spec):
    """A usual week (rota file form) as 14 places, Monday AM first."""
    places = [OFF] * 14
    for day, value in (spec or {}).items():
        d = WEEKDAYS.index(day)
        if isinstance(value, dict):
            places[d * 2] = value.get("am", OFF)
            places[d * 2 + 1] = value.get("pm", OFF)
        else:
            places[d * 2] = places[d * 2 + 1] = value
    return places


class Rota:
    """A rota file read with every scalar as text, and the rules of rules.md over it."""

    def __init__(self, text, holidays):
        doc = yaml.load(text, Loader=yaml.BaseLoader)
        p = doc.get("policy", {})
        self.max_days = int(p.get("max_solitary_days", 2))
        self.max_streak = int(p.get("max_solitary_streak", 3))
        self.lookback = int(p.get("lookback_weeks", 4))
        self.supervision_weeks = int(p.get("supervision_weeks", 4))
        self.max_sole = int(p.get("max_sole_sites", 3))
        self.holidays = {date.fromisoformat(d) for d in holidays}
        self.sites = {}
        for s in doc.get("sites", []):
            closed = set()
            for t in s.get("closed", []):
                d, h = dated(t)
                for hh in [0, 1] if h is None else [h]:
                    closed.add((d, hh))
            self.sites[s["code"]] = {
                "rooms": int(s.get("rooms", 1)),
                "open": weekly(s.get("open"), default_all_weekdays=True),
                "open_bank_holidays": s.get("open_bank_holidays", "false") == "true",
                "closed": closed,
                "cover": weekly(s.get("cover")),
                "start": date.fromisoformat(s["start"]) if "start" in s else None,
                "end": date.fromisoformat(s["end"]) if "end" in s else None,
            }
        self.workers = []
        for w in doc.get("workers", []):
            changes = sorted(
                (date.fromisoformat(c["from"]), pattern_places(c["pattern"])) for c in w.get("pattern_changes", [])
            )
            self.workers.append({
                "id": w["id"],
                "sessions": int(w["sessions"]),
                "start": date.fromisoformat(w["start"]) if "start" in w else None,
                "end": date.fromisoformat(w["end"]) if "end" in w else None,
                "pattern": pattern_places(w.get("pattern")),
                "changes": changes,
            })
        self.ids = [w["id"] for w in self.workers]
        self.leave = []
        for l in doc.get("leave", []):
            d1, h1 = dated(l["from"])
            d2, h2 = dated(l.get("to", l["from"]))
            self.leave.append((l["worker"], self.ordinal(d1, 0 if h1 is None else h1), self.ordinal(d2, 1 if h2 is None else h2)))
        self.overrides = {}
        for o in doc.get("overrides", []):
            d = date.fromisoformat(o["date"])
            for h in [0, 1] if "session" not in o else [0 if o["session"] == "am" else 1]:
                self.overrides[(o["worker"], d, h)] = o["place"]
        self.events = []
        for e in doc.get("events", []):
            self.events.append({
                "kind": e["kind"],
                "date": date.fromisoformat(e["date"]),
                "halves": [0, 1] if "session" not in e else [0 if e["session"] == "am" else 1],
                "venue": e["where"],
                "attendees": list(e["attendees"]),
            })

    @staticmethod
    def ordinal(d, h):
        return d.toordinal() * 2 + h

    def worker(self, wid):
        return self.workers[self.ids.index(wid)]

    def in_post(self, w, d):
        return (w["start"] is None or d >= w["start"]) and (w["end"] is None or d <= w["end"])

    def usual(self, w, d):
        places = w["pattern"]
        for start, p in w["changes"]:
            if start <= d:
                places = p
        return places

    def on_leave(self, wid, d, h):
        o = self.ordinal(d, h)
        return any(x == wid and a <= o <= b for x, a, b in self.leave)

    def planned(self, w, d, h, plan):
        """The planned place and whether an override gives it (a plan's changes are overrides)."""
        key = (w["id"], d, h)
        if key in plan:
            return plan[key], True
        if key in self.overrides:
            return self.overrides[key], True
        return self.usual(w, d)[d.weekday() * 2 + h], False

    def effective(self, w, d, h, plan):
        """rules.md, steps 0 to 4: the place, and whether it is a leave clash."""
        if not self.in_post(w, d):
            return NOT_IN_POST, False
        place, overridden = self.planned(w, d, h, plan)
        if self.on_leave(w["id"], d, h):
            if overridden and place != OFF:
                return place, True
            return LEAVE, False
        if d in self.holidays and not overridden:
            return HOLIDAY, False
        return place, False

    def site_open(self, code, d, h):
        s = self.sites[code]
        if s["start"] is not None and d < s["start"]:
            return False
        if s["end"] is not None and d > s["end"]:
            return False
        if (d.weekday(), h) not in s["open"] or (d, h) in s["closed"]:
            return False
        return s["open_bank_holidays"] or d not in self.holidays

    def events_in(self, d, h):
        return [e for e in self.events if e["date"] == d and h in e["halves"]]

    # The week's days and their state, as WeekFacts has them.

    def week_state(self, monday, plan):
        """Effective places, company and day status of every worker in one week."""
        days = [monday + timedelta(days=i) for i in range(7)]
        eff = {}
        clash = {}
        for w in self.workers:
            for i, d in enumerate(days):
                for h in range(2):
                    eff[(w["id"], i * 2 + h)], clash[(w["id"], i * 2 + h)] = self.effective(w, d, h, plan)
        occupancy = {}
        for (wid, slot), p in eff.items():
            if is_site(p):
                occupancy[(p, slot)] = occupancy.get((p, slot), 0) + 1
        company = {}
        for (wid, slot), p in eff.items():
            if not worked(p):
                company[(wid, slot)] = False
                continue
            together = is_site(p) and occupancy[(p, slot)] >= 2
            if not together:
                d = days[slot // 2]
                for e in self.events_in(d, slot % 2):
                    if wid in e["attendees"]:
                        present = [a for a in e["attendees"] if a in self.ids and eff[(a, slot)] not in ABSENT]
                        if len(present) >= 2:
                            together = True
            company[(wid, slot)] = together
        status = {}
        for w in self.workers:
            for i in range(7):
                slots = [i * 2, i * 2 + 1]
                if not any(worked(eff[(w["id"], s)]) for s in slots):
                    status[(w["id"], i)] = 0
                elif any(company[(w["id"], s)] for s in slots):
                    status[(w["id"], i)] = 1
                else:
                    status[(w["id"], i)] = 2
        return days, eff, clash, occupancy, company, status

    def present_at(self, wid, e, plan):
        w = self.worker(wid)
        return any(self.effective(w, e["date"], h, plan)[0] not in ABSENT for h in e["halves"])


class Problem:
    """One week's plan problem: the cells that may change, their places, and the cost."""

    def __init__(self, line):
        self.data = json.loads(line)
        self.rota = Rota(self.data["rota"], self.data["holidays"])
        self.monday = date.fromisocalendar(int(self.data["week"][:4]), int(self.data["week"][6:]), 1)
        self.since = date.fromisoformat(self.data["since"])
        self.days = [self.monday + timedelta(days=i) for i in range(7)]
        self.cells = self.allowed_cells()
        self.earlier()

    def known_sites(self, w):
        first = self.monday - timedelta(weeks=self.rota.lookback - 1)
        last = self.monday + timedelta(days=6)
        sites = {p for p in w["pattern"] if is_site(p)}
        for _, places in w["changes"]:
            sites |= {p for p in places if is_site(p)}
        for (wid, d, h), p in self.rota.overrides.items():
            if wid == w["id"] and first <= d <= last and is_site(p):
                sites.add(p)
        for e in self.rota.events:
            if w["id"] in e["attendees"] and first <= e["date"] <= last and e["venue"] != "online":
                sites.add(e["venue"])
        return sites

    def allowed_cells(self):
        """docs/suggest.md, what a plan may change: each cell with its current place first."""
        cells = []
        for w in self.rota.workers:
            known = sorted(self.known_sites(w))
            for i, d in enumerate(self.days):
                if d < self.since or not self.rota.in_post(w, d) or d in self.rota.holidays:
                    continue
                usual = self.rota.usual(w, d)
                works = worked(usual[i * 2]) or worked(usual[i * 2 + 1])
                for h in range(2):
                    current, _ = self.rota.planned(w, d, h, {})
                    if self.rota.on_leave(w["id"], d, h) or not works:
                        options = [OFF]
                    else:
                        options = [OFF, HOME] + known
                    options = [p for p in options if p != current]
                    if options:
                        cells.append(((w["id"], d, h), [current] + options))
        return cells

    def earlier(self):
        """What the weeks before the week contribute: streaks running into it and supervision."""
        rota = self.rota
        self.carry = {}
        states = []
        for k in range(rota.lookback - 1, 0, -1):
            states.append(rota.week_state(self.monday - timedelta(weeks=k), {}))
        for w in rota.workers:
            length = 0
            for _, _, _, _, _, status in states:
                for i in range(7):
                    s = status[(w["id"], i)]
                    if s == 2:
                        length += 1
                    elif s == 1:
                        length = 0
            self.carry[w["id"]] = length
        window_start = self.monday - timedelta(weeks=rota.supervision_weeks - 1)
        self.supervised_before = {}
        for w in rota.workers:
            self.supervised_before[w["id"]] = any(
                e["kind"] == "supervision" and w["id"] in e["attendees"] and window_start <= e["date"] < self.monday
                and rota.present_at(w["id"], e, {})
                for e in rota.events
            )

    # The cost, plan by plan: the reference the CP-SAT model is checked against.

    def cost(self, plan):
        rota = self.rota
        days, eff, clash, occupancy, company, status = rota.week_state(self.monday, plan)
        errors = warnings = info = solitary = 0
        for code, site in rota.sites.items():
            for slot in range(14):
                n = occupancy.get((code, slot), 0)
                d, h = days[slot // 2], slot % 2
                if n > site["rooms"]:
                    errors += 1
                if n == 0 and (d.weekday(), h) in site["cover"] and rota.site_open(code, d, h):
                    warnings += 1
        for w in rota.workers:
            wid = w["id"]
            for slot in range(14):
                d, h = days[slot // 2], slot % 2
                p = eff[(wid, slot)]
                events = [e for e in rota.events_in(d, h) if wid in e["attendees"]]
                if clash[(wid, slot)]:
                    errors += 1
                if p == NOT_IN_POST:
                    placed, overridden = rota.planned(w, d, h, plan)
                    if (overridden and placed != OFF) or events:
                        errors += 1
                if p in (LEAVE, HOLIDAY) and events:
                    errors += 1
                if is_site(p) and not rota.site_open(p, d, h):
                    errors += 1
                if worked(p) and events and (
                    len(events) >= 2 or any(e["venue"] != "online" and e["venue"] != p for e in events)
                ):
                    errors += 1
            for i in range(7):
                am, pm = eff[(wid, i * 2)], eff[(wid, i * 2 + 1)]
                if is_site(am) and is_site(pm) and am != pm:
                    info += 1
            if not any(rota.in_post(w, d) for d in days):
                continue
            worked_sessions = sum(1 for s in range(14) if worked(eff[(wid, s)]))
            if worked_sessions > w["sessions"]:
                errors += 1
            planned = sum(1 for s in range(14) if worked(rota.planned(w, days[s // 2], s % 2, plan)[0]))
            if planned < w["sessions"] and all(rota.in_post(w, d) for d in days):
                warnings += 1
            days_alone = sum(1 for i in range(7) if status[(wid, i)] == 2)
            solitary += days_alone
            if days_alone > rota.max_days:
                warnings += 1
            length, in_week = self.carry[wid], False
            for i in range(7):
                s = status[(wid, i)]
                if s == 2:
                    length += 1
                    in_week = True
                elif s == 1:
                    if in_week and length > rota.max_streak:
                        warnings += 1
                    length, in_week = 0, False
            if in_week and length > rota.max_streak:
                warnings += 1
            if worked_sessions > 0 and not self.supervised_before[wid]:
                if not any(
                    e["kind"] == "supervision" and wid in e["attendees"] and self.monday <= e["date"] <= days[6]
                    and rota.present_at(wid, e, plan)
                    for e in rota.events
                ):
                    warnings += 1
            mine = {eff[(wid, s)] for s in range(14) if is_site(eff[(wid, s)])}
            sole = 0
            for site in mine:
                others = any(
                    eff[(x, s)] == site for x in rota.ids if x != wid for s in range(14)
                )
                if not others:
                    sole += 1
            if len(mine) >= rota.max_sole and sole >= rota.max_sole:
                warnings += 1
        changes = sum(1 for key, p in plan.items() if p != rota.planned(rota.worker(key[0]), key[1], key[2], {})[0])
        return 1000 * errors + 100 * warnings + 10 * solitary + 5 * info + 3 * changes

    def plan_of(self, changes):
        return {(c["worker"], date.fromisoformat(c["date"]), 0 if c["session"] == "am" else 1): c["to"] for c in changes}

    def enumerate_best(self, limit):
        """The optimum by trying every plan, when there are at most `limit` of them."""
        size = 1
        for _, domain in self.cells:
            size *= len(domain)
            if size > limit:
                return None
        best = None
        for values in itertools.product(*[domain for _, domain in self.cells]):
            plan = {key: v for (key, domain), v in zip(self.cells, values) if v != domain[0]}
            c = self.cost(plan)
            best = c if best is None else min(best, c)
        return best

    # The same cost as a CP-SAT model.

    def solve(self, seconds=60.0):
        rota = self.rota
        m = cp_model.CpModel()
        objective = []  # (weight, linear expression)
        # The place of every worker in every half-day: a choice for the cells that
        # may change, fixed otherwise. choices[(wid, slot)] = [(bool or 1, place, effective, clash)]
        choices = {}
        changes = []
        cell_of = {key: domain for key, domain in self.cells}
        for w in rota.workers:
            for slot in range(14):
                d, h = self.days[slot // 2], slot % 2
                key = (w["id"], d, h)
                if key in cell_of:
                    domain = cell_of[key]
                    xs = [m.NewBoolVar(f"x_{w['id']}_{slot}_{v}") for v in domain]
                    m.AddExactlyOne(xs)
                    options = []
                    for x, v in zip(xs, domain):
                        plan = {} if v == domain[0] else {key: v}
                        e, c = rota.effective(w, d, h, plan)
                        planned = rota.planned(w, d, h, plan)[0]
                        options.append((x, v, e, c, planned))
                    changes.append(1 - xs[0])
                    choices[(w["id"], slot)] = options
                else:
                    e, c = rota.effective(w, d, h, {})
                    choices[(w["id"], slot)] = [(1, None, e, c, rota.planned(w, d, h, {})[0])]

        def expr(wid, slot, test):
            """The 0/1 expression: the worker's choice in the slot passes `test(effective, clash, planned)`."""
            return sum(x for x, _, e, c, p in choices[(wid, slot)] if test(e, c, p))

        def reify_at_least(e, k, name):
            b = m.NewBoolVar(name)
            m.Add(e >= k).OnlyEnforceIf(b)
            m.Add(e <= k - 1).OnlyEnforceIf(b.Not())
            return b

        def bool_or(items, name):
            items = [i for i in items if not isinstance(i, int) or i != 0]
            if any(isinstance(i, int) and i == 1 for i in items):
                return 1
            if not items:
                return 0
            b = m.NewBoolVar(name)
            m.AddMaxEquality(b, items)
            return b

        def bool_and(items, name):
            if any(isinstance(i, int) and i == 0 for i in items):
                return 0
            items = [i for i in items if not isinstance(i, int)]
            if not items:
                return 1
            b = m.NewBoolVar(name)
            m.AddMinEquality(b, items)
            return b

        def negate(b):
            return 1 - b if isinstance(b, int) else b.Not()

        def as_bool(e, name):
            """A 0/1 linear expression as a boolean."""
            if isinstance(e, int):
                return e
            return reify_at_least(e, 1, name)

        sites = list(rota.sites)
        occ = {}
        for code in sites:
            for slot in range(14):
                occ[(code, slot)] = sum(expr(wid, slot, lambda e, c, p, code=code: e == code) for wid in rota.ids)
        for code, site in rota.sites.items():
            for slot in range(14):
                d, h = self.days[slot // 2], slot % 2
                n = occ[(code, slot)]
                over = n > site["rooms"] if isinstance(n, int) else reify_at_least(n, site["rooms"] + 1, f"over_{code}_{slot}")
                objective.append((1000, over))
                if (d.weekday(), h) in site["cover"] and rota.site_open(code, d, h):
                    gap = (1 if n == 0 else 0) if isinstance(n, int) else negate(reify_at_least(n, 1, f"cov_{code}_{slot}"))
                    objective.append((100, gap))
        worked_at = {}
        present = {}
        for w in rota.workers:
            wid = w["id"]
            for slot in range(14):
                d, h = self.days[slot // 2], slot % 2
                events = [e for e in rota.events_in(d, h) if wid in e["attendees"]]
                objective.append((1000, expr(wid, slot, lambda e, c, p: c)))
                if not rota.in_post(w, d):
                    placed, overridden = rota.planned(w, d, h, {})
                    if (overridden and placed != OFF) or events:
                        objective.append((1000, 1))
                if events:
                    objective.append((1000, expr(wid, slot, lambda e, c, p: e in (LEAVE, HOLIDAY))))
                objective.append((1000, expr(wid, slot, lambda e, c, p, d=d, h=h: is_site(e) and not rota.site_open(e, d, h))))
                if events:
                    objective.append((1000, expr(wid, slot, lambda e, c, p, events=events: worked(e) and (
                        len(events) >= 2 or any(ev["venue"] != "online" and ev["venue"] != e for ev in events)))))
                worked_at[(wid, slot)] = expr(wid, slot, lambda e, c, p: worked(e))
                present[(wid, slot)] = expr(wid, slot, lambda e, c, p: e not in ABSENT)
            for i in range(7):
                pairs = []
                for xa, _, ea, _, _ in choices[(wid, i * 2)]:
                    for xb, _, eb, _, _ in choices[(wid, i * 2 + 1)]:
                        if is_site(ea) and is_site(eb) and ea != eb:
                            pairs.append(bool_and([xa, xb], f"split_{wid}_{i}_{len(pairs)}"))
                objective.append((5, bool_or(pairs, f"split_{wid}_{i}")))
        # Company: another worker at the same site, or an event with another attendee there.
        together = {}
        for code in sites:
            for slot in range(14):
                n = occ[(code, slot)]
                together[(code, slot)] = (1 if n >= 2 else 0) if isinstance(n, int) else reify_at_least(n, 2, f"two_{code}_{slot}")
        event_company = {}
        for k, e in enumerate(rota.events):
            if e["date"] not in self.days:
                continue
            for h in e["halves"]:
                slot = self.days.index(e["date"]) * 2 + h
                here = [a for a in e["attendees"] if a in rota.ids]
                n = sum(present[(a, slot)] for a in here)
                event_company[(k, slot)] = (1 if n >= 2 else 0) if isinstance(n, int) else reify_at_least(n, 2, f"ev_{k}_{slot}")
        company = {}
        for w in rota.workers:
            wid = w["id"]
            for slot in range(14):
                d, h = self.days[slot // 2], slot % 2
                reasons = []
                for x, _, e, _, _ in choices[(wid, slot)]:
                    if is_site(e):
                        reasons.append(bool_and([x, together[(e, slot)]], f"with_{wid}_{slot}_{e}"))
                for k, ev in enumerate(rota.events):
                    if ev["date"] == d and h in ev["halves"] and wid in ev["attendees"]:
                        reasons.append(event_company[(k, slot)])
                company[(wid, slot)] = bool_and(
                    [as_bool(worked_at[(wid, slot)], f"w_{wid}_{slot}"), bool_or(reasons, f"cr_{wid}_{slot}")],
                    f"c_{wid}_{slot}")
        placed = {}
        for wid in rota.ids:
            for code in sites:
                placed[(wid, code)] = bool_or(
                    [as_bool(expr(wid, slot, lambda e, c, p, code=code: e == code), f"at_{wid}_{code}_{slot}") for slot in range(14)],
                    f"placed_{wid}_{code}")
        for w in rota.workers:
            wid = w["id"]
            if not any(rota.in_post(w, d) for d in self.days):
                continue
            total = sum(worked_at[(wid, s)] for s in range(14))
            over = total > w["sessions"] if isinstance(total, int) else reify_at_least(total, w["sessions"] + 1, f"oc_{wid}")
            objective.append((1000, over))
            if all(rota.in_post(w, d) for d in self.days):
                planned = sum(expr(wid, s, lambda e, c, p: worked(p)) for s in range(14))
                under = planned < w["sessions"] if isinstance(planned, int) else negate(reify_at_least(planned, w["sessions"], f"uc_{wid}"))
                objective.append((100, under))
            day_worked, day_company, alone = [], [], []
            for i in range(7):
                dw = bool_or([as_bool(worked_at[(wid, i * 2 + h)], f"wk_{wid}_{i}_{h}") for h in range(2)], f"dw_{wid}_{i}")
                dc = bool_or([company[(wid, i * 2 + h)] for h in range(2)], f"dc_{wid}_{i}")
                day_worked.append(dw)
                day_company.append(dc)
                alone.append(bool_and([dw, negate(dc)], f"alone_{wid}_{i}"))
            for a in alone:
                objective.append((10, a))
            days_alone = sum(alone)
            overload = days_alone > rota.max_days if isinstance(days_alone, int) else reify_at_least(days_alone, rota.max_days + 1, f"ol_{wid}")
            objective.append((100, overload))
            # Streaks: the run of solitary worked days at each day, and where a run ends.
            run = self.carry[wid]
            runs = []
            for i in range(7):
                r = m.NewIntVar(0, self.carry[wid] + 7, f"run_{wid}_{i}")
                prev = run
                for cond, value in ((alone[i], prev + 1), (bool_and([day_worked[i], day_company[i]], f"cd_{wid}_{i}"), 0),
                                    (negate(day_worked[i]), prev)):
                    if isinstance(cond, int):
                        if cond == 1:
                            m.Add(r == value)
                    else:
                        m.Add(r == value).OnlyEnforceIf(cond)
                runs.append(r)
                run = r
            next_alone = 0
            for i in range(6, -1, -1):
                ends = bool_and([alone[i], negate(next_alone)], f"end_{wid}_{i}")
                long = reify_at_least(runs[i], rota.max_streak + 1, f"long_{wid}_{i}")
                objective.append((100, bool_and([ends, long], f"streak_{wid}_{i}")))
                next_alone = bool_or([alone[i], bool_and([negate(day_worked[i]), next_alone], f"na_{wid}_{i}")], f"nx_{wid}_{i}")
            if not self.supervised_before[wid]:
                sup = []
                for e in rota.events:
                    if e["kind"] == "supervision" and wid in e["attendees"] and e["date"] in self.days:
                        for h in e["halves"]:
                            sup.append(as_bool(present[(wid, self.days.index(e["date"]) * 2 + h)], f"sp_{wid}_{len(sup)}"))
                any_worked = as_bool(total, f"aw_{wid}")
                objective.append((100, bool_and([any_worked, negate(bool_or(sup, f"sup_{wid}"))], f"ns_{wid}")))
            sole = []
            for code in sites:
                others = bool_or([placed[(x, code)] for x in rota.ids if x != wid], f"oth_{wid}_{code}")
                sole.append(bool_and([placed[(wid, code)], negate(others)], f"sole_{wid}_{code}"))
            count = sum(sole)
            if isinstance(count, int):
                objective.append((100, 1 if count >= rota.max_sole else 0))
            else:
                objective.append((100, reify_at_least(count, rota.max_sole, f"sc_{wid}")))
        for c in changes:
            objective.append((3, c))
        m.Minimize(sum(weight * term for weight, term in objective))
        solver = cp_model.CpSolver()
        solver.parameters.max_time_in_seconds = seconds
        solver.parameters.num_workers = 1
        status = solver.Solve(m)
        if status != cp_model.OPTIMAL:
            return None
        self.optimal_plan = {}
        for key, options in choices.items():
            for x, v, _, _, _ in options:
                if v is not None and not isinstance(x, int) and solver.Value(x) and v != options[0][1]:
                    self.optimal_plan[key] = v
        return round(solver.ObjectiveValue())


def main():
    lines = [l for l in open(sys.argv[1]) if l.strip()]
    enumerate_limit = int(sys.argv[2]) if len(sys.argv) > 2 else 4000
    optimal = 0
    gaps = []
    checked_by_enumeration = 0
    model_mismatches = 0
    unsolved = 0
    worst = (0.0, None)
    dump = open(os.environ["SUGGEST_DUMP"], "w") if os.environ.get("SUGGEST_DUMP") else None
    for line in lines:
        p = Problem(line)
        d = p.data
        baseline = p.cost({})
        plan_cost = p.cost(p.plan_of(d["changes"]))
        if baseline != d["baseline"] or plan_cost != d["plan"]:
            model_mismatches += 1
            print(f"seed {d['seed']}: the model says baseline {baseline}, plan {plan_cost}; rota says {d['baseline']}, {d['plan']}")
        best = p.solve()
        if best is None:
            unsolved += 1
            print(f"seed {d['seed']}: CP-SAT found no proven optimum")
            continue
        exhaustive = p.enumerate_best(enumerate_limit)
        if exhaustive is not None:
            checked_by_enumeration += 1
            if exhaustive != best:
                model_mismatches += 1
                print(f"seed {d['seed']}: CP-SAT says {best}, trying every plan says {exhaustive}")
        if dump is not None:
            dump.write(json.dumps({"seed": d["seed"], "baseline": d["baseline"], "plan": d["plan"], "best": best,
                                   "rota_changes": d["changes"],
                                   "optimal_changes": [[k[0], k[1] // 2, k[1] % 2, v] for k, v in sorted(p.optimal_plan.items())]}) + "\n")
        gap = (d["plan"] - best) / best if best > 0 else (0.0 if d["plan"] == 0 else float("inf"))
        gaps.append(gap)
        if d["plan"] == best:
            optimal += 1
        elif gap > worst[0]:
            worst = (gap, d["seed"])
        if d["plan"] < best:
            print(f"seed {d['seed']}: rota's plan {d['plan']} is below the optimum {best}: the model is wrong")
    n = len(gaps)
    print(f"problems: {len(lines)}, solved exactly by CP-SAT: {n}, not solved: {unsolved}")
    print(f"model checked against rota's own costs: {len(lines) - model_mismatches} of {len(lines)} agree")
    print(f"CP-SAT checked against trying every plan: {checked_by_enumeration} small enough, all agree: {model_mismatches == 0}")
    if n:
        print(f"rota's plan optimal: {optimal} of {n} ({100.0 * optimal / n:.1f}%)")
        print(f"gap to the optimum: mean {100.0 * sum(gaps) / n:.2f}%, worst {100.0 * worst[0]:.2f}% (seed {worst[1]})")
    return 0 if model_mismatches == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
