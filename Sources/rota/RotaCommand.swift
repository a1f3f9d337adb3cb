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
      RedoCommand.self, InitCommand.self, ImportCommand.self, ExportCommand.self, GenerateCommand.self,
    ],
    defaultSubcommand: OpenCommand.self
  )

  /// Runs the command, mapping errors to the exit statuses of `docs/cli.md`:
  /// 2 for bad usage or input, 3 for a refused edit, 1 for `check` errors.
  static func main() {
    // A rota holds staff leave: every file rota creates is the user's alone.
    umask(0o077)
    do {
      var command = try parseAsRoot()
      try command.run()
    } catch let error as CLIError {
      FileHandle.standardError.write(Data("rota: \(error.message)\n".utf8))
      Foundation.exit(error.status)
    } catch let code as ExitCode {
      Foundation.exit(code.rawValue)
    } catch {
      let code = exitCode(for: error)
      if code == .success {
        exit(withError: error)
      }
      var message = fullMessage(for: error)
      if message.hasPrefix("Error: ") { message.removeFirst("Error: ".count) }
      FileHandle.standardError.write(Data("rota: \(message)\n".utf8))
      Foundation.exit(code == .validationFailure ? 2 : code.rawValue)
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
