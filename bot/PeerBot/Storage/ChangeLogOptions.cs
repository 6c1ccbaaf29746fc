namespace PeerBot.Storage;

/// <summary>The "Changes" configuration section: how change records are read and how long they are kept.</summary>
public sealed class ChangeLogOptions
{
    public const string Section = "Changes";

    /// <summary>
    /// Readers take only records at least this old. A record is written before the row it announces, so by the
    /// time a reader takes it the row is written too; a writer whose row took longer than half of this writes a
    /// second record (see <see cref="ChangeLog.RecordAsync{T}"/>). It also absorbs clock skew between instances.
    /// </summary>
    public TimeSpan Settle { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How long records are kept. A reader whose cursor is older than this (an instance stalled for an hour, nudges
    /// switched off) reads the whole table once instead. Short, because a record names the member it concerns: a
    /// forgotten member's id stays in change records no longer than this plus <see cref="PruneInterval"/>.
    /// </summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How often each instance deletes records older than <see cref="Retention"/>.</summary>
    public TimeSpan PruneInterval { get; set; } = TimeSpan.FromMinutes(10);
}
