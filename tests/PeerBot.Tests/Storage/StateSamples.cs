using Microsoft.Bot.Builder;

namespace PeerBot.Tests.Storage;

public enum IntroStage
{
    Proposed,
    AcceptedByOne,
    Introduced,
}

public sealed class IntroNote
{
    public string Author { get; set; } = "";
    public string[] Topics { get; set; } = [];
    public IntroNote? Reply { get; set; }
}

/// <summary>A nested object of the kind dialogs keep in state.</summary>
public sealed class IntroDraft
{
    public string Id { get; set; } = "";
    public IntroStage Stage { get; set; }
    public DateTimeOffset ProposedAt { get; set; }
    public DateTimeOffset? AnsweredAt { get; set; }
    public List<IntroNote> Notes { get; set; } = [];
    public Dictionary<string, int> Scores { get; set; } = [];
    public Dictionary<string, object> Extras { get; set; } = [];
    public decimal Weight { get; set; }
}

/// <summary>A state object that asks for optimistic concurrency.</summary>
public sealed class Counter : IStoreItem
{
    public string? ETag { get; set; }
    public int Count { get; set; }
    public string Owner { get; set; } = "";
}
