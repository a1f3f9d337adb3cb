#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// How long a search for a week's plan may run, and the seed of its random choices.
///
/// The search counts its work in evaluations of candidate changes and stops when
/// the budget that `milliseconds` buys is spent, so the same rota, week, first
/// editable date, time limit and seed give the same plan, however busy the
/// machine. The clock is a guard only, and it reads the processor time the
/// search has used (a shared machine's load does not eat into it): a search still
/// running when that is up stops there (`SearchReport.cutByClock`), and only that
/// plan can differ from one run to the next.
public struct SearchLimit: Hashable, Sendable {
  public var milliseconds: Int
  public var seed: UInt64
  /// A fixed number of evaluations instead of the number `milliseconds` buys:
  /// with a generous time, the same plan on any machine and in a debug build
  /// (the planner's tests), where the clock would otherwise end the search.
  public var evaluations: Int?

  public init(milliseconds: Int = 2000, seed: UInt64 = 0, evaluations: Int? = nil) {
    self.milliseconds = milliseconds
    self.seed = seed
    self.evaluations = evaluations
  }

  /// Evaluations bought by one millisecond, for a week of `size` workers and sites
  /// (priced at about `size + 40` units each, as when an evaluation re-derived
  /// its half-days for every worker and site; it now works out only what it
  /// reaches, so this is further still under what a shared, busy 2020s server
  /// core manages (BENCHMARKS.md), and the count, not the clock, ends a search.
  static func evaluations(milliseconds: Int, size: Int) -> Int {
    max(200, milliseconds * 7_500 / (size + 40))
  }
}

/// How a search went.
public struct SearchReport: Hashable, Sendable {
  /// Candidate plans scored.
  public var evaluations = 0
  /// Of `evaluations`, the plans scored before, answered from memory.
  public var remembered = 0
  /// The evaluation budget ran out before the search was done.
  public var cutByBudget = false
  /// The processor time ran out first: only then can the same inputs give another plan.
  public var cutByClock = false
  /// An exhaustive search proved the plan the best there is.
  public var provedOptimal = false
}

/// The search for a low-cost plan for one week: construction by steepest
/// descent from the rota as it is, then variable-depth chains (`chain`) over each
/// costly worker's week, each costly half-day and each day, then iterated local
/// search (a few random changes, then descent and chains near them, keeping the
/// best) over single changes and swaps, each candidate scored by the incremental
/// `WeekCostModel`; and, where the week is small enough, an exhaustive search
/// that proves the best plan.
struct PlanSearch {
  struct Cell {
    let worker: Int
    let slot: Int
    let original: Int32
    let originalFromOverride: Bool
    /// The original place first, then the places the cell may change to.
    let domain: [Int32]
  }

  /// A candidate: one or two cells and their new places, or more (a window, a
  /// whole week, a disturbance); each cell at most once.
  struct Move {
    var cells: MoveCells

    init(cells: [(cell: Int, value: Int32)]) { self.cells = MoveCells(cells) }
    /// One change, without allocating.
    init(_ cell: Int, _ value: Int32) { cells = MoveCells(cell, value) }
    /// A swap, without allocating.
    init(_ cell: Int, _ value: Int32, _ other: Int, _ otherValue: Int32) {
      cells = MoveCells(cell, value)
      cells.append((other, otherValue))
    }
  }

  /// A move's cells and new places: the first two held in place, so that the
  /// single changes and swaps the search scores by the hundred thousand
  /// allocate nothing.
  struct MoveCells: RandomAccessCollection {
    typealias Element = (cell: Int, value: Int32)
    private var first: Element = (0, 0)
    private var second: Element = (0, 0)
    private var more: [Element] = []
    private(set) var count = 0

    init(_ elements: [Element]) {
      for e in elements { append(e) }
    }

    init(_ cell: Int, _ value: Int32) {
      first = (cell, value)
      count = 1
    }

    var startIndex: Int { 0 }
    var endIndex: Int { count }

    subscript(i: Int) -> Element {
      precondition(i >= 0 && i < count, "move cell out of range")
      switch i {
      case 0: return first
      case 1: return second
      default: return more[i - 2]
      }
    }

    mutating func append(_ e: Element) {
      switch count {
      case 0: first = e
      case 1: second = e
      default: more.append(e)
      }
      count += 1
    }

    mutating func removeAll() {
      more.removeAll(keepingCapacity: true)
      count = 0
    }
  }

  let cells: [Cell]
  var value: [Int32]
  var model: WeekCostModel
  var changeCount = 0
  let bySlot: [[Int]]
  let byWorker: [[Int]]
  var report = SearchReport()
  let budget: Int
  let deadline: Double
  var rng: SplitMix64
  var stopped = false
  /// Whether a small enough week is solved by trying every plan (the tests turn
  /// it off, to hold the local search to the proved optimum).
  var triesEveryPlan = true
  /// Per site: someone placed there in the week has a cost in their week (company or sole cover could help them).
  var siteHasCostlyWorker: [Bool] = []
  /// The plan's fingerprint (`PlanKey`), kept as cells change.
  var key: PlanKey
  /// Each cell's `PlanKey` at each place, `keyStride` places a cell from
  /// `PlanKey.lowestPlace` on, worked out once.
  let keys: [PlanKey]
  let keyStride: Int
  /// The scores of plans already scored: a search comes back to the same plans
  /// again and again (descent around the best plan after each disturbance,
  /// chains over the same cells), and a plan seen before costs a lookup, not a
  /// count by the model. It still counts as an evaluation, so the same inputs
  /// give the same plan with or without it.
  var scored: ScoreCache
  /// The model's changes for a single change or a swap being scored.
  var tried1 = [CellChange](repeating: CellChange(worker: 0, slot: 0, code: 0, fromOverride: false), count: 1)
  var tried2 = [CellChange](repeating: CellChange(worker: 0, slot: 0, code: 0, fromOverride: false), count: 2)
  /// The model's changes for a larger move being scored, or any move being made.
  var triedMore: [CellChange] = []
  /// Whether scores are remembered (the tests turn it off, to hold the plan the same without).
  var remembers = true
  /// The steps that gained nothing, by the fingerprint of the plan they
  /// started from and of the step (`stepKey`): chains, by their cells and
  /// guidance, and descent's look at one cell's moves. Each depends only on
  /// the plan and the step, and a search keeps coming back to the same plans
  /// (it disturbs its best plan, and descent often brings it straight back) to
  /// take the same steps again. 16 bytes for each of at most 8192.
  var fruitless = ScoreCache(plans: 8192)
  /// Each cell's `stepKey` for descent, worked out once.
  let descentKeys: [PlanKey]
  /// Whether steps that gained nothing are remembered and not taken again
  /// (the tests turn it off, to hold the plan the same without). Unlike
  /// `remembers`, it saves evaluations, so a search that spends its whole
  /// budget goes further with it, and can end at another plan.
  var remembersFruitless = true

  init(model: WeekCostModel, allowed: AllowedChanges, limit: SearchLimit, startedAt: Double) {
    self.model = model
    var cells: [Cell] = []
    for w in 0..<allowed.workerCount {
      for slot in 0..<14 where !allowed.allowed[w * 14 + slot].isEmpty {
        let original = allowed.planned[w * 14 + slot]
        cells.append(
          Cell(
            worker: w, slot: slot, original: original,
            originalFromOverride: model.facts.fromOverride[w] & (1 << UInt16(slot)) != 0,
            domain: [original] + allowed.allowed[w * 14 + slot]))
      }
    }
    self.cells = cells
    value = cells.map(\.original)
    let stride = model.facts.siteCount - Int(PlaceCode.lowest)
    keyStride = stride
    keys = (0..<cells.count * stride).map { PlanKey(cell: $0 / stride, place: Int32($0 % stride) + PlaceCode.lowest) }
    key = cells.indices.reduce(PlanKey(a: 0, b: 0)) { $0 ^ PlanKey(cell: $1, place: cells[$1].original) }
    var bySlot = [[Int]](repeating: [], count: 14)
    var byWorker = [[Int]](repeating: [], count: allowed.workerCount)
    for (i, c) in cells.enumerated() {
      bySlot[c.slot].append(i)
      byWorker[c.worker].append(i)
    }
    descentKeys = cells.indices.map { Self.stepKey([$0], salt: Self.descentSalt) }
    self.bySlot = bySlot
    self.byWorker = byWorker
    let size = model.facts.workerCount + model.facts.siteCount
    budget = limit.evaluations ?? SearchLimit.evaluations(milliseconds: limit.milliseconds, size: size)
    deadline = startedAt + Double(limit.milliseconds)
    rng = SplitMix64(seed: limit.seed)
    scored = ScoreCache(plans: budget)
    refreshSiteCosts()
  }

  var cost: Int { model.total.cost + PlanCost.changeWeight * changeCount }

  /// `PlanKey(cell:place:)`, from the table. Inlined: a call would copy the whole search for its `self`.
  @inline(__always)
  func placeKey(_ cell: Int, _ place: Int32) -> PlanKey {
    keys[cell * keyStride + Int(place) + PlanKey.lowestPlace]
  }

  func cellChange(_ cell: Int, _ v: Int32) -> CellChange {
    let c = cells[cell]
    return CellChange(
      worker: c.worker, slot: c.slot, code: v, fromOverride: v == c.original ? c.originalFromOverride : true)
  }

  /// The model's changes for `move`, into `triedMore` (a stored buffer, not a
  /// new array, and mutating: a method of `self` that is not would copy the
  /// search).
  mutating func setTriedMore(_ move: Move) {
    triedMore.removeAll(keepingCapacity: true)
    for i in 0..<move.cells.count { triedMore.append(cellChange(move.cells[i].cell, move.cells[i].value)) }
  }

  /// The change in the number of changes if `move` were made.
  func changeDelta(_ move: Move) -> Int {
    var d = 0
    for (cell, v) in move.cells {
      let orig = cells[cell].original
      d += (v != orig ? 1 : 0) - (value[cell] != orig ? 1 : 0)
    }
    return d
  }

  /// The plan's cost if `move` were made; nil when the budget or the clock has run out.
  mutating func evaluate(_ move: Move) -> Int? { score(move)?.cost }

  /// The plan's cost and `CostTally.excess` if `move` were made; nil when the
  /// budget or the clock has run out.
  mutating func score(_ move: Move) -> (cost: Int, excess: Int)? {
    guard !stopped else { return nil }
    if report.evaluations >= budget {
      report.cutByBudget = true
      stopped = true
      return nil
    }
    if report.evaluations & 63 == 0 && cpuMilliseconds() > deadline {
      report.cutByClock = true
      stopped = true
      return nil
    }
    report.evaluations += 1
    // The fingerprint and the change count after the move, worked out here, not
    // by methods of `self`: Swift would copy the whole search for each call.
    // By index, not `for ... in`: an iterator would copy the move.
    var after = key
    var changeDelta = 0
    for i in 0..<move.cells.count {
      let (cell, v) = move.cells[i]
      let now = value[cell]
      after = after ^ placeKey(cell, now) ^ placeKey(cell, v)
      let orig = cells[cell].original
      changeDelta += (v != orig ? 1 : 0) - (now != orig ? 1 : 0)
    }
    let plan: (cost: Int, excess: Int)
    if remembers, let seen = scored[after] {
      report.remembered += 1
      plan = seen
    } else {
      // Into buffers kept between tries, overwritten in place (stored
      // properties, not a closure over `self`).
      let tally: CostTally
      switch move.cells.count {
      case 0:
        tally = model.total
      case 1:
        tried1[0] = cellChange(move.cells[0].cell, move.cells[0].value)
        tally = model.tally(changing: tried1)
      case 2:
        tried2[0] = cellChange(move.cells[0].cell, move.cells[0].value)
        tried2[1] = cellChange(move.cells[1].cell, move.cells[1].value)
        tally = model.tally(changing: tried2)
      default:
        setTriedMore(move)
        tally = model.tally(changing: triedMore)
      }
      plan = (tally.cost, Int(tally.excess))
      scored[after] = plan
    }
    return (plan.cost + PlanCost.changeWeight * (changeCount + changeDelta), plan.excess)
  }

  mutating func make(_ move: Move) {
    changeCount += changeDelta(move)
    setTriedMore(move)
    model.make(triedMore)
    for (cell, v) in move.cells {
      key = key ^ placeKey(cell, value[cell]) ^ placeKey(cell, v)
      value[cell] = v
    }
    refreshSiteCosts()
  }

  mutating func refreshSiteCosts() {
    // Through a local copy: a closure over `model` in a mutating method would copy the model.
    let weekTally = model.weekTally
    let siteWorkers = model.siteWorkers
    if siteHasCostlyWorker.count != siteWorkers.count {
      siteHasCostlyWorker = [Bool](repeating: false, count: siteWorkers.count)
    }
    for site in siteWorkers.indices {
      siteHasCostlyWorker[site] = siteWorkers[site].contains { weekTally[$0].cost > 0 }
    }
  }

  /// Whether `move` could lower the cost at all: a part it touches costs
  /// something now, or a cell it sets is already changed (putting it back saves
  /// the change). Every other move can only add cost, so it is not scored.
  /// Inlined: a call would copy the whole search for its `self`.
  @inline(__always)
  func promising(_ move: Move) -> Bool {
    for (cell, v) in move.cells {
      let c = cells[cell]
      if value[cell] != c.original { return true }
      if model.sessionTally[c.worker] != .zero || model.weekTally[c.worker] != .zero { return true }
      if model.eventSlots[c.worker] & (1 << UInt16(c.slot)) != 0 { return true }
      if costsAt(value[cell], slot: c.slot) || costsAt(v, slot: c.slot) { return true }
    }
    return false
  }

  /// Whether the site `place` (if it is one) costs something in `slot`, or has someone whose week costs something.
  @inline(__always)
  func costsAt(_ place: Int32, slot: Int) -> Bool {
    place >= 0 && (model.siteTally[Int(place) * 14 + slot] != .zero || siteHasCostlyWorker[Int(place)])
  }

  /// Every move that changes `cell`: to each other place it may take, and swaps
  /// with another worker's cell in the same half-day or another half-day of the
  /// same worker, when each may take the other's place.
  func moves(of cell: Int) -> [Move] {
    var out: [Move] = []
    moves(of: cell, into: &out)
    return out
  }

  /// `moves(of:)` into `out`, emptied first: descent keeps one buffer for all its cells.
  func moves(of cell: Int, into out: inout [Move]) {
    out.removeAll(keepingCapacity: true)
    let c = cells[cell]
    let here = value[cell]
    for v in c.domain where v != here { out.append(Move(cell, v)) }
    for others in [bySlot[c.slot], byWorker[c.worker]] {
      for other in others where other != cell {
        let there = value[other]
        guard there != here, c.domain.contains(there), cells[other].domain.contains(here) else { continue }
        out.append(Move(cell, there, other, here))
      }
    }
  }

  /// Descent: takes cells from the queue and makes the best improving move of
  /// each, queueing again the cells that move can affect, until none improves.
  /// A cell none of whose moves improved on this very plan before is skipped
  /// (`fruitless`).
  mutating func descend(from start: [Int]) {
    var queued = [Bool](repeating: false, count: cells.count)
    var queue: [Int] = []
    var head = 0
    var candidates: [Move] = []
    func push(_ i: Int) {
      if !queued[i] {
        queued[i] = true
        queue.append(i)
      }
    }
    for i in start { push(i) }
    while head < queue.count && !stopped {
      let cell = queue[head]
      head += 1
      queued[cell] = false
      let now = cost
      // No move of this cell gained from this plan before: none will now.
      let tried = key ^ descentKeys[cell]
      if remembersFruitless && fruitless[tried] != nil { continue }
      var best: (cost: Int, move: Move)? = nil
      moves(of: cell, into: &candidates)
      for move in candidates where promising(move) {
        guard let c = evaluate(move) else { break }
        if c < now && (best == nil || c < best!.cost) { best = (c, move) }
      }
      guard let (_, move) = best else {
        if !stopped { fruitless[tried] = (now, 0) }
        continue
      }
      make(move)
      for (changed, _) in move.cells {
        for i in bySlot[cells[changed].slot] { push(i) }
        for i in byWorker[cells[changed].worker] { push(i) }
      }
      if head > 4096 {
        queue.removeFirst(head)
        head = 0
      }
    }
  }

  /// Variable-depth search, as Kernighan and Lin's: over the cells of `group`,
  /// makes the best single change of a cell the chain has not changed yet, even
  /// one that costs more, until each cell has changed once, then takes the chain
  /// back to its cheapest point. A guided chain chooses by the cost plus the
  /// excess (`CostTally.excess`), so it heads for clearing a finding that only several
  /// changes together clear (two sessions over contract, three people over the
  /// rooms). Returns whether that point is cheaper than where the chain began.
  mutating func chain(_ group: [Int], guided: Bool) -> Bool {
    // A chain depends only on the plan it starts from, its cells and whether it
    // is guided: one that gained nothing from this plan before would score the
    // same moves to the same end.
    let tried = key ^ Self.stepKey(group, salt: guided ? Self.guidedSalt : Self.unguidedSalt)
    if remembersFruitless && fruitless[tried] != nil { return false }
    let start = cost
    var locked = [Bool](repeating: false, count: group.count)
    var steps: [(cell: Int, from: Int32)] = []
    var best = (cost: start, length: 0)
    var bestKey = (key: Int.max, length: 0)
    search: for _ in group.indices {
      // A chain that has gone `chainSlack` changes past both its cheapest point
      // and its best guide is climbing away from anything it could reach.
      if steps.count - max(best.length, bestKey.length) > Self.chainSlack { break }
      var pick: (key: Int, cost: Int, k: Int, value: Int32)? = nil
      for (k, cell) in group.enumerated() where !locked[k] {
        for v in cells[cell].domain where v != value[cell] {
          let move = Move(cell, v)
          guard promising(move) else { continue }
          guard let s = score(move) else { break search }
          let key = guided ? s.cost + s.excess : s.cost
          if let p = pick, key > p.key || (key == p.key && s.cost >= p.cost) { continue }
          pick = (key, s.cost, k, v)
        }
      }
      guard let p = pick else { break }
      let cell = group[p.k]
      steps.append((cell, value[cell]))
      make(Move(cell, p.value))
      locked[p.k] = true
      if cost < best.cost { best = (cost, steps.count) }
      if p.key < bestKey.key { bestKey = (p.key, steps.count) }
    }
    let undo = steps[best.length...]
    if !undo.isEmpty { make(Move(cells: undo.map { ($0.cell, $0.from) })) }
    // Only a chain that ran to its end is known to gain nothing from here.
    if best.cost >= start && !stopped { fruitless[tried] = (start, 0) }
    return best.cost < start
  }

  /// The fingerprint of a step over `cells` (in order) of the kind `salt`
  /// names, to combine with the plan's (`fruitless`).
  static func stepKey(_ cells: [Int], salt: UInt64) -> PlanKey {
    var g = SplitMix64(seed: salt)
    var key = PlanKey(a: g.next(), b: g.next())
    for cell in cells {
      var m = SplitMix64(seed: key.a ^ UInt64(cell))
      key = PlanKey(a: m.next(), b: key.b ^ m.next())
    }
    return key
  }

  static let guidedSalt: UInt64 = 0x5EED_C4A1
  static let unguidedSalt: UInt64 = 0x5EED_C4A2
  static let descentSalt: UInt64 = 0x5EED_C4A3

  /// How many changes a chain may go past both its cheapest point and its best
  /// guide before it stops.
  static let chainSlack = 3

  /// Chains, guided and not, over each worker whose sessions or week cost
  /// something, each half-day where a site costs something and each day, each
  /// followed by descent from the cells it reaches when it gains; with `kicked`,
  /// only those of the workers and half-days it holds (not whole days, whose
  /// chains cost a round most of its evaluations on a larger week and gained
  /// nothing measurable there). Returns whether any gained.
  mutating func chains(near kicked: [Int]? = nil) -> Bool {
    var workers = [Bool](repeating: kicked == nil, count: byWorker.count)
    var slots = [Bool](repeating: kicked == nil, count: 14)
    for cell in kicked ?? [] {
      workers[cells[cell].worker] = true
      slots[cells[cell].slot] = true
    }
    var groups: [[Int]] = []
    for w in byWorker.indices where workers[w] && !byWorker[w].isEmpty {
      if model.weekTally[w] != .zero || model.sessionTally[w] != .zero { groups.append(byWorker[w]) }
    }
    for slot in 0..<14 where slots[slot] && bySlot[slot].count > 1 {
      if (0..<model.facts.siteCount).contains(where: { model.siteTally[$0 * 14 + slot] != .zero }) {
        groups.append(bySlot[slot])
      }
    }
    if kicked == nil {
      for day in 0..<7 {
        let group = bySlot[day * 2] + bySlot[day * 2 + 1]
        if group.count > 2 { groups.append(group) }
      }
    }
    var gained = false
    for group in groups {
      for guided in [true, false] where !stopped && chain(group, guided: guided) {
        gained = true
        descend(from: reach(of: group))
      }
    }
    return gained
  }

  /// The cells a change to any of `group` can make worth changing: those of the
  /// same workers and of the same half-days.
  func reach(of group: [Int]) -> [Int] {
    var out: [Int] = []
    for cell in group { out += bySlot[cells[cell].slot] + byWorker[cells[cell].worker] }
    return out
  }

  /// Tries every way to set the cells of `window` (an odometer over their
  /// places, the first cell turning fastest) and makes the cheapest when it is
  /// cheaper than the plan now: the exact answer over a few cells, for the
  /// findings whose fix needs several of them changed together (a split day
  /// mended by both halves at once, two workers trading days). Skips a window
  /// with more than `windowLimit` plans. Returns whether it gained.
  ///
  /// The other cells' places are made in the model, each time they turn, and
  /// each place of the first cell is scored from there as one change: a plan
  /// costs a try of one cell, not of every cell that differs from the plan the
  /// window started from, and the one with the first cell as it started costs
  /// nothing to count. The plans, their order and their scores are those of
  /// trying each from the start.
  mutating func solve(window: [Int]) -> Bool {
    guard !window.isEmpty else { return false }
    var plans = 1
    for cell in window {
      plans *= cells[cell].domain.count
      if plans > Self.windowLimit { return false }
    }
    let start = value
    let now = cost
    var best: (cost: Int, values: [Int32])? = nil
    let first = window[0]
    var digit = [Int](repeating: 0, count: window.count)
    var step = Move(cells: [])
    odometer: while true {
      // The other cells at their digits, the first as it started.
      step.cells.removeAll()
      for (k, cell) in window.enumerated() {
        let to = k == 0 ? start[cell] : cells[cell].domain[digit[k]]
        if value[cell] != to { step.cells.append((cell, to)) }
      }
      if !step.cells.isEmpty { make(step) }
      let othersAtStart = window.dropFirst().allSatisfy { value[$0] == start[$0] }
      for v in cells[first].domain {
        let plan: (cost: Int, excess: Int)?
        if v == start[first] {
          // The plan as it is now: the window's start itself is not a plan to try.
          if othersAtStart { continue }
          plan = score(Move(cells: []))
        } else {
          plan = score(Move(first, v))
        }
        guard let c = plan?.cost else { break odometer }
        if c < (best?.cost ?? now) { best = (c, window.map { $0 == first ? v : value[$0] }) }
      }
      var k = 1
      while k < window.count && digit[k] == cells[window[k]].domain.count - 1 {
        digit[k] = 0
        k += 1
      }
      guard k < window.count else { break odometer }
      digit[k] += 1
    }
    var target = start
    if let (_, values) = best {
      for (k, cell) in window.enumerated() { target[cell] = values[k] }
    }
    restore(target)
    return best != nil
  }

  /// Quiet rounds before the search stops, before one more for every two
  /// cells. The small random weeks of BENCHMARKS.md reach the optimum on 82% of
  /// them with 40, 90% with 100 and 91% with 150; a round there costs about 750
  /// evaluations. One more round for each cell, not each two, gave every one of
  /// them a plan of the same cost, with 6% more evaluations.
  static let patience = 150

  /// The most plans `solve(window:)` tries in one window.
  static let windowLimit = 1_296

  /// Whole weeks and windows around `workers` (`weekMoves`, `windowGroups`):
  /// each whole-week move made when it gains, each window solved exactly
  /// (`solve(window:)`), and descent and chains after each gain. Returns whether
  /// any gained.
  mutating func windows(workers: [Int]) -> Bool {
    var gained = false
    var moves = weekMoves(workers: workers)
    for k in moves.indices where !stopped {
      let move = moves[k]
      guard move.cells.count > 1, let c = evaluate(move), c < cost else { continue }
      make(move)
      gained = true
      descend(from: reach(of: move.cells.map(\.cell)))
      while !stopped && chains() {}
      // Built again: the gain may have changed the cells of those still to try.
      moves = weekMoves(workers: workers)
    }
    for group in windowGroups(workers: workers) where !stopped && solve(window: group) {
      gained = true
      descend(from: reach(of: group))
      while !stopped && chains() {}
    }
    return gained
  }

  /// Whole weeks: each of `workers`' changeable half-days all off, or all as the
  /// rota has them, and each with a second worker's all off (taking two people
  /// off the days they share clears what no change of one or two half-days can).
  func weekMoves(workers: [Int]) -> [Move] {
    func week(_ w: Int, off: Bool) -> [(cell: Int, value: Int32)] {
      byWorker[w].compactMap { c in
        let to = off && cells[c].domain.contains(PlaceCode.off) ? PlaceCode.off : cells[c].original
        return to != value[c] ? (c, to) : nil
      }
    }
    var moves: [Move] = []
    for w in workers {
      moves.append(Move(cells: week(w, off: true)))
      moves.append(Move(cells: week(w, off: false)))
      for v in byWorker.indices where v != w && (v > w || !workers.contains(v)) {
        moves.append(Move(cells: week(w, off: true) + week(v, off: true)))
      }
    }
    return moves
  }

  /// The windows around `workers`: each worker's day (both halves at once), each
  /// pair of a worker's days, and each day of a pair of workers who could meet
  /// at a site that day.
  func windowGroups(workers: [Int]) -> [[Int]] {
    func day(_ w: Int, _ d: Int) -> [Int] { byWorker[w].filter { cells[$0].slot / 2 == d } }
    var groups: [[Int]] = []
    for w in workers {
      let days = (0..<7).map { day(w, $0) }
      for d in 0..<7 where days[d].count == 2 { groups.append(days[d]) }
      for d in 0..<7 where !days[d].isEmpty {
        for e in (d + 1)..<7 where !days[e].isEmpty { groups.append(days[d] + days[e]) }
      }
      // The sites each day's half-days may be at, worked out once for every partner.
      let sites = days.map { Set($0.flatMap { cells[$0].domain.filter { $0 >= 0 } }) }
      for v in byWorker.indices where v != w && (v > w || !workers.contains(v)) {
        for d in 0..<7 where !days[d].isEmpty {
          // Two workers only ever meet at a site: with none in common that day,
          // the window is two windows of one worker's day.
          let other = day(v, d)
          if other.contains(where: { cells[$0].domain.contains { sites[d].contains($0) } }) {
            groups.append(days[d] + other)
          }
        }
      }
    }
    return groups
  }

  /// Sets every cell to `target`'s place in one change of the model.
  mutating func restore(_ target: [Int32]) {
    let differing = cells.indices.filter { value[$0] != target[$0] }
    guard !differing.isEmpty else { return }
    make(Move(cells: differing.map { ($0, target[$0]) }))
  }

  /// The largest number of plans tried one by one: a week this small is solved
  /// exactly, in well under the default budget.
  static let exhaustiveLimit = 20_000

  /// The search: every plan when there are few enough (the best is then proved
  /// optimal); else descent from the rota as it is and chains until none gains,
  /// then whole weeks and windows (`windows`) around the costly workers until
  /// none gains, then rounds of a disturbance (`kick`), descent and chains near
  /// it, keeping the best plan, until `patience` rounds (and one more for every
  /// two cells) in a row find nothing better or the budget is spent.
  mutating func run() -> [Int32] {
    guard !cells.isEmpty else { return value }
    if triesEveryPlan, let best = exhaustive() { return best }
    var order = Array(cells.indices)
    shuffle(&order)
    descend(from: order)
    while !stopped && chains() {}
    while !stopped && windows(workers: costlyWorkers()) {}
    var best = value
    var bestCost = cost
    let patience = Self.patience + min(cells.count, 400) / 2
    var quiet = 0
    while !stopped && quiet < patience {
      let kicked = kick()
      descend(from: reach(of: kicked))
      if !stopped && chains(near: kicked) { while !stopped && chains() {} }
      if cost < bestCost {
        best = value
        bestCost = cost
        quiet = 0
      } else {
        quiet += 1
        // An equal plan is kept, to walk across plateaus; a dearer one goes back to the best.
        if cost > bestCost { restore(best) }
      }
    }
    restore(best)
    return best
  }

  /// The workers whose sessions or week cost something, or who have a changed half-day.
  func costlyWorkers() -> [Int] {
    byWorker.indices.filter { w in
      !byWorker[w].isEmpty
        && (model.weekTally[w] != .zero || model.sessionTally[w] != .zero
          || byWorker[w].contains { value[$0] != cells[$0].original })
    }
  }

  /// Disturbs the plan and returns the cells it changed. Most findings that
  /// one change cannot clear need several changes to one worker's week (over
  /// contract by two sessions, three solitary days) or to one half-day (two
  /// people to move from a crowded site), so a kick changes a few cells anywhere,
  /// or a few cells of a worker whose week costs something, or a few cells of a
  /// half-day where a site costs something; a costly worker's cells go `off`
  /// half the time.
  mutating func kick() -> [Int] {
    var group: [Int] = []
    var count = 1 + rng.int(0..<3)
    var towardOff = false
    switch rng.int(0..<3) {
    case 1:
      let costly = byWorker.indices.filter {
        !byWorker[$0].isEmpty && (model.weekTally[$0] != .zero || model.sessionTally[$0] != .zero)
      }
      if !costly.isEmpty {
        group = byWorker[costly[rng.int(0..<costly.count)]]
        count = 2 + rng.int(0..<3)
        towardOff = true
      }
    case 2:
      var costly: [Int] = []
      for slot in 0..<14 where !bySlot[slot].isEmpty {
        if (0..<model.facts.siteCount).contains(where: { model.siteTally[$0 * 14 + slot] != .zero }) {
          costly.append(slot)
        }
      }
      if !costly.isEmpty {
        group = bySlot[costly[rng.int(0..<costly.count)]]
        count = 2 + rng.int(0..<2)
      }
    default: break
    }
    if group.isEmpty { group = Array(cells.indices) }
    var chosen: [Int] = []
    for _ in 0..<count {
      let cell = group[rng.int(0..<group.count)]
      if !chosen.contains(cell) { chosen.append(cell) }
    }
    var move = Move(cells: [])
    for cell in chosen {
      let domain = cells[cell].domain.filter { $0 != value[cell] }
      guard !domain.isEmpty else { continue }
      let to =
        towardOff && domain.contains(PlaceCode.off) && rng.int(0..<2) == 0
        ? PlaceCode.off : domain[rng.int(0..<domain.count)]
      move.cells.append((cell, to))
    }
    if !move.cells.isEmpty { make(move) }
    return move.cells.map(\.cell)
  }

  /// Tries every plan, counting through the cells' places like an odometer from
  /// the rota as it is, and keeps the cheapest (the first found, on a tie); nil,
  /// with nothing tried, when there are more plans than `exhaustiveLimit` or than
  /// the budget allows.
  mutating func exhaustive() -> [Int32]? {
    var plans = 1
    for c in cells {
      plans *= c.domain.count
      if plans > min(Self.exhaustiveLimit, budget) { return nil }
    }
    var digit = [Int](repeating: 0, count: cells.count)
    var best = value
    var bestCost = cost
    while true {
      // The next plan: the lowest cell that can advance does, and those below it go back.
      var step: [(cell: Int, value: Int32)] = []
      var i = 0
      while i < cells.count && digit[i] == cells[i].domain.count - 1 {
        digit[i] = 0
        step.append((i, cells[i].domain[0]))
        i += 1
      }
      guard i < cells.count else { break }
      digit[i] += 1
      step.append((i, cells[i].domain[digit[i]]))
      report.evaluations += 1
      make(Move(cells: step))
      if cost < bestCost {
        best = value
        bestCost = cost
      }
    }
    restore(best)
    report.provedOptimal = true
    return best
  }

  mutating func shuffle(_ a: inout [Int]) {
    guard a.count > 1 else { return }
    for i in stride(from: a.count - 1, to: 0, by: -1) { a.swapAt(i, rng.int(0..<(i + 1))) }
  }

  /// The changes of the plan `values` describes, as model changes.
  func changes(_ values: [Int32]) -> [CellChange] {
    cells.indices.filter { values[$0] != cells[$0].original }.map { cellChange($0, values[$0]) }
  }
}

/// A plan's fingerprint: the exclusive or, over its cells, of two independent
/// 64-bit keys for each cell and place (Zobrist hashing), so that changing a
/// cell changes the fingerprint in two operations. `ScoreCache` compares 15
/// bits of the first key (its place) and 63 of the second (its tag), so two
/// different plans are taken for each other with a chance of about one in 2^78
/// for each pair. A plan taken for another would only be given the other's
/// score, or have a step skipped (`fruitless`): the model the search makes
/// moves on counts every plan it keeps afresh, so no cost is ever reported
/// wrong.
struct PlanKey: Hashable {
  var a: UInt64
  var b: UInt64

  init(a: UInt64, b: UInt64) {
    self.a = a
    self.b = b
  }

  /// The keys of `cell` at `place`.
  init(cell: Int, place: Int32) {
    var g = SplitMix64(seed: UInt64(cell) << 32 | UInt64(UInt32(bitPattern: place)))
    a = g.next()
    b = g.next()
  }

  /// How far below 0 place codes go (`PlaceCode.lowest`), for indexing tables by place.
  static let lowestPlace = -Int(PlaceCode.lowest)

  static func ^ (x: PlanKey, y: PlanKey) -> PlanKey { PlanKey(a: x.a ^ y.a, b: x.b ^ y.b) }
}

/// Scores by plan fingerprint, in a table of a fixed size where each
/// fingerprint has one place and a newer plan takes it from an older one: no
/// hashing beyond the fingerprint, no growing, and at most 512 kB, which a
/// processor's second-level cache holds (measured at commit b6719a1, a table
/// eight times the size answered 116 662 of the demo plan's 241 999
/// evaluations instead of 111 286, but waited on memory for each). The search
/// also keeps the steps that gained nothing in one (`fruitless`), by the
/// fingerprint of the plan and the step, where only being there counts.
struct ScoreCache {
  private struct Entry {
    /// The fingerprint's second half with its lowest bit set; 0 for an empty place.
    var tag: UInt64 = 0
    var cost: Int32 = 0
    var excess: Int32 = 0
  }
  private var entries: [Entry]
  private let mask: Int

  /// A table for a search of at most `plans` evaluations.
  init(plans: Int) {
    var size = 1 << 10
    while size < plans && size < 1 << 15 { size <<= 1 }
    entries = [Entry](repeating: Entry(), count: size)
    mask = size - 1
  }

  subscript(key: PlanKey) -> (cost: Int, excess: Int)? {
    get {
      let e = entries[Int(truncatingIfNeeded: key.a) & mask]
      guard e.tag == key.b | 1 else { return nil }
      return (Int(e.cost), Int(e.excess))
    }
    set {
      guard let score = newValue, let cost = Int32(exactly: score.cost), let excess = Int32(exactly: score.excess)
      else { return }
      entries[Int(truncatingIfNeeded: key.a) & mask] = Entry(tag: key.b | 1, cost: cost, excess: excess)
    }
  }
}

/// The processor time this thread has used, in milliseconds.
func cpuMilliseconds() -> Double {
  var ts = timespec()
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts)
  return Double(ts.tv_sec) * 1000 + Double(ts.tv_nsec) / 1_000_000
}
