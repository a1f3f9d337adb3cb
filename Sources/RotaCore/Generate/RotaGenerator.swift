/// Builds synthetic but realistic rotas for tests and benchmarks: clusters of
/// practices with schools, hospices and hubs; link workers rotating one day a
/// practice with home days; part-timers; leave, overrides, closures for
/// protected learning time, and supervision groups that do not always meet.
/// The same parameters always give the same rota.
public struct RotaGenerator {
  public struct Parameters: Sendable {
    public var workers: Int
    public var sites: Int
    public var weeks: Int
    public var start: ISOWeek
    public var seed: UInt64
    /// Adds what version 1.1 can say: starters and leavers, usual weeks that
    /// change, sites that open or close for good, supervision leads. Off by
    /// default, so the same arguments still give the same file as before.
    public var teamChanges: Bool

    public init(workers: Int, sites: Int, weeks: Int, start: ISOWeek, seed: UInt64, teamChanges: Bool = false) {
      self.workers = workers
      self.sites = sites
      self.weeks = weeks
      self.start = start
      self.seed = seed
      self.teamChanges = teamChanges
    }
  }

  public static let limits = (workers: 1...20_000, sites: 1...5_000, weeks: 1...260)

  var rng: SplitMix64
  let p: Parameters

  public init(_ parameters: Parameters) {
    p = parameters
    rng = SplitMix64(seed: parameters.seed)
  }

  /// The generated rota. Its anchor week is the first week.
  public mutating func rota() -> Rota {
    var rota = Rota(pcn: "Synthetic PCN \(p.seed) (\(p.workers) workers, \(p.sites) sites)", anchorWeek: p.start)
    rota.sites = makeSites()
    let clusters = clustersOf(rota.sites)
    rota.workers = makeWorkers(sites: rota.sites, clusters: clusters)
    sizeRooms(&rota)
    let firstDay = p.start.monday
    let days = p.weeks * 7

    // Protected learning time: each practice closes one afternoon about every four weeks.
    for i in rota.sites.indices where rota.sites[i].kind == .practice {
      var week = rng.int(0..<4)
      let weekday = rng.int(1..<4)
      while week < p.weeks {
        rota.sites[i].closed.append(DatedSession(firstDay.adding(days: week * 7 + weekday), .pm))
        week += 4 + rng.int(0..<2)
      }
    }

    for (wi, w) in rota.workers.enumerated() {
      // Leave: a block of annual leave every couple of months, sometimes sickness or training.
      var away: [ClosedRange<Int>] = []
      var day = rng.int(0..<30)
      while day < days {
        let length = [1, 2, 3, 5, 5, 10][rng.int(0..<6)]
        let start = firstDay.adding(days: day)
        let r = rng.int(0..<20)
        let kind: LeaveKind = r < 14 ? .annual : (r < 17 ? .sick : (r < 19 ? .training : .other))
        let halfDay = rng.int(0..<8) == 0
        if halfDay {
          rota.leave.append(Leave(worker: w.id, from: DatedSession(start, .pm), kind: kind))
          away.append(start.dayNumber...start.dayNumber)
        } else {
          let end = start.adding(days: length - 1)
          rota.leave.append(
            Leave(worker: w.id, from: DatedSession(start), to: length > 1 ? DatedSession(end) : nil, kind: kind))
          away.append(start.dayNumber...end.dayNumber)
        }
        day += length + 25 + rng.int(0..<40)
      }
      // Overrides: about one change every four weeks: cover elsewhere, a swapped day, home.
      let patch = clusters[wi % clusters.count]
      var od = rng.int(0..<14)
      while od < days {
        let date = firstDay.adding(days: od)
        // Now and then a coordinator books cover during leave (a leave clash); mostly not.
        let onLeave = away.contains { $0.contains(date.dayNumber) }
        if !date.weekday.isWeekend && (!onLeave || rng.int(0..<10) == 0) {
          let r = rng.int(0..<10)
          let place: Place = r < 6 ? .site(rota.sites[patch[rng.int(0..<patch.count)]].code) : (r < 8 ? .home : .off)
          let half: Half? = rng.int(0..<4) == 0 ? (rng.int(0..<2) == 0 ? .am : .pm) : nil
          rota.overrides.append(Override(worker: w.id, date: date, half: half, place: place))
        }
        od += 10 + rng.int(0..<25)
      }
    }

    // Supervision groups of four to eight by role and cluster, meeting every four
    // weeks (some every six, so that some workers go without); team huddles online.
    let byGroup = Dictionary(grouping: rota.workers.indices) { i in
      "\(rota.workers[i].role.rawValue)-\(i % clusters.count)"
    }
    for key in byGroup.keys.sorted() {
      let members = byGroup[key]!
      for chunk in stride(from: 0, to: members.count, by: 6) {
        let group = Array(members[chunk..<min(members.count, chunk + 6)]).map { rota.workers[$0].id }
        let every = rng.int(0..<4) == 0 ? 6 : 4
        var week = rng.int(0..<every)
        let weekday = rng.int(0..<5)
        let venue: EventVenue =
          rng.int(0..<3) > 0 ? .online : .site(rota.sites[clusters[chunk % clusters.count][0]].code)
        while week < p.weeks {
          rota.events.append(
            Event(
              title: "Group supervision", kind: .supervision, date: firstDay.adding(days: week * 7 + weekday),
              half: .pm, venue: venue, attendees: group))
          week += every
        }
      }
    }
    for (ci, cluster) in clusters.enumerated() {
      let members = rota.workers.indices.filter { $0 % clusters.count == ci }.map { rota.workers[$0].id }
      guard members.count >= 2 else { continue }
      var week = 0
      while week < p.weeks {
        rota.events.append(
          Event(
            title: "Team huddle, \(rota.sites[cluster[0]].name)", kind: .team,
            date: firstDay.adding(days: week * 7), half: .am, venue: .online, attendees: Array(members.prefix(40))))
        week += 2
      }
    }
    rota.overrides = Rota.resolveOverrides(rota.overrides)
    if p.teamChanges { addTeamChanges(&rota) }
    return rota
  }

  /// About one worker in twenty starts during the weeks and one in twenty
  /// leaves; one in ten changes their usual week from a date (a day moves home,
  /// or a site swaps for another); about one site in thirty closes for good;
  /// supervision has a lead. Dated entries are left as they were, so some fall
  /// outside a post or a site's dates, as they do in real rotas. A separate
  /// random stream, so the rest of the rota is the same as without.
  mutating func addTeamChanges(_ rota: inout Rota) {
    var r = SplitMix64(seed: p.seed ^ 0x7EA3_C4A9_6E5D_0B11)
    let firstDay = p.start.monday
    let days = max(1, p.weeks * 7)
    func someDay() -> LocalDate { firstDay.adding(days: r.int(0..<days)) }
    for i in rota.workers.indices {
      let roll = r.int(0..<20)
      if roll == 0 {
        rota.workers[i].start = someDay()
      } else if roll == 1 {
        rota.workers[i].end = someDay()
      }
      guard r.int(0..<10) == 0 else { continue }
      let from = someDay()
      guard rota.workers[i].isInPost(on: from) else { continue }
      var pattern = rota.workers[i].pattern
      let worked = (0..<5).filter { pattern[Weekday(rawValue: $0)!, .am] != .off }
      guard let day = worked.isEmpty ? nil : Weekday(rawValue: worked[r.int(0..<worked.count)]) else { continue }
      if r.int(0..<2) == 0 {
        pattern[day, .am] = .home
        pattern[day, .pm] = .home
      } else {
        let site = rota.sites[r.int(0..<rota.sites.count)].code
        pattern[day, .am] = .site(site)
        pattern[day, .pm] = .site(site)
      }
      rota.workers[i].patternChanges = [PatternChange(from: from, pattern: pattern)]
    }
    for i in rota.sites.indices.dropFirst() where r.int(0..<30) == 0 {
      rota.sites[i].end = someDay()
    }
    let leads = ["Dr Sara Patel (GP supervisor)", "Jo Barnes (clinical lead)", "Dr Femi Adebayo"]
    for i in rota.events.indices where rota.events[i].kind == .supervision {
      rota.events[i].lead = leads[r.int(0..<leads.count)]
    }
  }

  // MARK: Sites

  static let placeWords = [
    "Riverside", "Oakfield", "Brook Lane", "Millbrook", "Hillside", "Elm Park", "Westgate", "Northfield",
    "Kingsway", "Meadowbank", "Ashford Road", "Victoria", "Parkview", "Beechwood", "Highfield",
    "Church Street", "Station Road", "Greenhill", "Castle Mead", "Abbey", "Harbour", "Lakeside", "Orchard",
    "Willow", "Fairfield", "Moorside", "Queensway", "Springfield", "Thornbury", "Woodlands",
  ]
  static let qualifiers = ["", "North ", "South ", "East ", "West ", "Upper ", "Lower ", "Old ", "New "]

  static func suffixes(_ kind: SiteKind) -> [String] {
    switch kind {
    case .practice: return ["Surgery", "Medical Centre", "Health Centre", "Medical Practice", "Family Practice"]
    case .school: return ["Primary School", "Academy", "Infant School", "High School"]
    case .hospice: return ["Children's Hospice", "Hospice"]
    case .hospital: return ["Children's Hospital", "General Hospital"]
    case .hub: return ["Wellbeing Hub", "PCN Hub"]
    case .community: return ["Community Centre", "Library", "Family Hub"]
    }
  }

  mutating func kind(for i: Int) -> SiteKind {
    if i == 0 { return .practice }
    let r = rng.int(0..<100)
    switch r {
    case 0..<70: return .practice
    case 70..<80: return .school
    case 80..<85: return .hospice
    case 85..<90: return .hospital
    case 90..<95: return .hub
    default: return .community
    }
  }

  mutating func makeSites() -> [Site] {
    var sites: [Site] = []
    var codes: Set<String> = []
    for i in 0..<p.sites {
      let k = kind(for: i)
      let word = Self.placeWords[i % Self.placeWords.count]
      let qualifier = Self.qualifiers[(i / Self.placeWords.count) % Self.qualifiers.count]
      let suffix = Self.suffixes(k)[rng.int(0..<Self.suffixes(k).count)]
      let name = "\(qualifier)\(word) \(suffix)"
      let letters = name.uppercased().filter { $0 >= "A" && $0 <= "Z" }
      var code = String(letters.prefix(3))
      var n = 1
      while codes.contains(code) || !SiteCode.isValid(code) {
        code = String(letters.prefix(3)) + String(n)
        n += 1
      }
      codes.insert(code)
      var site = Site(code: code, name: name, kind: k)
      switch k {
      case .practice:
        site.rooms = [1, 1, 1, 2, 2, 3][rng.int(0..<6)]
        if rng.int(0..<5) == 0 { site.open.remove(WeekdayHalf([.wed, .thu][rng.int(0..<2)], .pm)) }
        if rng.int(0..<3) == 0 {
          site.cover.insert(WeekdayHalf(Weekday(rawValue: rng.int(0..<5))!, .am))
          if rng.int(0..<2) == 0 { site.cover.insert(WeekdayHalf(Weekday(rawValue: rng.int(0..<5))!, .pm)) }
        }
      case .hospice, .hospital:
        site.rooms = 2
        site.open = WeeklySessions(mask: 0x3FFF)
        site.openBankHolidays = true
      case .hub:
        site.rooms = 4 + rng.int(0..<4)
      case .school, .community:
        site.rooms = 1
      }
      sites.append(site)
    }
    return sites
  }

  /// Groups of about eight sites that share workers, as a PCN's neighbourhoods do.
  func clustersOf(_ sites: [Site]) -> [[Int]] {
    let size = 8
    return stride(from: 0, to: sites.count, by: size).map { Array($0..<min(sites.count, $0 + size)) }
  }

  // MARK: Workers

  static let firstNames: [(String, String)] = [
    ("Amira", "amira"), ("Siobhán", "siobhan"), ("Chidi", "chidi"), ("Tomasz", "tomasz"), ("Zeynep", "zeynep"),
    ("Mei-Lin", "mei-lin"), ("Siân", "sian"), ("Gurpreet", "gurpreet"), ("Hodan", "hodan"), ("Ioana", "ioana"),
    ("Olusegun", "olusegun"), ("Priya", "priya"), ("Dafydd", "dafydd"), ("Aoife", "aoife"), ("Bogdan", "bogdan"),
    ("Fatima", "fatima"), ("José", "jose"), ("Ngozi", "ngozi"), ("Kwame", "kwame"), ("Rhiannon", "rhiannon"),
    ("Agnieszka", "agnieszka"), ("Ruth", "ruth"), ("Yusuf", "yusuf"), ("Shazia", "shazia"), ("Declan", "declan"),
    ("Ewa", "ewa"), ("Mohammed", "mohammed"), ("Ellie", "ellie"), ("Joanne", "joanne"), ("Kofi", "kofi"),
    ("Leila", "leila"), ("Marek", "marek"), ("Nia", "nia"), ("Oğuz", "oguz"), ("Parveen", "parveen"),
  ]
  static let surnames: [(String, String)] = [
    ("Khan", "khan"), ("O'Connor", "oconnor"), ("Okonkwo", "okonkwo"), ("Wiśniewski", "wisniewski"),
    ("Yılmaz", "yilmaz"), ("Chen", "chen"), ("Pritchard", "pritchard"), ("Sandhu", "sandhu"), ("Abdi", "abdi"),
    ("Ștefănescu", "stefanescu"), ("Adeyemi", "adeyemi"), ("Patel", "patel"), ("Jones", "jones"),
    ("Murphy", "murphy"), ("Nowak", "nowak"), ("Begum", "begum"), ("García", "garcia"), ("Mensah", "mensah"),
    ("Evans", "evans"), ("Kowalczyk", "kowalczyk"), ("Ali", "ali"), ("Hussain", "hussain"), ("Smith", "smith"),
    ("Nguyễn", "nguyen"), ("Brennan", "brennan"), ("Williams", "williams"), ("Şahin", "sahin"),
    ("Owusu", "owusu"), ("Szabó", "szabo"), ("Ahmed", "ahmed"),
  ]

  mutating func role(for i: Int) -> Role {
    let r = rng.int(0..<100)
    switch r {
    case 0..<50: return .gpLinkWorker
    case 50..<65: return .familyLinkWorker
    case 65..<80: return .healthWellbeingCoach
    default: return .careCoordinator
    }
  }

  /// The site, or home when the site is closed that half-day: a planner avoids
  /// closed sites, though one time in ten the usual week still has the mistake.
  mutating func place(_ site: Site, _ day: Weekday, _ half: Half) -> Place {
    site.open.contains(WeekdayHalf(day, half)) || rng.int(0..<10) == 0 ? .site(site.code) : .home
  }

  /// Rooms enough for the busiest half-day of the usual weeks, as a real site
  /// would be sized; about one site in ten is a room short, a known crunch.
  mutating func sizeRooms(_ rota: inout Rota) {
    var load = [[Int]](repeating: Array(repeating: 0, count: 14), count: rota.sites.count)
    let index = Dictionary(uniqueKeysWithValues: rota.sites.enumerated().map { ($1.code, $0) })
    for w in rota.workers {
      for slot in 0..<14 {
        if let code = w.pattern.places[slot].siteCode, let i = index[code] { load[i][slot] += 1 }
      }
    }
    for i in rota.sites.indices {
      let busiest = load[i].max() ?? 0
      let short = busiest > 1 && rng.int(0..<10) == 0 ? 1 : 0
      rota.sites[i].rooms = min(50, max(rota.sites[i].rooms, busiest - short))
    }
  }

  mutating func makeWorkers(sites: [Site], clusters: [[Int]]) -> [Worker] {
    var workers: [Worker] = []
    var ids: Set<String> = []
    for i in 0..<p.workers {
      let first = Self.firstNames[rng.int(0..<Self.firstNames.count)]
      let last = Self.surnames[rng.int(0..<Self.surnames.count)]
      var id = "\(first.1)-\(last.1)"
      var n = 2
      while ids.contains(id) {
        id = "\(first.1)-\(last.1)-\(n)"
        n += 1
      }
      ids.insert(id)
      let role = role(for: i)
      let sessions = [10, 10, 10, 10, 10, 10, 8, 8, 6, 6, 6, 4][rng.int(0..<12)]
      let cluster = clusters[i % clusters.count]
      let practices = cluster.filter { sites[$0].kind == .practice }
      let others = cluster.filter { sites[$0].kind != .practice }
      var patch: [Int]
      switch role {
      case .familyLinkWorker:
        patch = others.filter { [.school, .hospice, .hospital].contains(sites[$0].kind) }
        if patch.isEmpty { patch = others.isEmpty ? cluster : others }
      case .healthWellbeingCoach:
        patch = Array(practices.prefix(3)) + others.filter { sites[$0].kind == .hub || sites[$0].kind == .community }
      case .gpLinkWorker:
        patch = practices
      case .careCoordinator:
        patch = practices.isEmpty ? [] : [practices[rng.int(0..<practices.count)]]
      }
      if patch.isEmpty { patch = cluster }

      var pattern = WeeklyPattern()
      let daysWorked = sessions / 2
      var weekdays = Array(0..<5)
      while weekdays.count > daysWorked { weekdays.remove(at: rng.int(0..<weekdays.count)) }
      let homeDay = sessions >= 8 && rng.int(0..<3) > 0 ? weekdays[rng.int(0..<weekdays.count)] : -1
      var next = rng.int(0..<patch.count)
      for d in weekdays {
        let day = Weekday(rawValue: d)!
        if d == homeDay {
          pattern[day, .am] = .home
          pattern[day, .pm] = .home
          continue
        }
        let siteIndex = patch[next % patch.count]
        next += 1
        let r = rng.int(0..<25)
        let pmIndex = r == 1 ? patch[next % patch.count] : siteIndex
        pattern[day, .am] = place(sites[siteIndex], day, .am)
        pattern[day, .pm] = r == 0 ? .home : place(sites[pmIndex], day, .pm)
      }
      workers.append(
        Worker(
          id: id, name: "\(first.0) \(last.0)", role: role, sessions: sessions, pattern: pattern))
    }
    return workers
  }
}

/// A small, fast, seedable random number generator (SplitMix64), so that a seed
/// gives the same rota on every machine and every Swift version.
public struct SplitMix64: RandomNumberGenerator, Sendable {
  var state: UInt64

  public init(seed: UInt64) { state = seed }

  public mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }

  /// A uniform integer in `range`, without the standard library's unspecified algorithm.
  mutating func int(_ range: Range<Int>) -> Int {
    range.lowerBound + Int(next() % UInt64(range.count))
  }
}
