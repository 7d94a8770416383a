import Foundation

exit(BatchdeckCommand.run(Array(CommandLine.arguments.dropFirst())))
