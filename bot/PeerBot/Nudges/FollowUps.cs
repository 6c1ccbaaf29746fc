using Azure;
using Azure.Data.Tables;
using PeerBot.Storage;

namespace PeerBot.Nudges;

/// <summary>The answers "Did you meet?" can get.</summary>
public static class FollowUpAnswers
{
    public const string Yes = "yes";
    public const string NotYet = "notYet";
    public const string WontHappen = "wontHappen";

    public static bool IsKnown(string answer) => answer is Yes or NotYet or WontHappen;
}

/// <summary>One member's follow-up on one connection: when it was made, how often we asked, what they said.</summary>
public sealed record FollowUp(string PairKey, string MemberId, int Round, DateTimeOffset ConnectedAt, int Asked, int AnsweredAsk, string Answer, ETag ETag)
{
    /// <summary>When the first question is due, once something moved it (a booked meeting); null: the timer that planned it is current.</summary>
    public DateTimeOffset? DueAt { get; init; }
}

/// <summary>
/// Follow-ups in Table Storage (one row per connection and member, partitioned by member so that a member's
/// follow-ups are one partition), and their statistics.
/// </summary>
public sealed class FollowUps(TableServiceClient service, TableNames names, NudgeState state, TimeProvider clock) : Stats.IMeetingReports
{
    public const string Statistic = "followups";
    private readonly TableClient _table = service.GetTableClient(names.NudgeFollowUps);

    public async Task<FollowUp?> GetAsync(string pairKey, string memberId, CancellationToken cancellationToken)
    {
        var row = await _table.GetEntityIfExistsAsync<TableEntity>(TableKeys.Escape(memberId), TableKeys.Escape(pairKey), cancellationToken: cancellationToken);
        return row.HasValue ? Read(row.Value!) : null;
    }

    /// <summary>Records a new connection to follow up on; false when this round was recorded before.</summary>
    public async Task<bool> PlanAsync(string pairKey, string memberId, int round, DateTimeOffset connectedAt, CancellationToken cancellationToken, DateTimeOffset? due = null)
    {
        var existing = await GetAsync(pairKey, memberId, cancellationToken);
        if (existing is not null && existing.Round >= round)
        {
            return false;
        }
        var entity = new TableEntity(TableKeys.Escape(memberId), TableKeys.Escape(pairKey))
        {
            ["PairKey"] = pairKey,
            ["MemberId"] = memberId,
            ["Round"] = round,
            ["ConnectedAt"] = connectedAt,
            ["Asked"] = 0,
            ["AnsweredAsk"] = 0,
            ["Answer"] = "",
            ["DueAt"] = due,
        };
        try
        {
            if (existing is null)
            {
                await _table.AddEntityAsync(entity, cancellationToken);
            }
            else
            {
                await _table.UpdateEntityAsync(entity, existing.ETag, TableUpdateMode.Replace, cancellationToken);
            }
            return true;
        }
        catch (RequestFailedException e) when (e.Status is 409 or 412)
        {
            return false;
        }
    }

    /// <summary>
    /// Moves the first question to <paramref name="due"/> (its timer is written by the caller first), creating the row
    /// when the connection was not planned yet. False when it was asked or answered already.
    /// </summary>
    public async Task<bool> SetDueAsync(string pairKey, string memberId, int round, DateTimeOffset connectedAt, DateTimeOffset due, CancellationToken cancellationToken)
    {
        // Another writer (the follower planning the connection's follow-up from the change records) may create or
        // change the row between the read and the write: then read again, so that the move is not lost to it.
        for (var attempt = 0; attempt < 5; attempt++)
        {
            var existing = await GetAsync(pairKey, memberId, cancellationToken);
            if (existing is null || existing.Round < round)
            {
                if (await PlanAsync(pairKey, memberId, round, connectedAt, cancellationToken, due))
                {
                    return true;
                }
                continue;
            }
            if (existing.Round != round || existing.Asked > 0 || existing.AnsweredAsk > 0)
            {
                return false;
            }
            try
            {
                await _table.UpdateEntityAsync(new TableEntity(TableKeys.Escape(memberId), TableKeys.Escape(pairKey)) { ["DueAt"] = due }, existing.ETag, TableUpdateMode.Merge, cancellationToken);
                return true;
            }
            catch (RequestFailedException e) when (e.Status == 412)
            {
                // Changed meanwhile: read again.
            }
        }
        return false;
    }

    /// <summary>Notes that question number <paramref name="asked"/> went out (counted once).</summary>
    public async Task AskedAsync(FollowUp followUp, int asked, CancellationToken cancellationToken)
    {
        var current = await GetAsync(followUp.PairKey, followUp.MemberId, cancellationToken);
        if (current is null || current.Asked >= asked)
        {
            return;
        }
        try
        {
            await _table.UpdateEntityAsync(new TableEntity(TableKeys.Escape(followUp.MemberId), TableKeys.Escape(followUp.PairKey)) { ["Asked"] = asked }, current.ETag, TableUpdateMode.Merge, cancellationToken);
            await state.CountAsync(Statistic, "asked", cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == 412)
        {
            // Recorded by a concurrent attempt.
        }
    }

    /// <summary>Stores an answer to question <paramref name="asked"/>; false when it was answered already.</summary>
    public async Task<bool> AnswerAsync(string pairKey, string memberId, int round, int asked, string answer, CancellationToken cancellationToken)
    {
        var current = await GetAsync(pairKey, memberId, cancellationToken);
        if (current is null || current.Round != round || current.AnsweredAsk >= asked)
        {
            return false;
        }
        try
        {
            await _table.UpdateEntityAsync(new TableEntity(TableKeys.Escape(memberId), TableKeys.Escape(pairKey))
            {
                ["Answer"] = answer,
                ["AnsweredAsk"] = asked,
                ["AnsweredAt"] = clock.GetUtcNow(),
            }, current.ETag, TableUpdateMode.Merge, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == 412)
        {
            return false;
        }
        await state.CountAsync(Statistic, answer, cancellationToken);
        if (answer == FollowUpAnswers.Yes)
        {
            Telemetry.PeerBotTelemetry.Intro("met");
        }
        return true;
    }

    public Task<IReadOnlyDictionary<string, int>> StatisticsAsync(CancellationToken cancellationToken) => state.StatisticsAsync(Statistic, cancellationToken);

    /// <summary>Connections that someone in them reported as met ("Yes") in the window, each counted once.</summary>
    public async Task<int> MetBetweenAsync(DateTimeOffset since, DateTimeOffset until, CancellationToken cancellationToken)
    {
        var met = new HashSet<string>(StringComparer.Ordinal);
        var filter = TableClient.CreateQueryFilter($"Answer eq {FollowUpAnswers.Yes} and AnsweredAt ge {since} and AnsweredAt lt {until}");
        await foreach (var row in _table.QueryAsync<TableEntity>(filter, select: ["PairKey", "Round"], cancellationToken: cancellationToken))
        {
            met.Add($"{row.GetString("PairKey")}:{row.GetInt32("Round")}");
        }
        return met.Count;
    }

    private static FollowUp Read(TableEntity e) => new(
        e.GetString("PairKey") ?? "",
        e.GetString("MemberId") ?? "",
        e.GetInt32("Round") ?? 0,
        e.GetDateTimeOffset("ConnectedAt") ?? DateTimeOffset.MinValue,
        e.GetInt32("Asked") ?? 0,
        e.GetInt32("AnsweredAsk") ?? 0,
        e.GetString("Answer") ?? "",
        e.ETag)
    {
        DueAt = e.GetDateTimeOffset("DueAt"),
    };
}
