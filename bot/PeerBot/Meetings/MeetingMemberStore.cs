using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using PeerBot.Storage;

namespace PeerBot.Meetings;

/// <summary>
/// Members' meeting rows (partition: the member bucket), changed only by ETag-guarded read-modify-write. A write that
/// moves a member's ranking signal, and a delete, is announced on the <see cref="Stream"/> change records, so other
/// instances re-read only the members whose standing changed.
/// </summary>
public sealed class MeetingMemberStore(TableServiceClient service, TableNames names, ChangeLog changes)
{
    public const string Stream = "standings";
    private readonly TableClient _table = service.GetTableClient(names.MeetingMembers);

    public async Task<MeetingMember?> GetAsync(string memberId, CancellationToken cancellationToken) =>
        (await ReadAsync(memberId, cancellationToken))?.Member;

    /// <summary>Applies <paramref name="change"/> (null: leave as is) and writes it, reading again when another writer got there first.</summary>
    public async Task<MeetingMember> UpdateAsync(string memberId, Func<MeetingMember, MeetingMember?> change, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            var current = await ReadAsync(memberId, cancellationToken);
            var before = current?.Member ?? new MeetingMember { MemberId = memberId };
            if (change(before) is not { } changed)
            {
                return before;
            }
            try
            {
                Task Save() => current is { } known
                    ? _table.UpdateEntityAsync(Write(changed), known.ETag, TableUpdateMode.Replace, cancellationToken)
                    : _table.AddEntityAsync(Write(changed), cancellationToken);
                if (changed.Standing != before.Standing)
                {
                    await changes.RecordAsync(Stream, memberId, ChangeKinds.Saved, [memberId], Save, cancellationToken);
                }
                else
                {
                    await Save();
                }
                return changed;
            }
            catch (RequestFailedException e) when (e.Status is 409 or 412 && attempt < 20)
            {
                // Someone else changed this member first: read again and decide again.
            }
        }
    }

    /// <summary>
    /// Members whose ranking signal is above zero (few rows, few columns), for the in-memory copy search reads: read
    /// whole only at start-up and when a reader's change cursor was lost.
    /// </summary>
    public async IAsyncEnumerable<(string MemberId, int Standing)> StandingsAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter($"Standing gt {0}");
        await foreach (var row in _table.QueryAsync<TableEntity>(filter, select: ["MemberId", "Standing"], cancellationToken: cancellationToken))
        {
            yield return (row.GetString("MemberId") ?? "", row.GetInt32("Standing") ?? 0);
        }
    }

    public Task DeleteAsync(string memberId, CancellationToken cancellationToken) =>
        changes.RecordAsync(Stream, memberId, ChangeKinds.Deleted, [memberId],
            () => _table.DeleteEntityAsync(TableKeys.Bucket(memberId), TableKeys.Escape(memberId), ETag.All, cancellationToken), cancellationToken);

    private async Task<(MeetingMember Member, ETag ETag)?> ReadAsync(string memberId, CancellationToken cancellationToken)
    {
        var row = await _table.GetEntityIfExistsAsync<TableEntity>(TableKeys.Bucket(memberId), TableKeys.Escape(memberId), cancellationToken: cancellationToken);
        return row.HasValue ? (Read(row.Value!), row.Value!.ETag) : null;
    }

    private static TableEntity Write(MeetingMember m) => new(TableKeys.Bucket(m.MemberId), TableKeys.Escape(m.MemberId))
    {
        ["MemberId"] = m.MemberId,
        ["Hours"] = m.Hours?.ToString().Replace('–', '-'),
        ["RemindersOff"] = m.RemindersOff,
        ["Pairs"] = JsonSerializer.Serialize(m.Pairs),
        ["Feedback"] = JsonSerializer.Serialize(m.Feedback),
        ["Answered"] = m.Answered,
        ["Ignored"] = m.Ignored,
        ["Met"] = m.Met,
        ["Standing"] = m.Standing,
    };

    private static MeetingMember Read(TableEntity e) => new()
    {
        MemberId = e.GetString("MemberId") ?? e.RowKey,
        Hours = e.GetString("Hours") is { Length: > 0 } hours ? WorkingHours.Parse(hours).Hours : null,
        RemindersOff = e.GetBoolean("RemindersOff") ?? false,
        Pairs = JsonSerializer.Deserialize<string[]>(e.GetString("Pairs") ?? "[]") ?? [],
        Feedback = JsonSerializer.Deserialize<string[]>(e.GetString("Feedback") ?? "[]") ?? [],
        Answered = e.GetInt32("Answered") ?? 0,
        Ignored = e.GetInt32("Ignored") ?? 0,
        Met = e.GetInt32("Met") ?? 0,
    };

    internal static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);
}
