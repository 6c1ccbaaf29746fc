namespace PeerBot.Matching;

public sealed class MatchingOptions
{
    public const string Section = "Matching";

    /// <summary>How often each instance reads the profile change records written after its cursor.</summary>
    public int RefreshSeconds { get; set; } = 5;

    /// <summary>
    /// How often each instance re-reads every profile anyway: a safety net for rows changed around the product
    /// (by hand in the storage account, or by a tool that writes no change records). Zero turns it off.
    /// </summary>
    public int FullResyncMinutes { get; set; } = 1440;

    /// <summary>How often the counts of searches that needed the title-word fallback are added to storage.</summary>
    public int UnreadFlushSeconds { get; set; } = 60;
}
