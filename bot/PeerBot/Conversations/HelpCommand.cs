using System.Text.Json.Nodes;

namespace PeerBot.Conversations;

/// <summary>"help": every command, as a card. Also what any text the bot does not understand brings.</summary>
public sealed class HelpCommand(IServiceProvider services) : IChatCommand
{
    public IReadOnlyList<string> Names { get; } = ["help", "?", "commands"];

    public string Usage => "help";

    public string Description => "Show this list of commands.";

    public Task RunAsync(CommandContext context, string arguments, CancellationToken cancellationToken)
    {
        // Resolved lazily: the command list includes this command itself.
        var commands = services.GetServices<IChatCommand>();
        var rows = new JsonArray(commands.Select(c => (JsonNode?)new JsonObject
        {
            ["command"] = c.Usage,
            ["description"] = c.Description,
        }).ToArray());
        var summary = "Commands: " + string.Join(", ", commands.Select(c => c.Usage));
        return context.SendAsync(new CardReply("help", new JsonObject { ["commands"] = rows }, summary), cancellationToken);
    }
}
