import ArgumentParser
import Foundation
import RotaCore

/// The `rota` command: the TUI by default, and the subcommands for the shell.
@main
struct RotaCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "rota",
    abstract: "Plan a PCN social prescribing team's week, and spot solitary work.",
    discussion: """
      With no subcommand, rota opens the full-screen planner on this week.

      Examples:
        rota                          open the planner
        rota week --worker amira      where Amira is this week, and with whom
        rota check --format json      findings and isolation summary for a script
      """,
    subcommands: [
      OpenCommand.self, WeekCommand.self, CheckCommand.self, MoveCommand.self, LogCommand.self, UndoCommand.self,
      RedoCommand.self, InitCommand.self, ImportCommand.self, ExportCommand.self, CopyCommand.self,
      GenerateCommand.self,
      WorkersCommand.self, SitesCommand.self, WorkerCommand.self, PatternCommand.self, SiteCommand.self,
      LeaveCommand.self, EventCommand.self, SuggestCommand.self,
    ],
    defaultSubcommand: OpenCommand.self
  )

  /// Runs the command, mapping errors to the exit statuses of `docs/cli.md`:
  /// 2 for bad usage or input, 3 for a refused edit, 1 for `check` errors.
  /// Every message goes out through `warn` and every report through `emit`.
  static func main() {
    // A rota holds staff leave: every file rota creates is the user's alone.
    umask(0o077)
    do {
      try checkSubcommand(Array(CommandLine.arguments.dropFirst()))
      var command = try parseAsRoot()
      if command is ChangesTheRota { signal(SIGPIPE, SIG_IGN) }
      try checkClock()
      try command.run()
    } catch let error as CLIError {
      warn(error.message)
      Foundation.exit(error.status)
    } catch let failure as WriteFailure {
      warn("cannot write to \(failure.destination) (\(failure.reason)); nothing was changed")
      Foundation.exit(2)
    } catch let code as ExitCode {
      Foundation.exit(code.rawValue)
    } catch {
      let code = exitCode(for: error)
      if code == .success {
        // --help and the like: printed like any other output.
        do {
          try emit(fullMessage(for: error) + "\n")
        } catch {
          Foundation.exit(2)
        }
        Foundation.exit(0)
      }
      var message = fullMessage(for: error)
      if message.hasPrefix("Error: ") { message.removeFirst("Error: ".count) }
      warn(message)
      Foundation.exit(code == .validationFailure ? 2 : code.rawValue)
    }
  }

  /// Today and now, which `ROTA_TODAY` and `ROTA_NOW` can pin, must be dates rota supports.
  static func checkClock() throws {
    let environment = ProcessInfo.processInfo.environment
    for (name, day) in [("ROTA_TODAY", Clock.today()), ("ROTA_NOW", Clock.now().date)] {
      guard let problem = SupportedDates.problem(day) else { continue }
      let pinned = environment[name].map { "\(name)=\($0): " } ?? "the system clock says "
      throw CLIError.input(pinned + problem)
    }
  }
}

extension RotaCommand {
  /// `rota wek`, `rota worker ad`: a word where a command is due that is no
  /// command is a typing slip, not an argument; say which command was meant.
  /// A group of commands (`rota worker`) given an option where its command is due
  /// says which commands it has.
  static func checkSubcommand(_ arguments: [String]) throws {
    var command: any ParsableCommand.Type = RotaCommand.self
    var path = "rota"
    for word in arguments {
      let subcommands = command.configuration.subcommands
      guard !subcommands.isEmpty, word != "help" else { return }
      let names = subcommands.compactMap { $0.configuration.commandName }
      if word.hasPrefix("-") {
        // The root's options belong to the planner; a group has none but --help.
        guard command.configuration.defaultSubcommand == nil, word != "-h", word != "--help" else { return }
        throw CLIError.input(
          "\(path) needs a command first: \(names.joined(separator: ", ")) (\(path) --help says what each does)")
      }
      guard let next = subcommands.first(where: { $0.configuration.commandName == word }) else {
        let hint = TypedInput.closest(to: word, in: names).map { "did you mean \(path) \($0)? " } ?? ""
        throw CLIError.input(
          "\(PrintableText.quoted(word)) is not a \(path) command; \(hint)the commands are \(names.joined(separator: ", ")) (\(path) --help says what each does)"
        )
      }
      command = next
      path += " \(word)"
    }
  }
}

/// A failure the user can act on: what is wrong, where, and the exit status.
struct CLIError: Error {
  let message: String
  let status: Int32

  /// Bad usage or bad input: exit status 2.
  static func input(_ message: String) -> CLIError { CLIError(message: message, status: 2) }
  /// A refused edit: exit status 3.
  static func conflict(_ message: String) -> CLIError { CLIError(message: message, status: 3) }
}
