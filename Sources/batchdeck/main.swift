import Foundation

if CommandLine.arguments.dropFirst().first == "schedule" {
  exit(ScheduleCommand.run(Array(CommandLine.arguments.dropFirst(2))))
}
print("batchdeck")
