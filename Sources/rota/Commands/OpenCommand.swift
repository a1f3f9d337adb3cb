import ArgumentParser
import Foundation
import RotaCore
import RotaStore
import RotaTerminal
import RotaUI

struct OpenCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "open",
    abstract: "Open the full-screen planner (the default command).",
    discussion: """
      Shows the team's week across every site, with every conflict and every sign
      of solitary work flagged. Press ? inside for every key. Edits are saved at
      once; several people can have the same rota open.

      --script and --dump-screen run the planner on a virtual screen instead of the
      terminal, for tests and for reproducing what a user saw: the script's keys
      and mouse events are replayed, then the screen is written as text.

      Examples:
        rota                                  open this week
        rota open --week next                 open next week
        rota open --read-only                 look without being able to change anything
        rota open --script keys.txt --dump-screen screen.txt --size 120x40
      """
  )

  @Option(name: .long, help: ArgumentHelp("The week to open: 2026-W48, today, next or last.", valueName: "W"))
  var week: WeekSpec?

  @OptionGroup var store: StoreOptions
  @OptionGroup var readOnly: ReadOnlyOption
  @OptionGroup var identity: IdentityOption

  @Option(
    help: ArgumentHelp("Replay these keys and mouse events on a virtual screen (see docs/cli.md).", valueName: "FILE"))
  var script: String?

  @Option(help: ArgumentHelp("Replay these keys given inline, as in a script file.", valueName: "KEYS"))
  var keys: String?

  @Option(
    name: .customLong("dump-screen"),
    help: ArgumentHelp("Write the virtual screen as text here (- for standard output).", valueName: "FILE"))
  var dumpScreen: String?

  @Option(
    name: .customLong("dump-styles"),
    help: ArgumentHelp("Write the virtual screen's styles, one letter per cell.", valueName: "FILE"))
  var dumpStyles: String?

  @Option(help: ArgumentHelp("The virtual screen's size.", valueName: "WxH"))
  var size: String = "120x40"

  @Option(
    help: ArgumentHelp(
      "How often to look for changes saved by others, in milliseconds; 0 turns live updates off.", valueName: "MS"))
  var refresh: Int = 250

  @Option(
    help: ArgumentHelp(
      "The colour theme: default, high-contrast, colour-blind-safe, monochrome, or one of yours (T cycles).",
      valueName: "NAME"))
  var theme: String?

  @Option(name: .long, help: ArgumentHelp("Open this worker's own week (their id, such as amira).", valueName: "ID"))
  var worker: String?

  @Option(
    name: .long, help: ArgumentHelp("The screen to open: workers, sites, findings, board or arrs.", valueName: "VIEW"))
  var view: String?

  /// The theme asked for: --theme, else the default for the terminal (monochrome
  /// when NO_COLOR is set, light on a light background, else default).
  func themeChoice() -> String { theme ?? ThemeLibrary.defaultName() }

  /// Puts the planner on the screen the options ask for.
  func configure(_ planner: Planner, library: ThemeLibrary, message: String?) throws {
    if let message { planner.tell(message) }
    planner.themeNames = library.names
    planner.themeName = themeChoice()
    // The id as the rota has it (Amira means amira), resolved when the store was opened.
    if let worker, !planner.openMyWeek(id: (planner.backend as? StoreBackend)?.ownWorker ?? worker.lowercased()) {
      throw CLIError.input("--worker \(worker): no worker has that id")
    }
    if let view {
      let views: [String: ScreenID] = [
        "workers": .workers, "sites": .sites, "findings": .findings, "board": .board, "arrs": .arrs,
      ]
      guard let screen = views[view] else {
        throw CLIError.input("--view \(view): expected workers, sites, findings, board or arrs")
      }
      planner.show(screen)
    }
  }

  func run() throws {
    let today = Clock.today()
    let first = try week?.resolve(today: today, flag: "--week")
    let who = try identity.who()
    let (database, createdDemo) = try store.openForReadingNoting(readOnly: readOnly.readOnly, today: today)
    let own = try worker.map { typed in
      try resolveWorker(typed, flag: "--worker", in: try database.load(window: today...today)).id
    }
    let backend = StoreBackend(store: database, who: who, ownWorker: own)
    if script != nil || keys != nil || dumpScreen != nil || dumpStyles != nil {
      try runHeadless(backend: backend, today: today, week: first, message: createdDemo)
    } else {
      try runTerminal(backend: backend, today: today, week: first, message: createdDemo)
    }
  }

  func parseSize() throws -> (Int, Int) {
    let parts = size.lowercased().split(separator: "x").compactMap { Int($0) }
    guard parts.count == 2, (1...1000).contains(parts[0]), (1...1000).contains(parts[1]) else {
      throw CLIError.input("--size \(size): expected columns x rows, such as 120x40")
    }
    return (parts[0], parts[1])
  }

  func runHeadless(backend: StoreBackend, today: LocalDate, week: ISOWeek?, message: String?) throws {
    let (w, h) = try parseSize()
    var text = keys ?? ""
    if let script {
      do {
        text += "\n" + (try TextFile.read(script))
      } catch {
        let at = error.line > 0 ? ":\(error.line):\(error.column)" : ""
        throw CLIError.input("--script \(script)\(at): \(error.message)")
      }
    }
    let events: [InputEvent]
    do {
      events = try KeyScript.parse(text)
    } catch {
      throw CLIError.input("the script: \(error)")
    }
    let planner: Planner
    do {
      planner = try Planner(backend: backend, today: today, week: week, width: w, height: h)
    } catch {
      throw CLIError.input(error.message)
    }
    let library = ThemeLibrary.standard()
    try configure(planner, library: library, message: message)
    let (_, problem) = library.load(planner.themeName)
    if let problem { planner.tell(problem, error: true) }
    for event in events where planner.handle(event).contains(.quit) { break }
    // The script ends with the cursor at rest.
    planner.settle()
    let canvas = planner.render()
    if let dumpScreen {
      if dumpScreen == "-" {
        do {
          try emit(canvas.text)
        } catch {
          throw CLIError.input(
            "cannot write the screen to standard output (\(error.reason)); any edits the script made were saved")
        }
      } else {
        try writeFile(canvas.text, to: dumpScreen)
      }
    }
    if let dumpStyles { try writeFile(canvas.styleText, to: dumpStyles) }
  }

  func runTerminal(backend: StoreBackend, today: LocalDate, week: ISOWeek?, message: String?) throws {
    let library = ThemeLibrary.standard()
    let (startTheme, problem) = library.load(themeChoice())
    let terminal: Terminal
    do {
      terminal = try Terminal(theme: startTheme, noColour: false)
    } catch {
      throw CLIError.input("\(error)")
    }
    var signalled: Int32? = nil
    do {
      defer { terminal.stop() }
      let planner: Planner
      do {
        planner = try Planner(
          backend: backend, today: today, week: week, width: terminal.width, height: terminal.height)
      } catch {
        throw CLIError.input(error.message)
      }
      try configure(planner, library: library, message: message)
      if let problem { planner.tell(problem, error: true) }
      terminal.draw(planner.render())
      var lastTick = Date()
      var lastKey = Date()
      loop: while true {
        if let s = Terminal.receivedSignal {
          signalled = s
          break
        }
        var outcome = Outcome.nothing
        let asked = Date()
        let event = terminal.read()
        if event == nil && Date().timeIntervalSince(asked) < 0.01 && terminal.hungUp { break }
        if let event {
          outcome = planner.handle(event)
          lastKey = Date()
        } else if !planner.isSettled && Date().timeIntervalSince(lastKey) >= 0.15 {
          // The cursor has rested: let the detail pane catch up.
          if planner.settle() { outcome.insert(.redraw) }
        }
        // Live updates: ask the database whether anyone committed (four times a second by default).
        if refresh > 0 && Date().timeIntervalSince(lastTick) * 1000 >= Double(refresh) {
          lastTick = Date()
          outcome.formUnion(planner.handle(.tick))
        }
        if outcome.contains(.quit) { break loop }
        if outcome.contains(.themeChanged) {
          // Colours change everywhere, so draw every cell.
          let (next, problem) = library.load(planner.themeName)
          terminal.theme = next
          terminal.invalidate()
          if let problem { planner.tell(problem, error: true) }
        }
        if outcome.contains(.repaint) { terminal.invalidate() }
        if !outcome.isEmpty { terminal.draw(planner.render()) }
      }
    }
    if let signalled { throw ExitCode(128 + signalled) }
  }
}
