using PeerBot.Storage;

namespace PeerBot.Conversations;

/// <summary>How a turn is named in telemetry: channels and outcomes from a fixed list, never what the member sent.</summary>
internal static class TurnTelemetry
{
    private static readonly HashSet<string> KnownChannels = new(StringComparer.Ordinal) { "msteams", "slack", "emulator", "webchat", "directline" };

    /// <summary>The channel, when it is one we know; a channel id is whatever the request said, so others are "other".</summary>
    public static string Channel(ChatTurn turn) => KnownChannels.Contains(turn.From.Channel) ? turn.From.Channel : "other";

    public static string Outcome(Exception e) => e switch
    {
        Azure.RequestFailedException => "storage_unavailable",
        ConcurrentEditException => "concurrent_edit",
        OperationCanceledException => "cancelled",
        _ => "error",
    };
}
