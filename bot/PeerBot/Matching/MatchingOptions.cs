namespace PeerBot.Matching;

public sealed class MatchingOptions
{
    public const string Section = "Matching";

    /// <summary>How often each instance asks storage for profiles other instances changed.</summary>
    public int RefreshSeconds { get; set; } = 5;

    /// <summary>
    /// How often each instance re-reads every profile, to drop those deleted by another instance
    /// (a change poll cannot see a deleted row). Zero turns it off.
    /// </summary>
    public int FullResyncMinutes { get; set; } = 60;

    /// <summary>How often the counts of searches that needed the title-word fallback are added to storage.</summary>
    public int UnreadFlushSeconds { get; set; } = 60;
}
