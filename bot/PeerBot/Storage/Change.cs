namespace PeerBot.Storage;

/// <summary>
/// One change record: the row <see cref="Key"/> of <see cref="Stream"/> was written or deleted around
/// <see cref="At"/>. A record says only that the row may have changed; readers read the row itself for its state.
/// </summary>
/// <param name="Stream">Which kind of row ("profiles", "intros", …); each store names its own.</param>
/// <param name="Key">The row's own key (a member id, an intro's pair key).</param>
/// <param name="Kind"><see cref="ChangeKinds.Saved"/> or <see cref="ChangeKinds.Deleted"/>: what the writer set out to do.</param>
/// <param name="Members">Every member the row concerns, so that per-member caches can follow changes without reading the row.</param>
public sealed record Change(string Stream, string Key, string Kind, IReadOnlyList<string> Members, DateTimeOffset At)
{
    /// <summary>The <see cref="ChangeLog.Writer"/> that recorded it ("" for records written before writers were named).</summary>
    public string By { get; init; } = "";
}

public static class ChangeKinds
{
    public const string Saved = "saved";
    public const string Deleted = "deleted";
}
