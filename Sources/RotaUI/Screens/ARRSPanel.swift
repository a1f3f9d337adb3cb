import RotaCore

extension PlannerState {
  /// The ARRS panel: the team by role, with the maximum reimbursable amounts.
  func drawARRS(_ c: inout Canvas, _ f: Frame) {
    let table = ARRSTable.builtIn
    let wanted = ARRSTable.financialYear(of: week.monday)
    let (year, lines) = table.lines(for: model.rota, year: wanted)
    var y = f.body.y + 1
    let intro = wrapped([
      PageLine(
        text: "The team by role, from contracted sessions (10 sessions = 1 whole-time equivalent)",
        style: Style(.roleHeader, bold: true)),
      PageLine(
        text: year == wanted
          ? "ARRS maximums for \(year)"
          : "ARRS maximums for \(year), the latest year in the table (this week is in \(wanted))",
        style: Style(.dim)),
    ])
    for line in intro {
      c.putWhole(line.0, x: 0, y: y, style: line.1)
      y += 1
    }
    y += 1
    // The role's column takes what the numbers leave; on a narrow screen the
    // maximum per WTE gives way first, so no figure is ever cut.
    var numbers = [("People", 7), ("Sessions", 9), ("WTE", 6), ("Max per WTE", 12), ("Team maximum", 14)]
    if width - 2 - numbers.reduce(0, { $0 + $1.1 }) < 16 { numbers.remove(at: 3) }
    let roleWidth = max(12, width - 2 - numbers.reduce(0) { $0 + $1.1 })
    let columns = [("Role", roleWidth)] + numbers
    let keepPerWTE = numbers.count == 5
    var x = 1
    c.fill(x: 0, y: y, width: width, height: 1, style: Style(.header))
    for (title, w) in columns {
      c.putPadded(title, x: x, y: y, columns: w - 1, style: Style(.header, bold: true), alignRight: title != "Role")
      x += w
    }
    y += 1
    var totals = (people: 0, sessions: 0, max: 0)
    for l in lines {
      var values = [
        l.role.pluralName, "\(l.people)", "\(l.sessions)", ARRSTable.wte(l.wteTenths),
        l.maximumPerWTE.map(ARRSTable.pounds) ?? "not in table", l.maximum.map(ARRSTable.pounds) ?? "—",
      ]
      if !keepPerWTE { values.remove(at: 4) }
      x = 1
      for (i, (value, w)) in zip(values, columns.map(\.1)).enumerated() {
        c.putPadded(value, x: x, y: y, columns: w - 1, style: Style(.normal), alignRight: i > 0)
        x += w
      }
      totals = (totals.people + l.people, totals.sessions + l.sessions, totals.max + (l.maximum ?? 0))
      y += 1
    }
    x = 1
    var total = [
      "PCN total", "\(totals.people)", "\(totals.sessions)", ARRSTable.wte(totals.sessions), "",
      ARRSTable.pounds(totals.max),
    ]
    if !keepPerWTE { total.remove(at: 4) }
    for (i, (value, w)) in zip(total, columns.map(\.1)).enumerated() {
      c.putPadded(value, x: x, y: y, columns: w - 1, style: Style(.normal, bold: true), alignRight: i > 0)
      x += w
    }
    y += 2
    for line in wrapped([
      PageLine(
        text: "The PCN could claim up to \(ARRSTable.pounds(totals.max)) a year for this team at \(year) maximums.",
        style: .normal),
      PageLine(text: "Source: \(table.source)", style: Style(.dim)),
    ]) where y < f.body.bottom {
      c.putWhole(line.0, x: 0, y: y, style: line.1)
      y += 1
    }
  }
}
